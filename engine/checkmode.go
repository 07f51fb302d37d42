package engine

import (
	"regexp"
	"sort"

	"github.com/edxplay/edxplay/playbook"
)

// markUnknown remembers that host h registered name from a task whose
// effect check mode could not predict, so later tasks that read it are
// reported as unknown instead of being evaluated against a fake result.
func (h *hostState) markUnknown(name string) {
	if h.unknownVars == nil {
		h.unknownVars = map[string]bool{}
	}
	h.unknownVars[name] = true
}

// unknownDependency reports the first variable, registered by an
// unpredictable check-mode task, that task t reads (in its conditions,
// arguments, loop or name). It applies only in check mode.
func (pr *playRun) unknownDependency(t *playbook.Task, f frame, h *hostState) (string, bool) {
	if !pr.checkMode(t, f) {
		return "", false
	}
	h.mu.Lock()
	names := make([]string, 0, len(h.unknownVars))
	for n := range h.unknownVars {
		names = append(names, n)
	}
	h.mu.Unlock()
	if len(names) == 0 {
		return "", false
	}
	sort.Strings(names)
	texts := append(append(append([]string{}, f.when...), t.When...), t.ChangedWhen...)
	texts = append(texts, t.FailedWhen...)
	texts = append(texts, stringsIn(t.Args)...)
	if t.Loop != nil {
		texts = append(texts, stringsIn(t.Loop.Items)...)
	}
	for _, n := range names {
		re := regexp.MustCompile(`\b` + regexp.QuoteMeta(n) + `\b`)
		for _, s := range texts {
			if re.MatchString(s) {
				return n, true
			}
		}
	}
	return "", false
}

// stringsIn returns every string in a value tree.
func stringsIn(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, stringsIn(e)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, e := range x {
			out = append(out, stringsIn(e)...)
		}
		return out
	}
	return nil
}

// neverChanges reports whether a task declares it never changes anything
// (changed_when: false).
func neverChanges(t *playbook.Task) bool {
	if len(t.ChangedWhen) != 1 {
		return false
	}
	switch t.ChangedWhen[0] {
	case "false", "False", "no", "0":
		return true
	}
	return false
}
