package jinja2

import (
	"strings"
	"testing"
)

// TestBoundedWork checks that deep nesting and runaway loops fail
// instead of exhausting the stack or running for ever.
func TestBoundedWork(t *testing.T) {
	env := NewEnvironment(AnsibleConfig(), nil)
	for _, src := range []string{
		strings.Repeat("{% if true %}", 100000),
		"{{ " + strings.Repeat("(", 100000) + " }}",
		"{% for i in range(10000000) %}{% for j in range(10000000) %}{% endfor %}{% endfor %}",
		"{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
		"{{ 'x' * 10000000000 }}", "{{ 2 ** 100000000000 }}", "{{ range(10000000000) | list }}",
	} {
		tm, err := env.Parse("t", src)
		if err == nil {
			_, err = tm.Render(nil)
		}
		if ErrorClass(err) == "" {
			t.Errorf("%.40s: got %v, want a template error", src, err)
		}
	}
}

// FuzzParse checks that no template source panics the lexer, the parser
// or a render.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"", "plain", "{{ x }}", "{{ 1 + 2 * 3 ** 4 // 5 % 6 }}", "{% for k, v in d.items() %}{{ k }}{% else %}-{% endfor %}",
		"{% if a %}x{% elif b %}y{% else %}z{% endif %}", "{% macro m(a, b=1) %}{{ caller() }}{% endmacro %}{% call m(1) %}c{% endcall %}",
		"{% set ns = namespace(a=1) %}{% set ns.a = 2 %}", "{% raw %}{{ x }}{% endraw %}", "{# c #}", "{{ 'a' if b else c | d(e=f) }}",
		"{{ a is match('x', ignorecase=true) }}", "{{ a in b | union(c) }}", "{% filter upper %}x{% endfilter %}",
		"{% include 'x' ignore missing with context %}", "{% from 'x' import a as b, c with context %}", "{% extends 'x' %}{% block b %}{{ super() }}{% endblock %}",
		"{{ x[1:2:3] }}", "{{ (((((((((((1))))))))))) }}", "{{ '\\x41\\u00e9' }}", "{%- if x -%}{%+ endif +%}", "{{ 0x1F ~ 1_000 ~ 1e3 }}",
		"{% for x in y recursive %}{{ loop(x) }}{% endfor %}", "{{ '%s %d' % (a, b) }}", "{{ '{:>5}'.format(x) }}", "{{ {'a': [1, (2,)]} }}",
		"{{ [1, 2] | map('string') | join }}", "{% with a = 1 %}{{ a }}{% endwith %}", "{{ x.y.z | default }}", "{{ -2 ** x }}",
	} {
		f.Add(seed)
	}
	env := NewEnvironment(AnsibleConfig(), MapLoader{"x": "{% block b %}{{ x }}{% endblock %}"})
	vars := NewDict()
	vars.SetStr("x", NewList(Int(1), Str("a")))
	vars.SetStr("d", DictValue(NewDict()))
	f.Fuzz(func(t *testing.T, src string) {
		tm, err := env.Parse("fuzz", src)
		if err != nil {
			if ErrorClass(err) == "" {
				t.Fatalf("parse error without a class: %v", err)
			}
			return
		}
		_, _ = tm.Render(DictVars{vars})
		_, _ = tm.Native(DictVars{vars})
	})
}
