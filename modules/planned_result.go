package modules

import "context"

// withResult applies adjust to a description's result and to the result
// of its apply step (the reported form of a module built on another's
// description: a warning, extra return values).
func withResult(p *Planned, adjust func(*Result)) *Planned {
	if p.Result != nil {
		adjust(p.Result)
	}
	if p.apply == nil {
		return p
	}
	out := *p
	out.apply = func(ctx context.Context, call *Call) (*Result, error) {
		res, err := p.apply(ctx, call)
		if res != nil {
			adjust(res)
		}
		return res, err
	}
	return &out
}
