package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/internal/pyvalue"
)

// AdHoc prints an ad-hoc command's results as the ansible command does:
// its minimal callback ("HOST | CHANGED => {...}"), or with OneLine its
// oneline callback (-o). Warnings go to the error writer. With a Tree
// directory it also writes each host's result there, as the tree callback.
type AdHoc struct {
	mu   sync.Mutex
	w    io.Writer
	errW io.Writer
	// OneLine condenses each result to one line (-o).
	OneLine bool
	// Diff prints the result's diffs before it (--diff).
	Diff bool
	// Verbosity is the number of -v.
	Verbosity int
	// Tree is the --tree directory; "" for none.
	Tree string
	// Redact masks secrets in the tree files (nil: none to mask); the
	// writers are the caller's to mask.
	Redact func(string) string
}

// NewAdHoc returns an ad-hoc reporter writing results to w and warnings to errW.
func NewAdHoc(w, errW io.Writer) *AdHoc {
	return &AdHoc{w: w, errW: errW}
}

// PlayStart prints nothing.
func (a *AdHoc) PlayStart(string, []string) {}

// TaskStart prints nothing.
func (a *AdHoc) TaskStart(string, bool) {}

// Included prints nothing.
func (a *AdHoc) Included(string, []string) {}

// Recap prints nothing: the ansible command has no recap.
func (a *AdHoc) Recap([]string, map[string]*engine.Stats) {}

// Warning prints a warning to the error writer.
func (a *AdHoc) Warning(msg string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	fmt.Fprintln(a.errW, "[WARNING]: "+msg)
}

// HostResult prints one host's result.
func (a *AdHoc) HostResult(r engine.HostResult) {
	a.mu.Lock()
	defer a.mu.Unlock()
	res := visibleResult(r)
	if !r.NoLog {
		a.warnings(res)
	}
	// As TaskResult.clean_copy: callbacks see no failed and skipped keys.
	delete(res, "failed")
	delete(res, "skipped")
	if a.Tree != "" && r.Status != engine.StatusSkipped && r.Status != engine.StatusUnknown {
		a.writeTree(r.Host, a.dump(r, res, -1))
	}
	if a.Diff && r.Status != engine.StatusFailed && r.Status != engine.StatusUnreachable {
		for _, d := range r.Diffs {
			if r.NoLog && !d.Redacted {
				continue // a secret's content never reaches the output
			}
			fmt.Fprint(a.w, RenderDiff(d))
		}
	}
	if a.OneLine {
		fmt.Fprintln(a.w, a.oneLine(r, res))
		return
	}
	fmt.Fprint(a.w, a.minimal(r, res))
}

// warnings prints the result's warnings as the callbacks' _handle_warnings.
func (a *AdHoc) warnings(res map[string]any) {
	list, _ := res["warnings"].([]any)
	for _, w := range list {
		fmt.Fprintln(a.errW, "[WARNING]: "+pyvalue.Str(w))
	}
	delete(res, "warnings")
}

// noJSON are the actions whose results print as their output
// (MODULE_NO_JSON): command, shell and raw.
var noJSON = map[string]bool{"command": true, "shell": true, "raw": true, "win_command": true, "win_shell": true}

// isNoJSON reports whether action is one of noJSON.
func isNoJSON(action string) bool { return noJSON[shortName(action)] }

// shortName is action without an ansible.builtin, ansible.legacy or
// ansible.windows prefix.
func shortName(action string) string {
	for _, p := range []string{"ansible.builtin.", "ansible.legacy.", "ansible.windows."} {
		action = strings.TrimPrefix(action, p)
	}
	return action
}

// isDebug reports whether action is debug.
func isDebug(action string) bool { return shortName(action) == "debug" }

// minimal formats a result as the minimal callback.
func (a *AdHoc) minimal(r engine.HostResult, res map[string]any) string {
	host := r.Host
	switch r.Status {
	case engine.StatusSkipped, engine.StatusUnknown:
		// Ansible skips what check mode cannot predict
		return host + " | SKIPPED\n"
	case engine.StatusUnreachable:
		return host + " | UNREACHABLE! => " + a.dump(r, res, 4) + "\n"
	case engine.StatusFailed:
		if isNoJSON(r.Action) && res["module_stderr"] == nil {
			return commandMsg(host, "FAILED", res)
		}
		return host + " | FAILED! => " + a.dump(r, res, 4) + "\n"
	}
	state := stateOf(r)
	if isNoJSON(r.Action) && res["ansible_job_id"] == nil {
		return commandMsg(host, state, res)
	}
	if isDebug(r.Action) {
		cleanDebugResult(res)
	}
	return host + " | " + state + " => " + a.dump(r, res, 4) + "\n"
}

