package engine

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"runtime/debug"
	"strings"
	"time"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/jinja"
	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/modules"
)

// outcome is a task's final result on one host.
type outcome struct {
	result map[string]any
	// unknown marks a check-mode result whose effect cannot be predicted;
	// unknownValue marks a result whose registered value is not real.
	unknown      bool
	unknownValue bool
	reason       string
	changed      bool
	failed       bool
	skipped      bool
	unreachable  bool
	ignored      bool
	// refused marks a change the ChangeGuard refused: the host stops,
	// whatever ignore_errors says.
	refused bool
	// notify are the handler names a loop task's items notify (templated
	// per item); a task without a loop templates its notify list once.
	notify []string
}

// runOnHost runs a module task on one host: conditions, loop, module,
// register, notify and stats.
// A panic anywhere in it fails this host only, with a message (and, at
// -vvvv, the stack); the other hosts go on and the recap prints.
func (pr *playRun) runOnHost(ctx context.Context, t *playbook.Task, f frame, h *hostState) (o *outcome) {
	defer func() {
		if r := recover(); r != nil {
			o = pr.panicked(t, f, h, r)
		}
	}()
	tf := f.withVars(t.Vars)
	hc := pr.newHostCtx(h, &tf, t, nil)
	if t.Loop == nil {
		o = pr.runSingle(ctx, t, tf, h, hc, nil)
	} else {
		o = pr.runLoop(ctx, t, tf, h, hc)
	}
	pr.finish(t, f, h, hc, o)
	return o
}

// panicked records a panic raised while running t on h as the host's
// failure. A second panic while recording it leaves the host's result
// unreported but still failed.
func (pr *playRun) panicked(t *playbook.Task, f frame, h *hostState, r any) (o *outcome) {
	msg := fmt.Sprintf("internal error while running the task: %v", r)
	if pr.run.opts.Verbosity >= 4 {
		msg += "\n" + string(debug.Stack())
	}
	o = failureAt(t, errors.New(msg))
	defer func() {
		if recover() != nil {
			pr.deactivate(h.name)
		}
	}()
	pr.finish(t, f, h, pr.newHostCtx(h, &f, t, nil), o)
	return o
}

// runSingle runs the task once (no loop, or for one loop item).
func (pr *playRun) runSingle(ctx context.Context, t *playbook.Task, f frame, h *hostState, hc *hostCtx, item *loopItem) *outcome {
	ok, err := hc.conditions(append(append([]string{}, f.kw.When...), t.When...))
	if err != nil {
		return failureAt(t, err)
	}
	if !ok {
		res := map[string]any{"changed": false, "skipped": true, "skip_reason": "Conditional result was False"}
		if item != nil {
			item.annotate(res)
		}
		return &outcome{skipped: true, result: res}
	}
	if dep, ok := pr.unknownDependency(t, f, h); ok {
		o := &outcome{unknown: true, reason: fmt.Sprintf("depends on '%s', registered by a task that did not run in check mode", dep),
			result: map[string]any{"changed": false, "check_mode_unknown": true}}
		o.result["msg"] = o.reason
		if item != nil {
			item.annotate(o.result)
		}
		return o
	}
	o := pr.execWithRetries(ctx, t, f, h, hc)
	if item != nil {
		item.annotate(o.result)
	}
	return o
}

// execWithRetries runs the module, repeating it while `until` is false.
func (pr *playRun) execWithRetries(ctx context.Context, t *playbook.Task, f frame, h *hostState, hc *hostCtx) *outcome {
	if t.Until == "" {
		return pr.execModule(ctx, t, f, h, hc)
	}
	retries, delay := untilAttempts(hc, t.Retries), hc.intOr(t.Delay, 5)
	var o *outcome
	for attempt := 1; attempt <= retries; attempt++ {
		o = pr.execModule(ctx, t, f, h, hc)
		if o.unreachable {
			return o
		}
		hc.setRegistered(t.Register, o.result)
		done, err := hc.conditions([]string{t.Until})
		if err != nil {
			return failureAt(t, err)
		}
		o.result["attempts"] = attempt
		if done {
			return o
		}
		if attempt < retries && !sleepCtx(ctx, delay) {
			return failureAt(t, ctx.Err())
		}
	}
	o.failed = true
	o.result["failed"] = true
	o.result["attempts"] = retries - 1
	if _, ok := o.result["msg"]; !ok {
		o.result["msg"] = "Task failed as maximum retries was reached"
	}
	return o
}

