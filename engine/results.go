package engine

import (
	"fmt"

	"github.com/edxplay/edxplay/internal/jinja"
	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/internal/taint"
)

// censored is what replaces the output of a no_log task.
var censored = map[string]any{"censored": "the output has been hidden due to the fact that 'no_log: true' was specified for this result", "changed": false}

// finish registers the result, counts stats, notifies handlers and reports
// the task's final line for the host.
func (pr *playRun) finish(t *playbook.Task, f frame, h *hostState, hc *hostCtx, o *outcome) {
	kw := f.keywords(t)
	if o.failed && !o.unreachable && !o.refused && (pr.run.opts.Render != nil || hc.boolOf(kw.IgnoreErrors)) {
		o.ignored = true
	}
	if o.unreachable && isTrue(kw.IgnoreUnreachable) {
		// ansible-core counts an ignored unreachable result as ok and
		// ignored, and keeps the host in the play.
		o.ignored = true
	}
	noLog := hc.noLog()
	h.mu.Lock()
	if t.Register != "" {
		h.setFacts[t.Register] = registered(o.result, noLog)
		if o.unknown || o.unknownValue {
			h.markUnknown(t.Register)
		} else {
			delete(h.unknownVars, t.Register)
		}
	}
	pr.count(h, o, f.section.rescuing())
	h.mu.Unlock()
	if (o.failed || o.unreachable) && !o.ignored {
		pr.deactivate(h.name)
		h.mu.Lock()
		h.failedTask = map[string]any{"name": t.Name, "action": t.Action}
		h.failedResult = registered(o.result, noLog)
		h.mu.Unlock()
	}
	if o.changed && !o.failed && len(kw.Notify) > 0 {
		if err := pr.notify(h.name, notifyTargets(t, kw.Notify, hc, o), hc); err != nil {
			// Ansible stops before it shows the task's result.
			pr.stopRun(&playbook.Error{Pos: t.Pos, Msg: err.Error()})
			return
		}
	}
	if t.Loop == nil || o.unreachable || o.skipped || len(asList(o.result["results"])) == 0 {
		pr.report(t, f, h, o, nil, hc)
	}
}

// count updates the host's recap counters, as ansible-playbook counts: a
// failure that an enclosing block will rescue counts as rescued at once.
func (pr *playRun) count(h *hostState, o *outcome, rescuing bool) {
	s := h.stats
	switch {
	case o.unknown:
		// Ansible counts these as skipped; the unknown column says why.
		s.Skipped++
		s.Unknown++
	case o.unreachable && !o.ignored:
		s.Unreachable++
		h.unreachable = true
	case (o.failed || o.unreachable) && o.ignored:
		s.OK++
		s.Ignored++
	case o.failed && rescuing:
		s.Rescued++
		h.failed = true
	case o.failed:
		s.Failed++
		h.failed = true
	case o.skipped:
		s.Skipped++
	default:
		s.OK++
	}
	if o.changed && !o.unreachable && !(o.failed && !o.ignored) {
		s.Changed++
	}
}

// notifyNames templates a task's notify list in the host's scope.
func notifyNames(notify []string, hc *hostCtx) []string {
	var out []string
	for _, n := range notify {
		v, err := hc.Template(n)
		if err != nil {
			out = append(out, n)
			continue
		}
		if list, ok := v.([]any); ok && len(notify) == 1 {
			// notify: "{{ a_list }}" notifies each of its names (one item
			// of a notify list is one name, as Ansible)
			for _, e := range list {
				out = append(out, fmt.Sprint(e))
			}
			continue
		}
		out = append(out, fmt.Sprint(v))
	}
	return out
}

