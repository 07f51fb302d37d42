package modules

import (
	"context"
	"maps"
)

// Describer is a module that describes its change itself: Describe reads
// the host's pre-state and says what the call would change, changing
// nothing, and the returned Planned makes exactly that change. Check
// mode, --diff, plans and apply all come from that one description;
// modules that are not Describers are described by running them in
// check mode (see Describe).
type Describer interface {
	Module
	// Describe reads the host and describes the change call would make.
	Describe(ctx context.Context, call *Call) (*Planned, error)
}

// Planned is a module's own description of its change: the result check
// mode reports, and the step that makes the change on the described
// pre-state (nil when there is nothing to do beyond reporting Result).
type Planned struct {
	// Result is what check mode reports.
	Result *Result
	apply  applyStep
	// release frees what the apply step needs on the host (a staged
	// file); nil when nothing is held.
	release func()
}

// applyStep makes a described change; call is the task's call as it runs
// for real (its Diff says whether content diffs are reported).
type applyStep func(ctx context.Context, call *Call) (*Result, error)

// planned describes a change made by apply.
func planned(res *Result, apply applyStep) *Planned { return &Planned{Result: res, apply: apply} }

// reported describes a call that changes nothing beyond its result (a
// failure found while describing, or a state already in place).
func reported(res *Result) *Planned { return &Planned{Result: res} }

// runDescribed is Run for a Describer: it describes the change and, out
// of check mode, applies it.
func runDescribed(ctx context.Context, m Describer, call *Call) (*Result, error) {
	p, err := m.Describe(ctx, call)
	if err != nil {
		return nil, err
	}
	defer p.releaseNow()
	if call.Check {
		return p.Result, nil
	}
	return p.applyTo(ctx, call)
}

// releaseNow frees what the description holds, once.
func (p *Planned) releaseNow() {
	if p != nil && p.release != nil {
		p.release()
		p.release = nil
	}
}

// applyTo makes the described change for call.
func (p *Planned) applyTo(ctx context.Context, call *Call) (*Result, error) {
	if p.apply == nil {
		return p.Result, nil
	}
	return p.apply(ctx, call)
}

// sequence applies steps in order, stopping at the first error or failed
// result; it returns the last step's result.
func sequence(steps ...applyStep) applyStep {
	return func(ctx context.Context, call *Call) (*Result, error) {
		var res *Result
		for _, s := range steps {
			var err error
			if res, err = s(ctx, call); err != nil || res.Failed {
				return res, err
			}
		}
		return res, nil
	}
}

// reportedTo is a copy of the described result res as the apply step of
// call reports it: diffs only when call asks for them (a description made
// to be applied always has them).
func reportedTo(res *Result, call *Call) *Result {
	out := *res
	out.Data = maps.Clone(res.Data)
	if !call.Diff {
		out.Diffs = nil
	}
	return &out
}

// describeByCheckRun describes a module whose run honours call.Check: the
// check-mode run is the description, and a real run is its apply step
// when the check run reports a change or skips itself (a mode that has no
// check-mode support).
func describeByCheckRun(ctx context.Context, call *Call, run func(context.Context, *Call) (*Result, error)) (*Planned, error) {
	c := *call
	c.Check = true
	res, err := run(ctx, &c)
	if err != nil {
		return nil, err
	}
	if res.Failed || !(res.Changed || res.Skipped) {
		return reported(res), nil
	}
	return planned(res, run), nil
}