// execModule templates the arguments, calls the module and applies
// changed_when/failed_when.
func (pr *playRun) execModule(ctx context.Context, t *playbook.Task, f frame, h *hostState, hc *hostCtx) *outcome {
	if pr.run.opts.Render != nil {
		return pr.renderTask(ctx, t, f, h, hc)
	}
	return pr.callModule(ctx, t, f, h, hc)
}

// callModule runs the task's module on the host.
func (pr *playRun) callModule(ctx context.Context, t *playbook.Task, f frame, h *hostState, hc *hostCtx) *outcome {
	rt, err := resolveAction(t, hc)
	if err != nil {
		return failureAt(t, err)
	}
	t = rt
	mod, ok := pr.taskModule(t)
	if !ok {
		return failureAt(t, fmt.Errorf("couldn't resolve module/action '%s'", t.ActionName))
	}
	async := asyncOf(t, hc)
	if async.limit > 0 && noAsyncActions[t.Action] {
		// TaskExecutor refuses async for an action plugin that does not
		// support it, before it looks at the task's arguments
		return failure(errors.New("async is not supported for this task."))
	}
	call, err := pr.buildCall(ctx, t, f, h, hc, mod)
	if errors.Is(err, connection.ErrUnreachable) {
		return &outcome{unreachable: true, result: map[string]any{"unreachable": true, "changed": false, "msg": err.Error()}}
	}
	if err != nil {
		return failureAt(t, err)
	}
	hc.lastArgs = call.Args
	runCtx := ctx
	timeout := hc.intOr(f.keywords(t).Timeout, 0)
	if async.limit > 0 && pr.runsAsJob(t, mod, call) {
		return pr.applyOverrides(t, hc, pr.runAsync(ctx, t, h, hc, mod, call, async))
	}
	if limit := async.limit; limit > 0 && (timeout == 0 || limit < timeout) {
		timeout = limit
	}
	if timeout > 0 {
		var cancel context.CancelFunc
		runCtx, cancel = context.WithTimeout(ctx, time.Duration(timeout)*time.Second)
		defer cancel()
	}
	lossesBefore := connLosses(call.Conn)
	res, err := pr.runModule(runCtx, t, h, hc, mod, call)
	if err != nil && ctx.Err() == nil && runCtx.Err() == context.DeadlineExceeded {
		return failureAt(t, fmt.Errorf("the task exceeded its timeout of %d seconds", timeout))
	}
	if o := lostMidTask(call.Conn, lossesBefore, res, err); o != nil {
		return o
	}
	if err != nil {
		if errors.Is(err, connection.ErrUnreachable) {
			return &outcome{unreachable: true, result: map[string]any{"unreachable": true, "changed": false, "msg": err.Error()}}
		}
		o := failureAt(t, err)
		o.refused = errors.As(err, new(refusedError))
		return o
	}
	o := fromModuleResult(res)
	if call.Diff {
		addDiffResult(o.result, res.Diffs)
	}
	if call.Check {
		pr.trackPredictedPaths(h, mod.Spec().Name, call.Args, o)
	}
	if truthy(o.result["check_mode_unknown"]) {
		o.unknownValue = true
		// A command declared never to change (changed_when: false) cannot
		// change anything; only its registered value is unknown.
		if !neverChanges(t) {
			o.unknown, o.skipped = true, false
			o.reason = fmt.Sprint(o.result["msg"])
		}
	}
	if _, err := pr.applyInventoryChange(h.name, o); err != nil {
		return failureAt(t, err)
	}
	pr.applyStats(t, f, h.name, o)
	res.Facts = markFacts(res.Facts, pr.run.specs.of(t.Action, mod).Controller, res.IncludedVars, hc.lastArgFlags, call.NoLog)
	pr.applyFacts(t, h, res)
	hc.lastDiffs = res.Diffs
	return pr.applyOverrides(t, hc, o)
}