// report sends a host result to the reporter, censored for no_log.
func (pr *playRun) report(t *playbook.Task, f frame, h *hostState, o *outcome, it *loopItem, hc *hostCtx) {
	kw := f.keywords(t)
	noLog := hc.boolOf(kw.NoLog)
	r := HostResult{Host: h.name, Task: t.Name, Result: o.result, NoLog: noLog, Ignored: o.ignored,
		Diffs: hc.lastDiffs, DiffKeyword: kw.Diff, Action: t.Action}
	switch {
	case o.unknown:
		r.Status = StatusUnknown
		r.Reason = o.reason
	case o.unreachable:
		r.Status = StatusUnreachable
	case o.failed:
		r.Status = StatusFailed
	case o.skipped:
		r.Status = StatusSkipped
	case o.changed:
		r.Status = StatusChanged
	default:
		r.Status = StatusOK
	}
	if it != nil {
		r.IsItem = true
		r.Item = it.label
		if noLog {
			r.Item = "None"
		}
	}
	if noLog {
		r.Result = censored
		h.mu.Lock()
		if h.authKeys == nil {
			h.authKeys = map[string]bool{}
		}
		r.Diffs = secretDiffs(r.Diffs, h.authKeys)
		h.mu.Unlock()
	}
	r.ShowResult = o.failed || o.unreachable || t.Action == "debug" || pr.run.opts.Verbosity > 0 ||
		o.result["_ansible_verbose_always"] == true
	pr.run.Reporter.HostResult(r)
	pr.record(t, h, o, it, hc, r.Status, noLog)
}

// record hands a task result to the Recorder (one record per loop item,
// or per task without a loop).
func (pr *playRun) record(t *playbook.Task, h *hostState, o *outcome, it *loopItem, hc *hostCtx, st Status, noLog bool) {
	rec := pr.run.opts.Recorder
	if rec == nil || (t.Loop != nil && it == nil && !o.skipped) {
		return
	}
	rec.Record(h.name, TaskRecord{ID: recordID(t, hc), Task: t.Name, Module: t.Action, Status: st, Args: hc.lastArgs,
		Diffs: hc.lastDiffs, Result: o.result, NoLog: noLog})
}

// recordID identifies a task (and loop item) in records: file:line:col,
// and #N for loop item N.
func recordID(t *playbook.Task, hc *hostCtx) string {
	id := t.Pos.String()
	if hc.item > 0 {
		id = fmt.Sprintf("%s#%d", id, hc.item-1)
	}
	return id
}

// registered is a task result as register stores it: unsafe, since it came
// from the host (Ansible's wrap_var of every result), and secret when the
// task is no_log.
func registered(result map[string]any, noLog bool) any {
	result = jinja.ResultData(result).(map[string]any)
	if noLog {
		return taint.Wrap(result, taint.Unsafe|taint.Secret)
	}
	return taint.Wrap(result, taint.Unsafe)
}

// markFacts marks the facts a module set before they are stored: facts a
// host module returned (setup) are unsafe; set_fact's come from its
// arguments and keep the marks of what rendering them read (argFlags);
// include_vars' are read from the controller's files and stay as they are.
func markFacts(facts map[string]any, fromArgs, included bool, argFlags map[string]taint.Flags, noLog bool) map[string]any {
	if included {
		return facts
	}
	out := make(map[string]any, len(facts))
	for k, v := range facts {
		flags := taint.Unsafe
		if fromArgs {
			flags = argFlags[k]
		}
		if noLog {
			flags |= taint.Secret
		}
		out[k] = taint.Wrap(jinja.ResultData(v), flags)
	}
	return out
}

// markItems marks loop items: items of a with_<lookup> loop are unsafe, as
// every lookup result is; the items of `loop:` carry the marks of what
// rendering the list read (an item holding a secret string is known as
// secret by that string, not marked whole).
func markItems(items []any, read taint.Flags, lookup bool) []any {
	if lookup {
		read |= taint.Unsafe
	}
	out := make([]any, len(items))
	for i, it := range items {
		out[i] = taint.Wrap(it, read)
	}
	return out
}

// addDiffResult gives a result in diff mode its "diff" value, as Ansible's
// file modules return it: a list of before/after entries. A module that
// returns its own shape (a single mapping) sets Data["diff"] itself.
func addDiffResult(result map[string]any, diffs []modspec.Diff) {
	if _, ok := result["diff"]; ok || len(diffs) == 0 {
		return
	}
	out := make([]any, 0, len(diffs))
	for _, d := range diffs {
		out = append(out, map[string]any{"before_header": d.BeforeHeader, "after_header": d.AfterHeader,
			"before": d.Before, "after": d.After})
	}
	result["diff"] = out
}
