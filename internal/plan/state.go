package plan

import (
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/modules"
)

// volatile result keys change on every run without saying anything about
// the host's state.
var volatile = map[string]bool{"start": true, "end": true, "delta": true, "attempts": true,
	"invocation": true, "backup_file": true, "_ansible_item_label": true, "ansible_loop_var": true}

// beforeState is what a check-mode result says about the host as it was:
// the diffs' before sides and the result's stable fields.
func beforeState(rec engine.TaskRecord) any {
	var before []any
	for _, d := range rec.Diffs {
		before = append(before, map[string]any{"header": d.BeforeHeader, "before": d.Before})
	}
	res := map[string]any{}
	for k, v := range rec.Result {
		if !volatile[k] {
			res[k] = v
		}
	}
	return map[string]any{"diffs": before, "result": res, "status": string(rec.Status)}
}

// reviewArgs are the arguments shown in a plan: secret module arguments
// (no_log in the module's spec) removed, known secrets masked.
func (r *Recorder) reviewArgs(rec engine.TaskRecord) map[string]any {
	if rec.Args == nil {
		return nil
	}
	secret := map[string]bool{}
	if mod, ok := modules.Lookup(rec.Module); ok {
		for _, a := range mod.Spec().Args {
			if a.NoLog {
				secret[a.Name] = true
			}
		}
	}
	out := map[string]any{}
	for k, v := range rec.Args {
		if secret[k] {
			out[k] = "(secret, " + r.digest(v)[:12] + ")"
			continue
		}
		out[k] = r.maskValue(v)
	}
	return out
}

// maskValue masks known secrets inside strings of a value tree.
func (r *Recorder) maskValue(v any) any {
	switch x := v.(type) {
	case string:
		if r.redact != nil {
			return r.redact(x)
		}
		return x
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = r.maskValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = r.maskValue(e)
		}
		return out
	case *odict.Map:
		out := odict.New(x.Len())
		for k, e := range x.All() {
			out.Set(k, r.maskValue(e))
		}
		return out
	}
	return v
}

// diffSummary names what would change, without file contents.
func diffSummary(rec engine.TaskRecord) []string {
	var out []string
	for _, d := range rec.Diffs {
		if d.Before == d.After {
			continue
		}
		name := d.AfterHeader
		if name == "" {
			name = d.BeforeHeader
		}
		out = append(out, fmt.Sprintf("%s: %d -> %d lines", name, lines(d.Before), lines(d.After)))
	}
	return out
}

func lines(s string) int {
	if s == "" {
		return 0
	}
	return strings.Count(strings.TrimSuffix(s, "\n"), "\n") + 1
}