// applyFacts stores facts a module set (set_fact, include_vars, setup).
func (pr *playRun) applyFacts(t *playbook.Task, h *hostState, res *modules.Result) {
	if len(res.Facts) == 0 {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case res.CacheableFacts:
		maps.Copy(h.facts, res.Facts)
	case res.IncludedVars:
		maps.Copy(h.includeVars, res.Facts)
	default:
		maps.Copy(h.setFacts, res.Facts)
	}
}

// applyOverrides evaluates changed_when and failed_when against the result.
func (pr *playRun) applyOverrides(t *playbook.Task, hc *hostCtx, o *outcome) *outcome {
	if len(t.ChangedWhen) == 0 && len(t.FailedWhen) == 0 {
		return o
	}
	hc.setRegistered(t.Register, o.result)
	if len(t.ChangedWhen) > 0 {
		changed, err := hc.conditions(t.ChangedWhen)
		if err != nil {
			return conditionFailed(o, "changed", err)
		}
		o.changed = changed
		o.result["changed"] = changed
	}
	if len(t.FailedWhen) > 0 {
		failed, err := hc.conditions(t.FailedWhen)
		if err != nil {
			return conditionFailed(o, "failed", err)
		}
		o.failed = failed
		o.result["failed"] = failed
		o.result["failed_when_result"] = failed
	}
	return o
}

// conditionFailed fails a task whose changed_when or failed_when could
// not be evaluated: the module's result stays, with the error as its
// CONDNAME_when_result, as ansible-core's TaskExecutor does.
func conditionFailed(o *outcome, condname string, err error) *outcome {
	o.failed = true
	o.result["failed"] = true
	o.result[condname+"_when_result"] = err.Error()
	return o
}

// fromModuleResult converts a module's result into the registered form.
func fromModuleResult(res *modules.Result) *outcome {
	r := map[string]any{}
	maps.Copy(r, res.Data)
	r["changed"] = res.Changed
	if _, ok := r["msg"]; !ok && res.Msg != "" {
		r["msg"] = res.Msg
	}
	if _, ok := r["failed"]; res.Failed || (!ok && !res.Skipped) {
		// Ansible's TaskExecutor sets failed on every result it ran
		r["failed"] = res.Failed
	}
	if res.Skipped {
		r["skipped"] = true
	}
	if len(res.Facts) > 0 && !res.CacheableFacts {
		r["ansible_facts"] = res.Facts
	}
	return &outcome{result: r, changed: res.Changed, failed: res.Failed, skipped: res.Skipped}
}

// failure is an outcome for an error raised before or by the module. An
// error raised by an Ansible filter, test or lookup is reported in its own
// words, as Ansible's msg (a registered result compares equal).
func failure(err error) *outcome {
	var exc *taskException
	if errors.As(err, &exc) {
		return &outcome{failed: true, result: map[string]any{"failed": true, "changed": false,
			"exception": exc.Error() + "\n" + exc.exception}}
	}
	msg, ok := jinja.AnsibleMessage(err)
	if !ok {
		msg = err.Error()
	}
	return &outcome{failed: true, result: map[string]any{"failed": true, "changed": false, "msg": msg}}
}

// omitToken is the value of the `omit` variable.
const omitToken = jinja.OmitPlaceholder

// untilAttempts is the number of times an until-task runs, as
// ansible-core 2.14 counts: retries+1, 3 when retries is unset, 1 when <= 0.
func untilAttempts(hc *hostCtx, retries any) int {
	if retries == nil {
		return 3
	}
	n := hc.intOr(retries, 3)
	if n <= 0 {
		return 1
	}
	return n + 1
}

// failureAt is a failure outcome whose message names the task's file:line.
func failureAt(t *playbook.Task, err error) *outcome {
	if pos := t.Pos.String(); pos != "" && !strings.Contains(err.Error(), pos) {
		err = fmt.Errorf("%s: %w", pos, err)
	}
	return failure(err)
}