// stateOf is CHANGED or SUCCESS.
func stateOf(r engine.HostResult) string {
	if r.Status == engine.StatusChanged {
		return "CHANGED"
	}
	return "SUCCESS"
}

// commandMsg is the minimal callback's form of a command's result: rc,
// then stdout, stderr and msg as they are.
func commandMsg(host, caption string, res map[string]any) string {
	return fmt.Sprintf("%s | %s | rc=%s >>\n%s%s%s\n", host, caption, rcOf(res),
		strOf(res, "stdout"), strOf(res, "stderr"), strOf(res, "msg"))
}

// oneLine formats a result as the oneline callback.
func (a *AdHoc) oneLine(r engine.HostResult, res map[string]any) string {
	host := r.Host
	switch r.Status {
	case engine.StatusSkipped, engine.StatusUnknown:
		return host + " | SKIPPED"
	case engine.StatusUnreachable:
		return host + " | UNREACHABLE!: " + strOf(res, "msg")
	case engine.StatusFailed:
		line := host + " | FAILED! => " + a.compact(r, res)
		if _, ok := res["exception"]; ok {
			return a.exceptionMsg(r, res) + "\n" + line
		}
		return line
	}
	state := stateOf(r)
	if isNoJSON(r.Action) && res["ansible_job_id"] == nil {
		return oneLineCommand(host, state, res)
	}
	return host + " | " + state + " => " + a.compact(r, res)
}

// exceptionMsg is the line the oneline callback prints before a failure
// with an exception.
func (a *AdHoc) exceptionMsg(r engine.HostResult, res map[string]any) string {
	exc := strOf(res, "exception")
	if isNoJSON(r.Action) && res["module_stderr"] == nil {
		return oneLineCommand(r.Host, "FAILED", res)
	}
	if a.Verbosity < 3 {
		lines := strings.Split(strings.TrimSpace(exc), "\n")
		return "An exception occurred during task execution. To see the full traceback, use -vvv. The error was: " +
			lines[len(lines)-1]
	}
	return "An exception occurred during task execution. The full traceback is:\n" + strings.ReplaceAll(exc, "\n", "")
}

// oneLineCommand is the oneline callback's form of a command's result.
func oneLineCommand(host, caption string, res map[string]any) string {
	esc := strings.NewReplacer("\n", `\n`, "\r", `\r`)
	line := fmt.Sprintf("%s | %s | rc=%s | (stdout) %s", host, caption, rcOf(res), esc.Replace(strOf(res, "stdout")))
	if stderr := strOf(res, "stderr"); stderr != "" {
		line += " (stderr) " + esc.Replace(stderr)
	}
	return line
}

// compact is the oneline callback's JSON: indent 0 with the newlines
// dropped.
func (a *AdHoc) compact(r engine.HostResult, res map[string]any) string {
	return strings.ReplaceAll(a.dump(r, res, 0), "\n", "")
}

// dump is the callbacks' _dump_results: sorted keys, indented by indent
// (-1 for none) or by 4 for a result marked _ansible_verbose_always and
// from -vvv (debug's results are so marked); invocation and diff only
// from -vvv, never the exception.
func (a *AdHoc) dump(r engine.HostResult, res map[string]any, indent int) string {
	if indent <= 0 && (r.Result["_ansible_verbose_always"] == true || isDebug(r.Action) || a.Verbosity > 2) {
		indent = 4
	}
	out := make(map[string]any, len(res))
	for k, v := range res {
		out[k] = v
	}
	if a.Verbosity < 3 {
		delete(out, "invocation")
		delete(out, "diff")
	}
	delete(out, "exception")
	return pyvalue.DumpJSON(out, indent)
}

// writeTree writes a host's result to its file in the tree directory, as
// the tree callback; a failure is a warning.
func (a *AdHoc) writeTree(host, data string) {
	dir, err := filepath.Abs(pyvalue.ExpandUser(a.Tree))
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		fmt.Fprintf(a.errW, "[WARNING]: Unable to access or create the configured directory (%s): %v\n", a.Tree, err)
		return
	}
	if a.Redact != nil {
		data = a.Redact(data)
	}
	if err := os.WriteFile(filepath.Join(dir, host), []byte(data), 0o644); err != nil {
		fmt.Fprintf(a.errW, "[WARNING]: Unable to write to %s's file: %v\n", host, err)
	}
}

// rcOf is the result's rc, -1 when it has none.
func rcOf(res map[string]any) string {
	if rc, ok := res["rc"]; ok {
		return pyvalue.Str(rc)
	}
	return "-1"
}

// strOf is the string value of res[key], "" when absent.
func strOf(res map[string]any, key string) string {
	v, ok := res[key]
	if !ok || v == nil {
		return ""
	}
	return pyvalue.Str(v)
}
