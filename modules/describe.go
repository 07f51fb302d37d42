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
}

// Describe asks mod what call would change, changing nothing: the module
// runs in check mode with diffs, and every host read it makes is kept so
// that Apply makes the change from this very pre-state.
func Describe(ctx context.Context, mod Module, call *Call) (*Description, error) {
	c := *call
	c.Check, c.Diff = true, true
	log := &readLog{}
	if call.Conn != nil {
		c.Conn = recordingConn{Conn: call.Conn, log: log}
	}
	res, err := mod.Run(ctx, &c)
	if err != nil {
		return nil, err
	}
	d := &Description{Result: res, reads: log}
	d.Changed, d.Diffs = res.Changed, res.Diffs
	if unknown, _ := res.Data["check_mode_unknown"].(bool); unknown {
		d.Unknown = fmt.Sprint(res.Msg)
		if m, ok := res.Data["msg"]; ok && d.Unknown == "" {
			d.Unknown = fmt.Sprint(m)
		}
	}
	return d, nil
}

// Apply makes the described change: the module runs for real, and its
// reads of the host, up to its first command that is not one of the
// description's or its first write, are answered from the description,
// so it acts on the state that was described (and checked) and reads
// nothing twice.
func (d *Description) Apply(ctx context.Context, mod Module, call *Call) (*Result, error) {
	c := *call
	c.Check = false
	if call.Conn != nil {
		c.Conn = &replayConn{Conn: call.Conn, log: d.reads}
	}
	return mod.Run(ctx, &c)
}
