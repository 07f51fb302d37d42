package jinja2

import "testing"

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
