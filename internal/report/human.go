package report

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/internal/pyvalue"
)

// Human prints ansible-playbook style output. With -v it also prints each
// task's elapsed time after the task and a summary line after each play.
type Human struct {
	mu        sync.Mutex
	w         io.Writer
	color     bool
	verbosity int
	diff      bool
	now       func() time.Time
	log       *runLog
	// customStats shows set_stats' data after the recap (show_custom_stats).
	customStats bool
}

// NewHuman returns a reporter writing to w. Colors are used only when w
// is a terminal, NO_COLOR is unset and TERM is not "dumb".
func NewHuman(w io.Writer, verbosity int, diff bool) *Human {
	return &Human{w: w, color: colorsFor(w), verbosity: verbosity, diff: diff, now: time.Now, log: newRunLog(false)}
}

// SetColor turns colors on or off whatever w is (ansible.cfg's
// force_color and nocolor).
func (h *Human) SetColor(on bool) {
	h.mu.Lock()
	h.color = on
	h.mu.Unlock()
}

// banner formats a line like Ansible's Display.banner.
func banner(msg string) string {
	stars := 79 - len([]rune(msg))
	if stars <= 3 {
		stars = 3
	}
	return "\n" + msg + " " + strings.Repeat("*", stars) + "\n"
}

// PlaybookStart prints, from -vv on, the PLAYBOOK banner (with the file's
// base name) and the number of plays, as ansible-playbook does.
func (h *Human) PlaybookStart(path string, plays int) {
	if h.verbosity < 2 {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	fmt.Fprint(h.w, banner("PLAYBOOK: "+filepath.Base(path)))
	fmt.Fprintf(h.w, "%d plays in %s\n", plays, path)
}

// PlayStart prints the PLAY banner.
func (h *Human) PlayStart(name string, hosts []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if name == "" {
		name = strings.Join(hosts, ",")
	}
	h.endPlay()
	h.log.startPlay(name, hosts, h.now())
	fmt.Fprint(h.w, banner("PLAY ["+name+"]"))
	if len(hosts) == 0 {
		fmt.Fprintln(h.w, h.paint(cyan, "skipping: no hosts matched"))
	}
}

// TaskStart prints the TASK (or RUNNING HANDLER) banner.
func (h *Human) TaskStart(name string, handler bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	kind := "TASK"
	if handler {
		kind = "RUNNING HANDLER"
	}
	h.endTask()
	h.log.startTask(name, handler, h.now())
	fmt.Fprint(h.w, banner(kind+" ["+name+"]"))
}

// Included prints an include_tasks line.
func (h *Human) Included(file string, hosts []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	fmt.Fprintf(h.w, "%s\n", h.paint(cyan, "included: "+file+" for "+strings.Join(hosts, ", ")))
}

// Warning prints a warning.
func (h *Human) Warning(msg string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	fmt.Fprintln(h.w, h.paint(purple, "[WARNING]: "+msg))
}

// HostResult prints one result line (and diffs, with --diff).
func (h *Human) HostResult(r engine.HostResult) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.log.record(r, h.now())
	showDiff := h.diff
	if r.DiffKeyword != nil {
		showDiff = *r.DiffKeyword
	}
	if showDiff {
		for _, d := range r.Diffs {
			if r.NoLog && !d.Redacted {
				continue // a secret's content never reaches the output
			}
			fmt.Fprint(h.w, h.renderDiff(d))
		}
	}
	fmt.Fprintln(h.w, h.resultLine(r))
	if r.Ignored {
		fmt.Fprintln(h.w, h.paint(cyan, "...ignoring"))
	}
}

