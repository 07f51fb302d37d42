package modules

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/shellwords"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Command runs a command without a shell: its words are quoted so that
// pipes, redirections and variables are not interpreted.
type Command struct{}

// Shell runs a command line through a shell.
type Shell struct{}

// Spec describes command's arguments.
func (Command) Spec() modspec.Spec {
	return modspec.Spec{
		Name:     "command",
		Short:    "Execute commands on targets",
		FreeForm: true,
		Args: append(commandArgs(),
			modspec.Arg{Name: "argv", Type: modspec.List, Doc: "The command as a list of words (instead of the free form)."},
		),
		MutuallyExclusive: [][]string{{"_raw_params", "cmd", "argv"}},
		Example:           "- command: /usr/bin/make_database.sh db_user db_name\n  args:\n    chdir: somedir/\n    creates: /path/to/database\n",
	}
}

// Spec describes shell's arguments.
func (Shell) Spec() modspec.Spec {
	return modspec.Spec{
		Name:     "shell",
		Short:    "Execute shell commands on targets",
		FreeForm: true,
		Args: append(commandArgs(),
			modspec.Arg{Name: "executable", Type: modspec.Path, Doc: "Shell to run the command with (default /bin/sh)."},
		),
		MutuallyExclusive: [][]string{{"_raw_params", "cmd"}},
		Example:           "- shell: somescript.sh >> somelog.txt\n  args:\n    chdir: somedir/\n",
	}
}

func commandArgs() []modspec.Arg {
	return []modspec.Arg{
		{Name: "_raw_params", Type: modspec.String, Doc: "The free-form command."},
		{Name: "cmd", Type: modspec.String, Doc: "The command to run."},
		{Name: "chdir", Type: modspec.Path, Doc: "Change into this directory before running the command."},
		{Name: "creates", Type: modspec.Path, Doc: "A filename or glob; when it matches, the command is not run."},
		{Name: "removes", Type: modspec.Path, Doc: "A filename or glob; when it does not match, the command is not run."},
		{Name: "stdin", Type: modspec.String, Doc: "Data sent to the command's standard input."},
		{Name: "stdin_add_newline", Type: modspec.Bool, Default: true, Doc: "Append a newline to stdin data."},
		{Name: "strip_empty_ends", Type: modspec.Bool, Default: true, Doc: "Strip trailing newlines from stdout/stderr."},
	}
}

// Run runs the command unless creates/removes say otherwise.
func (Command) Run(ctx context.Context, call *Call) (*Result, error) {
	a := args(call.Args)
	line := a.str("_raw_params")
	if line == "" {
		line = a.str("cmd")
	}
	var argv []string
	if line != "" {
		words, err := shellwords.Split(line)
		if err != nil {
			return nil, fmt.Errorf("split command: %w", err)
		}
		argv = words
	}
	for _, w := range a.list("argv") {
		argv = append(argv, fmt.Sprint(w))
	}
	cmd := make([]any, len(argv))
	for i, w := range argv {
		cmd[i] = w
	}
	return runCommand(ctx, call, shellwords.Join(argv), cmd, strings.TrimSpace(line) == "" && len(argv) == 0)
}

// Run runs the command line with /bin/sh or the given executable.
func (Shell) Run(ctx context.Context, call *Call) (*Result, error) {
	a := args(call.Args)
	line := a.str("_raw_params")
	if line == "" {
		line = a.str("cmd")
	}
	script := line
	if exe := a.str("executable"); exe != "" {
		script = hostfile.Quote(exe) + " -c " + hostfile.Quote(line)
	}
	return runCommand(ctx, call, script, line, strings.TrimSpace(line) == "")
}

