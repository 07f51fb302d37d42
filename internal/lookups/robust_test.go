package lookups

import (
	"context"
	"testing"

	"github.com/edxplay/edxplay/internal/jinja2"
)

// TestOddTerms runs every lookup and loop on terms of every kind: each
// returns a result or an error, never panics.
func TestOddTerms(t *testing.T) {
	d := jinja2.NewDict()
	d.SetStr("files", jinja2.NewList(jinja2.Int(1)))
	d.SetStr("skip", jinja2.Str("x"))
	odd := []jinja2.Value{jinja2.None, jinja2.Int(-1), jinja2.Float(1.5), jinja2.Bool(true), jinja2.Str(""),
		jinja2.Str("a=b=c d"), jinja2.Str("\x00"), jinja2.Str("/"), jinja2.NewList(), jinja2.NewList(jinja2.None),
		jinja2.NewTuple(jinja2.Int(1)), jinja2.DictValue(d), jinja2.DictValue(jinja2.NewDict()),
		jinja2.UndefinedName("u"), jinja2.NewList(jinja2.NewList(jinja2.DictValue(d)))}
	kws := []*jinja2.Dict{jinja2.NewDict(), d}
	ctx := context.Background()
	for _, name := range Names() {
		if name == "pipe" || name == "lines" || name == "password" {
			continue // these run commands or write files named by the terms
		}
		for _, a := range odd {
			for _, kw := range kws {
				_, _ = Call(ctx, newTestController(t, jinja2.NewDict()), name, []jinja2.Value{a}, kw)
			}
			for _, b := range odd {
				ctrl := newTestController(t, jinja2.NewDict())
				_, _ = Call(ctx, ctrl, name, []jinja2.Value{a, b}, jinja2.NewDict())
				_, _ = Loop(ctx, ctrl, name, jinja2.NewList(a, b), "")
				_, _ = Loop(ctx, ctrl, name, a, "templates")
			}
		}
	}
}