// resultLine formats "changed: [host] => (item=x) => {...}".
func (h *Human) resultLine(r engine.HostResult) string {
	host := r.Host
	if r.Delegate != "" {
		host += " -> " + r.Delegate
	}
	item := ""
	if r.IsItem && r.NoLog {
		item = " (item=None)"
	} else if r.IsItem {
		item = " (item=" + r.Item + ")"
	}
	body := ""
	if r.ShowResult {
		body = " => " + h.resultBody(r)
	}
	switch r.Status {
	case engine.StatusFailed:
		if r.IsItem {
			return h.paint(red, "failed: ["+host+"]"+item+body)
		}
		return h.paint(red, "fatal: ["+host+"]: FAILED!"+body)
	case engine.StatusUnreachable:
		return h.paint(red, "fatal: ["+host+"]: UNREACHABLE!"+body)
	case engine.StatusSkipped:
		return h.paint(cyan, "skipping: ["+host+"]"+arrow(item)+body)
	case engine.StatusUnknown:
		return h.paint(purple, "unknown: ["+host+"]"+arrow(item)+" => "+r.Reason)
	case engine.StatusChanged:
		return h.paint(yellow, "changed: ["+host+"]"+arrow(item)+body)
	}
	return h.paint(green, "ok: ["+host+"]"+arrow(item)+body)
}

func arrow(item string) string {
	if item == "" {
		return ""
	}
	return " =>" + item
}

// resultBody renders the result as Ansible's callback does: indented for
// debug, -v and a result marked _ansible_verbose_always (assert), compact
// for failures.
func (h *Human) resultBody(r engine.HostResult) string {
	res := visibleResult(r)
	if r.Action == "debug" && r.Status != engine.StatusFailed {
		cleanDebugResult(res)
	}
	delete(res, "failed") // TaskResult.clean_copy drops it from what is shown
	if h.verbosity < 3 {
		delete(res, "diff") // shown as a diff, not in the result (_dump_results)
	}
	if r.Action == "debug" || h.verbosity > 0 || r.Result["_ansible_verbose_always"] == true {
		return pyvalue.DumpJSON(res, 4)
	}
	return pyvalue.DumpJSON(res, -1)
}

// debugAllowedKeys are the keys Ansible's callback shows beside a debug
// msg (_DEBUG_ALLOWED_KEYS).
var debugAllowedKeys = map[string]bool{"msg": true, "exception": true, "warnings": true, "deprecations": true}

// cleanDebugResult is the callback's _clean_results for debug: a msg is
// shown alone; a var without changed, failed, skipped, invocation and
// skip_reason.
func cleanDebugResult(res map[string]any) {
	if _, ok := res["msg"]; ok {
		for k := range res {
			if !debugAllowedKeys[k] && !strings.HasPrefix(k, "_") {
				delete(res, k)
			}
		}
		return
	}
	for _, k := range []string{"changed", "failed", "skipped", "invocation", "skip_reason"} {
		delete(res, k)
	}
}

// cleanResult drops internal keys from a result for display.
func cleanResult(in map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range in {
		if strings.HasPrefix(k, "_ansible") {
			continue
		}
		out[k] = v
	}
	return out
}

// Recap prints the PLAY RECAP, hosts sorted by name.
func (h *Human) Recap(hosts []string, stats map[string]*engine.Stats) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.endPlay()
	fmt.Fprint(h.w, banner("PLAY RECAP"))
	sorted := append([]string{}, hosts...)
	sort.Strings(sorted)
	unknown := false
	for _, name := range sorted {
		unknown = unknown || stats[name].Unknown > 0
	}
	for _, name := range sorted {
		s := stats[name]
		line := fmt.Sprintf("%-26s : %s %s %s %s %s %s %s", name,
			h.count("ok", s.OK, green), h.count("changed", s.Changed, yellow),
			h.count("unreachable", s.Unreachable, red), h.count("failed", s.Failed, red),
			h.count("skipped", s.Skipped, cyan), h.count("rescued", s.Rescued, green),
			h.count("ignored", s.Ignored, purple))
		if unknown {
			// check mode could not predict some tasks: say how many, never hide them
			line += " " + h.count("unknown", s.Unknown, purple)
		}
		fmt.Fprintln(h.w, line)
	}
	fmt.Fprintln(h.w)
}

func (h *Human) count(name string, n int, c string) string {
	s := fmt.Sprintf("%s=%-4d", name, n)
	if n == 0 {
		return s
	}
	return h.paint(c, s)
}