// runCommand runs script (reported as cmd) with command/shell semantics.
func runCommand(ctx context.Context, call *Call, script string, cmd any, empty bool) (*Result, error) {
	a := args(call.Args)
	data := map[string]any{"cmd": cmd, "rc": nil, "stdout": "", "stderr": "", "start": nil, "end": nil, "delta": nil, "msg": ""}
	if empty {
		data["rc"], data["msg"] = 256, "no command given"
		return &Result{Failed: true, Msg: "no command given", Data: data}, nil
	}
	if res := skipByFiles(ctx, call, data); res != nil {
		return res, nil
	}
	if call.Check {
		return checkModeCommand(a, data), nil
	}
	stdin := []byte(a.str("stdin"))
	if a.has("stdin") && a.boolean("stdin_add_newline") {
		stdin = append(stdin, '\n')
	}
	if !a.has("stdin") {
		stdin = nil
	}
	start := time.Now()
	res, err := call.Conn.Run(ctx, connection.Command{Cmd: script, Stdin: stdin, Dir: a.str("chdir"), Env: call.Env, Become: call.Become})
	if err != nil {
		return nil, err
	}
	end := time.Now()
	data["start"], data["end"], data["delta"] = pyTime(start), pyTime(end), pyDelta(end.Sub(start))
	data["rc"] = res.RC
	stdout, stderr := res.Stdout, res.Stderr
	if a.boolean("strip_empty_ends") {
		stdout, stderr = strings.TrimRight(stdout, "\r\n"), strings.TrimRight(stderr, "\r\n")
	}
	data["stdout"], data["stderr"] = stdout, stderr
	data["stdout_lines"], data["stderr_lines"] = splitLines(stdout), splitLines(stderr)
	out := &Result{Changed: true, Data: data}
	if res.RC != 0 {
		out.Failed, out.Msg = true, "non-zero return code"
		data["msg"] = out.Msg
	}
	return out, nil
}

// skipByFiles returns the ok result for a command that creates/removes
// say need not run, or nil when it should run.
func skipByFiles(ctx context.Context, call *Call, data map[string]any) *Result {
	a := args(call.Args)
	fs := hostfile.New(call.Conn, call.Become)
	verb := "Did"
	if call.Check {
		verb = "Would"
	}
	if creates := a.str("creates"); creates != "" {
		if found, err := fs.GlobExists(ctx, creates, a.str("chdir")); err == nil && found {
			return skippedCommand(data, fmt.Sprintf("%s not run command since '%s' exists", verb, creates), "skipped, since "+creates+" exists")
		}
	}
	if removes := a.str("removes"); removes != "" {
		if found, err := fs.GlobExists(ctx, removes, a.str("chdir")); err == nil && !found {
			return skippedCommand(data, fmt.Sprintf("%s not run command since '%s' does not exist", verb, removes), "skipped, since "+removes+" does not exist")
		}
	}
	return nil
}

func skippedCommand(data map[string]any, msg, stdout string) *Result {
	data["msg"], data["stdout"], data["rc"] = msg, stdout, 0
	data["stdout_lines"], data["stderr_lines"] = splitLines(stdout), []string{}
	return &Result{Msg: msg, Data: data}
}

// checkModeCommand is Ansible's partial check mode: a command guarded by
// creates/removes reports it would change; an unguarded one is skipped,
// flagged check_mode_unknown since its effect cannot be predicted.
func checkModeCommand(a args, data map[string]any) *Result {
	msg := "Command would have run if not in check mode"
	data["rc"], data["msg"] = 0, msg
	data["stdout_lines"], data["stderr_lines"] = []string{}, []string{}
	if !a.has("creates") && !a.has("removes") {
		data["check_mode_unknown"] = true
		return &Result{Skipped: true, Msg: msg, Data: data}
	}
	return &Result{Changed: true, Msg: msg, Data: data}
}

// splitLines splits like Python's str.splitlines.
func splitLines(s string) []string {
	if s == "" {
		return []string{}
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// pyTime formats t as Python's str(datetime).
func pyTime(t time.Time) string {
	return t.Format("2006-01-02 15:04:05.000000")
}

// pyDelta formats d as Python's str(timedelta).
func pyDelta(d time.Duration) string {
	us := d.Microseconds()
	h, m := us/3_600_000_000, us/60_000_000%60
	s, frac := us/1_000_000%60, us%1_000_000
	return fmt.Sprintf("%d:%02d:%02d.%06d", h, m, s, frac)
}
