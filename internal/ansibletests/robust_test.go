package ansibletests

import (
	"testing"

	"github.com/edxplay/edxplay/internal/jinja2"
)

// TestOddValues applies every test to values and arguments of every
// kind: each gives a result or an error, never panics.
func TestOddValues(t *testing.T) {
	d := jinja2.NewDict()
	d.SetStr("results", jinja2.NewList(jinja2.None))
	d.SetStr("started", jinja2.NewList())
	odd := []jinja2.Value{jinja2.None, jinja2.Int(-1), jinja2.Float(1.5), jinja2.Bool(true), jinja2.Str(""),
		jinja2.Str("1.0.0-rc.1+b"), jinja2.Str("\x00"), jinja2.Str("/"), jinja2.Str("[("), jinja2.NewList(),
		jinja2.NewList(jinja2.None), jinja2.NewTuple(jinja2.Int(1)), jinja2.DictValue(d),
		jinja2.UndefinedName("u"), jinja2.NewList(jinja2.NewList())}
	for _, test := range tests() {
		for _, v := range odd {
			_, _ = test(nil, v, nil, jinja2.NewDict())
			for _, a := range odd {
				_, _ = test(nil, v, []jinja2.Value{a}, jinja2.NewDict())
				_, _ = test(nil, v, []jinja2.Value{a, a, a}, jinja2.NewDict())
				kw := jinja2.NewDict()
				kw.SetStr("version_type", a)
				_, _ = test(nil, v, []jinja2.Value{a}, kw)
			}
		}
	}
}
