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
			modspec.Arg{Name: "executable", Type: modspec.String, Doc: "No longer supported by command (since Ansible 2.4): ignored with a warning; use shell."},
		),
		MutuallyExclusive: [][]string{{"_raw_params", "cmd"}},
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
func (m Command) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe reads what creates/removes name and describes running the
// command without a shell.
func (Command) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	line := a.str("_raw_params")
	if line == "" {
		line = a.str("cmd")
	}
	if strings.TrimSpace(line) != "" && len(a.list("argv")) > 0 {
		data := newCommandData(nil)
		data["rc"], data["msg"] = 256, "only command or argv can be given, not both"
		return reported(&Result{Failed: true, Msg: "only command or argv can be given, not both", Data: data}), nil
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
	script := func(ctx context.Context, call *Call) (string, error) {
		words, err := expandArgv(ctx, call, argv)
		return shellwords.Join(words), err
	}
	p := describeCommand(ctx, call, script, cmd, strings.TrimSpace(line) == "" && len(argv) == 0)
	if exe := a.str("executable"); exe != "" {
		warn := fmt.Sprintf("As of Ansible 2.4, the parameter 'executable' is no longer supported with the 'command' module. Not using '%s'.", exe)
		p = withWarning(p, warn)
	}
	return p, nil
}

// withWarning adds a warning to a description's result and to its apply
// step's.
func withWarning(p *Planned, warn string) *Planned {
	return withResult(p, func(res *Result) {
		if res.Data == nil {
			res.Data = map[string]any{}
		}
		ws, _ := res.Data["warnings"].([]any)
		res.Data["warnings"] = append(ws, warn)
	})
}

// Run runs the command line with /bin/sh or the given executable.
func (m Shell) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe reads what creates/removes name and describes running the
// command line through the shell.
func (Shell) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	line := a.str("_raw_params")
	if line == "" {
		line = a.str("cmd")
	}
	script := line
	if exe := a.str("executable"); exe != "" {
		script = hostfile.Quote(exe) + " -c " + hostfile.Quote(line)
	}
	fixed := func(context.Context, *Call) (string, error) { return script, nil }
	return describeCommand(ctx, call, fixed, line, strings.TrimSpace(line) == ""), nil
}

// newCommandData is the result data of a command that has not run.
func newCommandData(cmd any) map[string]any {
	return map[string]any{"cmd": cmd, "rc": nil, "stdout": "", "stderr": "", "start": nil, "end": nil, "delta": nil, "msg": ""}
}

// describeCommand describes running script (reported as cmd) with
// command/shell semantics, as Ansible's partial check mode does: a
// command creates/removes say need not run is skipped ("Would not run"
// in check mode, "Did not run" once applied); one they say must run
// would change; an unguarded one is skipped in check mode, flagged
// check_mode_unknown since its effect cannot be predicted. The apply
// step runs it, building its script when it runs.
func describeCommand(ctx context.Context, call *Call, script func(context.Context, *Call) (string, error), cmd any, empty bool) *Planned {
	if empty {
		data := newCommandData(cmd)
		data["rc"], data["msg"] = 256, "no command given"
		return reported(&Result{Failed: true, Msg: "no command given", Data: data})
	}
	if failed := chdirFailure(ctx, call, cmd); failed != nil {
		return reported(failed)
	}
	if skip := skipByFiles(ctx, call); skip != nil {
		return planned(skip("Would").result(cmd), func(context.Context, *Call) (*Result, error) {
			return skip("Did").result(cmd), nil
		})
	}
	a := args(call.Args)
	data := newCommandData(cmd)
	msg := "Command would have run if not in check mode"
	data["rc"], data["msg"] = 0, msg
	data["stdout_lines"], data["stderr_lines"] = []string{}, []string{}
	res := &Result{Changed: true, Msg: msg, Data: data}
	if !a.has("creates") && !a.has("removes") {
		data["check_mode_unknown"] = true
		res = &Result{Skipped: true, Msg: msg, Data: data}
	}
	return planned(res, func(ctx context.Context, call *Call) (*Result, error) {
		line, err := script(ctx, call)
		if err != nil {
			return nil, err
		}
		return runCommand(ctx, call, line, cmd)
	})
}

// runCommand runs script (reported as cmd).
func runCommand(ctx context.Context, call *Call, script string, cmd any) (*Result, error) {
	a := args(call.Args)
	data := newCommandData(cmd)
	stdin := []byte(a.str("stdin"))
	if a.has("stdin") && a.boolean("stdin_add_newline") {
		stdin = append(stdin, '\n')
	}
	if !a.has("stdin") {
		stdin = nil
	}
	start := time.Now()
	if dir := a.str("chdir"); dir != "" {
		// the physical directory, as after Python's os.chdir: $PWD has no symlinks
		script = "cd -P -- " + hostfile.Quote(dir) + " || exit 1\n" + script
	}
	res, err := call.Conn.Run(ctx, connection.Command{Cmd: script, Stdin: stdin, Env: call.Env, Become: call.Become})
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

// chdirFailure is Ansible's failure to change into a missing,
// non-directory or forbidden chdir, nil when it can be entered (or
// the probe could not run: the command's run reports that).
func chdirFailure(ctx context.Context, call *Call, cmd any) *Result {
	dir := args(call.Args).str("chdir")
	if dir == "" {
		return nil
	}
	q := hostfile.Quote(dir)
	out, err := hostfile.New(call.Conn, call.Become).Exec(ctx, "cd -- "+q+" 2>/dev/null && echo 0 && exit 0; "+
		"if [ ! -e "+q+" ]; then echo 2; elif [ ! -d "+q+" ]; then echo 20; else echo 13; fi")
	errno := strings.TrimSpace(out)
	text := map[string]string{"2": "No such file or directory", "20": "Not a directory", "13": "Permission denied"}[errno]
	if err != nil || text == "" {
		return nil
	}
	msg := fmt.Sprintf("Unable to change directory before execution: [Errno %s] %s: b'%s'", errno, text, dir)
	data := newCommandData(cmd)
	data["msg"] = msg
	return &Result{Failed: true, Msg: msg, Data: data}
}

// commandSkip is a command creates/removes say need not run: its message
// for a verb ("Would" in check mode, "Did" once applied) and stdout.
type commandSkip struct{ msg, stdout string }

// result is the ok result of the skipped command cmd.
func (s commandSkip) result(cmd any) *Result {
	data := newCommandData(cmd)
	data["msg"], data["stdout"], data["rc"] = s.msg, s.stdout, 0
	data["stdout_lines"], data["stderr_lines"] = splitLines(s.stdout), []string{}
	return &Result{Msg: s.msg, Data: data}
}

// skipByFiles reads what creates/removes name and returns the skip they
// ask for (by verb), or nil when the command should run.
func skipByFiles(ctx context.Context, call *Call) func(verb string) commandSkip {
	a := args(call.Args)
	fs := hostfile.New(call.Conn, call.Become)
	if creates := a.str("creates"); creates != "" {
		if found, err := fs.GlobExists(ctx, creates, a.str("chdir")); err == nil && found {
			return func(verb string) commandSkip {
				return commandSkip{fmt.Sprintf("%s not run command since '%s' exists", verb, creates), "skipped, since " + creates + " exists"}
			}
		}
	}
	if removes := a.str("removes"); removes != "" {
		if found, err := fs.GlobExists(ctx, removes, a.str("chdir")); err == nil && !found {
			return func(verb string) commandSkip {
				return commandSkip{fmt.Sprintf("%s not run command since '%s' does not exist", verb, removes), "skipped, since " + removes + " does not exist"}
			}
		}
	}
	return nil
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
