package engine

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/edxplay/edxplay/internal/jinja"
	"github.com/edxplay/edxplay/internal/lookups"
	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/internal/taint"
)

// loopItem is one iteration of a task loop.
type loopItem struct {
	loopVar string
	value   any
	index   int
	label   string
}

// annotate adds the item fields Ansible puts in each loop result.
func (it *loopItem) annotate(res map[string]any) {
	res[it.loopVar], _ = taint.Strip(it.value)
	res["ansible_loop_var"] = it.loopVar
	res["_ansible_item_label"] = it.label
}

// runLoop runs the task once per loop item and aggregates the results.
func (pr *playRun) runLoop(ctx context.Context, t *playbook.Task, f frame, h *hostState, hc *hostCtx) *outcome {
	items, err := pr.loopItems(t, hc)
	if err != nil {
		return pr.loopError(t, f, hc, err)
	}
	lv, err := loopVarName(t, hc)
	if err != nil {
		return failureAt(t, err)
	}
	agg := &outcome{skipped: true}
	var results []any
	for i, item := range items {
		if ctx.Err() != nil {
			break
		}
		if i > 0 && factActions[t.Action] {
			// the facts the previous item set are in scope for this
			// one, above the task's vars (set_fact precedence)
			hc = pr.newHostCtx(h, &f, t, nil)
		}
		vars := loopVars(t.Loop, lv, items, i)
		ihc := hc.withVars(vars)
		ihc.item = i + 1
		it := &loopItem{loopVar: lv, value: item, index: i, label: pr.itemLabel(t, ihc, item)}
		o := pr.runSingle(ctx, t, f, h, ihc, it)
		pr.report(t, f, h, o, it, ihc)
		results = append(results, o.result)
		if notify := f.keywords(t).Notify; !o.skipped && len(notify) > 0 {
			agg.notify = append(agg.notify, notifyNames(notify, ihc)...)
		}
		mergeItem(agg, o)
		if o.unreachable {
			break
		}
		if t.Loop.Pause > 0 && i < len(items)-1 {
			// loop_control.pause: seconds, a fraction too, between items
			sleepFor(ctx, time.Duration(t.Loop.Pause*float64(time.Second)))
		}
	}
	agg.result = loopResult(results, agg)
	return agg
}

// loopError is the outcome of a loop that failed to template. As in
// Ansible (TaskExecutor's _loop_eval_error), an undefined variable in the
// loop fails the task only once its conditional holds: a task whose `when`
// is false is skipped, as a task without a loop.
func (pr *playRun) loopError(t *playbook.Task, f frame, hc *hostCtx, err error) *outcome {
	err = fmt.Errorf("%s: %w", t.Pos, err)
	if !jinja.IsUndefined(err) {
		if lookups.IsLimit(err) {
			return positioned(failure(err), t)
		}
		// a lookup's error is in Ansible's words, without a position
		return failure(err)
	}
	ok, cerr := hc.conditions(append(append([]string{}, f.kw.When...), t.When...))
	switch {
	case cerr != nil:
		return failureAt(t, cerr)
	case !ok:
		return &outcome{skipped: true, result: map[string]any{"changed": false, "skipped": true, "skip_reason": "Conditional result was False"}}
	}
	return failure(err)
}

// positioned keeps the task's file:line in the msg of a loop whose lookup
// stopped at edxplay's bound (a with_sequence too large to run, where
// Ansible hangs, must say where it is written).
func positioned(o *outcome, t *playbook.Task) *outcome {
	pos := t.Pos.String()
	if msg, ok := o.result["msg"].(string); ok && pos != "" && !strings.Contains(msg, pos) {
		o.result["msg"] = pos + ": " + msg
	}
	return o
}

func mergeItem(agg, o *outcome) {
	agg.unknown = agg.unknown || o.unknown
	if o.unknown && agg.reason == "" {
		agg.reason = o.reason
	}
	agg.changed = agg.changed || o.changed
	agg.failed = agg.failed || o.failed
	agg.unreachable = agg.unreachable || o.unreachable
	agg.skipped = agg.skipped && o.skipped && !o.unknown
}

