package modules

import (
	"context"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Raw runs a command line as given, with no module wrapper: by the login
// shell, or by executable.
type Raw struct{}

// Spec describes raw's arguments.
func (Raw) Spec() modspec.Spec {
	return modspec.Spec{
		Name:     "raw",
		Short:    "Executes a low-down and dirty command",
		FreeForm: true,
		Args: []modspec.Arg{
			{Name: "_raw_params", Type: modspec.String, Required: true, Doc: "The raw command to run."},
			{Name: "executable", Type: modspec.String, Doc: "Absolute path of the shell to run the command with (\"/bin/bash -c\" style)."},
		},
		Example: "- raw: apt-get -y install python3\n\n- raw: cat < /tmp/*txt\n  args:\n    executable: /bin/bash\n",
	}
}

// Run runs the command.
func (m Raw) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe reads nothing: what the command changes cannot be known, so
// check mode skips it, as Ansible's raw does; the apply step runs it.
func (Raw) Describe(_ context.Context, _ *Call) (*Planned, error) {
	return planned(&Result{Skipped: true}, runRaw), nil
}

// runRaw runs the command line.
func runRaw(ctx context.Context, call *Call) (*Result, error) {
	a := args(call.Args)
	line := a.str("_raw_params")
	if exe := a.str("executable"); exe != "" {
		line = exe + " -c " + hostfile.Quote(line)
	}
	res, err := call.Conn.Run(ctx, connection.Command{Cmd: line, Become: call.Become})
	if err != nil {
		return nil, err
	}
	return lowLevelResult(res), nil
}

// lowLevelResult is the result of Ansible's _low_level_execute_command as
// raw and script report it: always changed, failed on a non-zero status.
func lowLevelResult(res connection.Result) *Result {
	out := &Result{Changed: true, Data: map[string]any{
		"rc": res.RC, "stdout": res.Stdout, "stderr": res.Stderr,
		"stdout_lines": splitLines(res.Stdout), "stderr_lines": splitLines(res.Stderr),
	}}
	if res.RC != 0 {
		out.Failed, out.Msg = true, "non-zero return code"
	}
	return out
}
