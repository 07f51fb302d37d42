package modules

import (
	"context"
	"fmt"

	"github.com/edxplay/edxplay/internal/modspec"
)

// Description is what a module would do on a host: its own description
// when it is a Describer, else the result of running it (a module that
// is not a Describer changes nothing on the host).
type Description struct {
	modspec.Change
	// Result is the module's check-mode result.
	Result *Result
	// native is the module's own description, when it is a Describer.
	native *Planned
}

// Describe asks mod what call would change, changing nothing: a
// Describer describes it itself; any other module only reads the host,
// so its run is its description. Check mode reports it.
func Describe(ctx context.Context, mod Module, call *Call) (*Description, error) {
	d, err := describe(ctx, mod, call)
	if err == nil {
		d.Release() // check mode never applies it
	}
	return d, err
}

// DescribeToApply is Describe with diffs, made so that Apply makes the
// change from this very pre-state. The caller Releases the description
// once it is applied or refused.
func DescribeToApply(ctx context.Context, mod Module, call *Call) (*Description, error) {
	c := *call
	c.Diff = true
	return describe(ctx, mod, &c)
}

func describe(ctx context.Context, mod Module, call *Call) (*Description, error) {
	c := *call
	c.Check = true
	var native *Planned
	var res *Result
	var err error
	if dm, ok := mod.(Describer); ok {
		if native, err = dm.Describe(ctx, &c); err == nil {
			res = native.Result
		}
	} else {
		res, err = mod.Run(ctx, &c)
	}
	if err != nil {
		return nil, err
	}
	d := &Description{Result: res, native: native}
	d.Changed, d.Diffs = res.Changed, res.Diffs
	if unknown, _ := res.Data["check_mode_unknown"].(bool); unknown {
		d.Unknown = fmt.Sprint(res.Msg)
		if m, ok := res.Data["msg"]; ok && d.Unknown == "" {
			d.Unknown = fmt.Sprint(m)
		}
	}
	return d, nil
}

// Release frees what the description holds on the host for its apply
// step (a staged archive); it is safe to call more than once.
func (d *Description) Release() {
	if d.native != nil {
		d.native.releaseNow()
	}
}

// Apply makes the described change: a Describer's own apply step makes
// it from the described pre-state. Any other module ran in check mode to
// describe itself: when that run changed nothing (the built-in readers
// never do) it is the result, and the host is not read twice; when it
// reported a change, or skipped itself for want of check-mode support (a
// playbook's own Python module), the module runs for real, so that no
// change is reported as made without being made.
func (d *Description) Apply(ctx context.Context, mod Module, call *Call) (*Result, error) {
	c := *call
	c.Check = false
	if d.native != nil {
		return d.native.applyTo(ctx, &c)
	}
	if d.Result != nil && (d.Result.Changed || d.Result.Skipped) {
		return mod.Run(ctx, &c)
	}
	return reportedTo(d.Result, &c), nil
}
