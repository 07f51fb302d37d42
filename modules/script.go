package modules

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/shellwords"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Script copies a script from the controller to a temporary directory on
// the host, runs it there (by executable when given) and removes it.
type Script struct{}

// Spec describes script's arguments.
func (Script) Spec() modspec.Spec {
	return modspec.Spec{
		Name:     "script",
		Short:    "Runs a local script on a remote node after transferring it",
		FreeForm: true,
		Args: []modspec.Arg{
			{Name: "_raw_params", Type: modspec.String, Doc: "The local script's path followed by its arguments."},
			{Name: "cmd", Type: modspec.String, Doc: "The local script's path followed by its arguments (instead of the free form)."},
			{Name: "creates", Type: modspec.String, Doc: "A remote filename; when it exists, the script is not run."},
			{Name: "removes", Type: modspec.String, Doc: "A remote filename; when it does not exist, the script is not run."},
			{Name: "chdir", Type: modspec.String, Doc: "Absolute remote directory to change into before running the script."},
			{Name: "executable", Type: modspec.String, Doc: "Name or path of the executable to invoke the script with."},
			{Name: "decrypt", Type: modspec.Bool, Default: true, Doc: "Decrypt a vaulted script (a vaulted script is refused: not supported)."},
		},
		MutuallyExclusive: [][]string{{"_raw_params", "cmd"}},
		Example:           "- script: /some/local/script.sh --some-argument 1234\n\n- script: /some/local/create_file.sh --some-arguments 1234\n  args:\n    creates: /the/created/file.txt\n\n- script: /some/local/script.py\n  args:\n    executable: python3\n",
	}
}

// Run transfers and runs the script unless creates/removes say otherwise.
func (m Script) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe reads what creates/removes name and the script on the
// controller, and describes running it: a script they say must run
// would change, an unguarded one is skipped in check mode (Ansible's
// script does not support check mode then); the apply step transfers
// and runs it.
func (Script) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	fs := hostfile.New(call.Conn, call.Become)
	skip, err := scriptSkip(ctx, fs, a)
	if err != nil {
		return nil, err
	}
	if skip != nil {
		return reported(skip), nil
	}
	if chdir := a.str("chdir"); chdir != "" && !strings.HasPrefix(chdir, "/") {
		return reported(&Result{Failed: true, Msg: fmt.Sprintf("chdir %s must be an absolute path for a Unix-aware remote node", chdir)}), nil
	}
	line := strings.TrimSpace(a.str("_raw_params"))
	if line == "" {
		line = strings.TrimSpace(a.str("cmd"))
	}
	parts, err := shellwords.Split(line)
	if err != nil || len(parts) == 0 {
		return reported(&Result{Failed: true, Msg: fmt.Sprintf("no script given (%q)", line)}), nil
	}
	local, err := findLocal(call.Host, "files", parts[0])
	if err != nil {
		return reported(&Result{Failed: true, Msg: fmt.Sprintf("Could not find or access '%s' on the Ansible Controller.", parts[0])}), nil
	}
	content, err := os.ReadFile(local)
	if err != nil {
		return reported(&Result{Failed: true, Msg: fmt.Sprintf("Could not find or access '%s' on the Ansible Controller.", parts[0])}), nil
	}
	if strings.HasPrefix(string(content), "$ANSIBLE_VAULT;") {
		return reported(&Result{Failed: true, Msg: "vaulted scripts are not supported by edxplay's script module"}), nil
	}
	res := &Result{Changed: true}
	if !a.has("creates") && !a.has("removes") {
		res = &Result{Skipped: true, Msg: "Check mode is not supported for this task."}
	}
	return planned(res, func(ctx context.Context, call *Call) (*Result, error) {
		return runScript(ctx, call, a, line, parts[0], filepath.Base(local), content)
	}), nil
}

// scriptSkip returns the skipped result creates/removes ask for, or nil.
func scriptSkip(ctx context.Context, fs *hostfile.FS, a args) (*Result, error) {
	if creates := a.str("creates"); creates != "" {
		found, err := fs.GlobExists(ctx, creates, "")
		if err != nil {
			return nil, err
		}
		if found {
			return &Result{Skipped: true, Msg: creates + " exists, matching creates option"}, nil
		}
	}
	if removes := a.str("removes"); removes != "" {
		found, err := fs.GlobExists(ctx, removes, "")
		if err != nil {
			return nil, err
		}
		if !found {
			return &Result{Skipped: true, Msg: removes + " does not exist, matching removes option"}, nil
		}
	}
	return nil, nil
}

// runScript uploads content into a fresh temporary directory, runs the
// command line with the script's path replaced, and removes the directory.
func runScript(ctx context.Context, call *Call, a args, line, word, base string, content []byte) (*Result, error) {
	fs := hostfile.New(call.Conn, call.Become)
	out, err := fs.Exec(ctx, "umask 077 && mktemp -d \"${TMPDIR:-/tmp}/edxplay-script.XXXXXXXX\"")
	if err != nil {
		return nil, fmt.Errorf("create a temporary directory: %w", err)
	}
	dir := strings.TrimSpace(out)
	defer func() { _, _ = fs.Run(context.WithoutCancel(ctx), "rm -rf "+hostfile.Quote(dir)) }()
	remote := path.Join(dir, base)
	attrs := connection.FileAttrs{Mode: 0o700, Become: call.Become}
	if err := call.Conn.WriteFile(ctx, remote, content, attrs); err != nil {
		return nil, fmt.Errorf("transfer the script: %w", err)
	}
	script := strings.Replace(line, word, hostfile.Quote(remote), 1)
	if exe := a.str("executable"); exe != "" {
		script = exe + " " + script
	}
	res, err := call.Conn.Run(ctx, connection.Command{Cmd: script, Dir: a.str("chdir"), Env: call.Env, Become: call.Become})
	if err != nil {
		return nil, err
	}
	return lowLevelResult(res), nil
}
