package modules

import (
	"context"
	"fmt"

	"github.com/edxplay/edxplay/internal/modspec"
)

// Description is what a module would do on a host, made by running it in
// check mode with diffs, together with the host reads it was made from.
type Description struct {
	modspec.Change
	// Result is the module's check-mode result.
	Result *Result
	reads  *readLog
	// native is the module's own description, when it is a Describer.
	native *Planned
}

// Describe asks mod what call would change, changing nothing: a
// Describer describes it itself; any other module runs in check mode
// (with diffs when call.Diff). Check mode reports it.
func Describe(ctx context.Context, mod Module, call *Call) (*Description, error) {
	d, err := describe(ctx, mod, call, nil)
	if err == nil {
		d.Release() // check mode never applies it
	}
	return d, err
}

// DescribeToApply is Describe with diffs, keeping every host read the
// module makes, so that Apply makes the change from this very pre-state.
// The caller Releases the description once it is applied or refused.
func DescribeToApply(ctx context.Context, mod Module, call *Call) (*Description, error) {
	c := *call
	c.Diff = true
	return describe(ctx, mod, &c, &readLog{})
}

func describe(ctx context.Context, mod Module, call *Call, log *readLog) (*Description, error) {
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
		if call.Conn != nil && log != nil {
			c.Conn = recordingConn{Conn: call.Conn, log: log}
		}
		res, err = mod.Run(ctx, &c)
	}
	if err != nil {
		return nil, err
	}
	d := &Description{Result: res, reads: log, native: native}
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

// Apply makes the described change. A Describer's own apply step makes
// it; any other module runs for real, and its
// reads of the host, up to its first command that is not one of the
// description's or its first write, are answered from the description,
// so it acts on the state that was described (and checked) and reads
// nothing twice.
func (d *Description) Apply(ctx context.Context, mod Module, call *Call) (*Result, error) {
	c := *call
	c.Check = false
	if d.native != nil {
		return d.native.applyTo(ctx, &c)
	}
	if call.Conn != nil && d.reads != nil {
		c.Conn = &replayConn{Conn: call.Conn, log: d.reads}
	}
	return mod.Run(ctx, &c)
}
