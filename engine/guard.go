package engine

import (
	"context"

	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/modules"
)

// runModule runs the module of task t. In check mode the result is the
// module's description of its change (modules.Describe). In a guarded run
// (apply of a plan) the module first describes its change, the guard
// approves the description, and the module then makes that change from
// the described pre-state (see modules.DescribeToApply).
func (pr *playRun) runModule(ctx context.Context, t *playbook.Task, h *hostState, hc *hostCtx, mod modules.Module, call *modules.Call) (*modules.Result, error) {
	guard := pr.run.opts.Guard
	switch {
	case mod.Spec().Controller:
		return mod.Run(ctx, call)
	case call.Check:
		d, err := modules.Describe(ctx, mod, call)
		if err != nil {
			return nil, err
		}
		return d.Result, nil
	case guard == nil:
		return mod.Run(ctx, call)
	}
	d, err := modules.DescribeToApply(ctx, mod, call)
	if err != nil {
		return nil, err
	}
	defer d.Release()
	o := fromModuleResult(d.Result)
	st := StatusOK
	switch {
	case d.Unknown != "":
		st = StatusUnknown
	case o.failed:
		st = StatusFailed
	case o.skipped:
		st = StatusSkipped
	case o.changed:
		st = StatusChanged
	}
	rec := TaskRecord{ID: recordID(t, hc), Task: t.Name, Module: t.Action, Status: st, Args: call.Args,
		Diffs: d.Diffs, Result: o.result, NoLog: call.NoLog}
	if err := guard.Approve(ctx, h.name, rec); err != nil {
		return nil, refusedError{err}
	}
	return d.Apply(ctx, mod, call)
}

// refusedError is a change the ChangeGuard refused.
type refusedError struct{ err error }

func (e refusedError) Error() string { return e.err.Error() }
func (e refusedError) Unwrap() error { return e.err }