func loopResult(results []any, agg *outcome) map[string]any {
	if results == nil {
		results = []any{}
	}
	r := map[string]any{"results": results, "changed": agg.changed, "msg": "All items completed"}
	if agg.failed {
		r["failed"] = true
		r["msg"] = "One or more items failed"
	}
	if agg.skipped {
		r["skipped"] = true
		r["msg"] = "All items skipped"
	}
	if len(results) == 0 {
		r["skipped"] = true
		r["skipped_reason"] = "No items in the list"
	}
	return r
}

// itemLabel renders loop_control.label, or the item itself.
func (pr *playRun) itemLabel(t *playbook.Task, hc *hostCtx, item any) string {
	if t.Loop.Label != "" {
		if v, err := hc.Template(t.Loop.Label); err == nil {
			return jinja.PyStr(v)
		}
	}
	return jinja.PyStr(item)
}

func loopInfo(items []any, i int, allItems bool) map[string]any {
	n := len(items)
	info := map[string]any{"index": i + 1, "index0": i, "revindex": n - i, "revindex0": n - i - 1,
		"first": i == 0, "last": i == n-1, "length": n}
	if allItems {
		info["allitems"] = items
	}
	if i > 0 {
		info["previtem"] = items[i-1]
	}
	if i < n-1 {
		info["nextitem"] = items[i+1]
	}
	return info
}

// factActions set host variables per loop item (set_fact, include_vars,
// setup): a later item sees what an earlier one set.
var factActions = map[string]bool{"set_fact": true, "include_vars": true, "setup": true, "gather_facts": true}

// loopVars are the variables one loop item sets: the loop var, and
// index_var and ansible_loop (extended) when loop_control asks for them.
func loopVars(l *playbook.Loop, lv string, items []any, i int) map[string]any {
	vars := map[string]any{lv: items[i], "ansible_loop_var": lv}
	if l.IndexVar != "" {
		vars[l.IndexVar] = i
		vars["ansible_index_var"] = l.IndexVar
	}
	if l.Extended {
		vars["ansible_loop"] = loopInfo(items, i, !l.NoAllItems)
	}
	return vars
}

// loopItems expands the task's loop: `loop:` templated to a list, with_X
// through the lookup X (jinja's LoopLookup, as Ansible's
// TaskExecutor._get_loop_items); the items keep the taint marks of what
// they came from (markItems).
func (pr *playRun) loopItems(t *playbook.Task, hc *hostCtx) ([]any, error) {
	l := t.Loop
	if l.Kind != "loop" {
		return pr.run.Jinja.LoopLookup(l.Kind, l.Items, hc.scope, lookupSubdir(t.ActionName+" "+t.Action))
	}
	marked, err := pr.run.Jinja.TemplateTyped(l.Items, hc.scope)
	if err != nil {
		return nil, err
	}
	v, read := taint.Unwrap(marked)
	read &^= taint.Text | taint.Loaded // the type of the source, not of its items
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("Invalid data passed to 'loop', it requires a list, got this instead: %v. Hint: If you passed a list/dict of just one element, try adding wantlist=True to your lookup invocation or use q/query instead of lookup.", jinja.PyStr(v))
	}
	return markItems(list, read, false), nil
}

// lookupSubdir is where a with_ lookup (first_found) searches for the
// task's action, as Ansible picks it: templates for an action naming
// "template", vars for one naming "var", else files.
func lookupSubdir(action string) string {
	for _, sub := range []string{"template", "var"} {
		if strings.Contains(action, sub) {
			return sub + "s"
		}
	}
	return "files"
}

func asList(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	if v == nil {
		return nil
	}
	return []any{v}
}

// loopVarName is loop_control.loop_var, templated as Ansible templates
// loop_control (default "item").
func loopVarName(t *playbook.Task, hc *hostCtx) (string, error) {
	lv := t.Loop.LoopVar
	if jinja.IsTemplate(lv) {
		v, err := hc.Template(lv)
		if err != nil {
			return "", fmt.Errorf("loop_var: %w", err)
		}
		lv = jinja.PyStr(v)
	}
	if lv == "" {
		lv = "item"
	}
	return lv, nil
}
