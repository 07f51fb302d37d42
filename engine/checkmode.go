package engine

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/playbook"
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
	texts := append(append(append([]string{}, f.kw.When...), t.When...), t.ChangedWhen...)
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
	case *odict.Map:
		var out []string
		for _, e := range x.All() {
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

// pathArgs are the module arguments that name files on the host.
var pathArgs = []string{"dest", "path", "src", "creates", "removes", "chdir"}

// trackPredictedPaths remembers, in check mode, the files an earlier task
// would have created or changed, and turns a later task's failure on such
// a file (which check mode left untouched) into an unknown result.
func (pr *playRun) trackPredictedPaths(h *hostState, module string, args map[string]any, o *outcome) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if o.changed && !o.failed {
		if h.predicted == nil {
			h.predicted, h.predictedFiles, h.predictedStates = map[string]bool{}, map[string]bool{}, map[string]predictedState{}
		}
		pr.markStaleRead(h, module, args, o)
		for _, k := range []string{"dest", "path"} {
			if p, ok := args[k].(string); ok && p != "" {
				h.predictedFiles[strings.TrimSuffix(p, "/")] = true
				if st, ok := predictedAfter(module, args); ok {
					h.predictedStates[strings.TrimSuffix(p, "/")] = st
				} else {
					delete(h.predictedStates, strings.TrimSuffix(p, "/"))
				}
				// creating a path creates its missing parents too
				for p = strings.TrimSuffix(p, "/"); p != "" && p != "/" && p != "."; p = path.Dir(p) {
					h.predicted[p] = true
				}
			}
		}
		return
	}
	if !o.failed {
		pr.markStaleRead(h, module, args, o)
		return
	}
	for _, k := range pathArgs {
		p, _ := args[k].(string)
		if dep := h.predictedAncestor(p); dep != "" {
			o.failed, o.unknown = false, true
			o.reason = fmt.Sprintf("%s would be created or changed by an earlier task; check mode cannot read it (%v)", dep, o.result["msg"])
			o.result = map[string]any{"changed": false, "check_mode_unknown": true, "msg": o.reason}
			return
		}
	}
}

// predictedAncestor returns p or the nearest parent directory of p that an
// earlier check-mode task would have created or changed.
func (h *hostState) predictedAncestor(p string) string {
	for p != "" && p != "/" && p != "." {
		if h.predicted[p] {
			return p
		}
		p = path.Dir(p)
	}
	return ""
}

// markStaleRead turns a check-mode result into unknown when the task works
// on a file that an earlier task of this check run would change: check
// mode saw the file as it is, not as it will be.
func (pr *playRun) markStaleRead(h *hostState, module string, args map[string]any, o *outcome) {
	for _, k := range []string{"dest", "path"} {
		p, _ := args[k].(string)
		if p = strings.TrimSuffix(p, "/"); p == "" || !h.predictedFiles[p] {
			continue
		}
		if st, ok := h.predictedStates[p]; ok && module == "stat" {
			o.result = predictedStat(p, st)
			o.unknown, o.changed, o.skipped = false, false, false
			return
		}
		o.unknown, o.changed, o.skipped = true, false, false
		o.reason = fmt.Sprintf("%s would be changed by an earlier task; check mode saw its current content", p)
		o.result["check_mode_unknown"] = true
		return
	}
}
