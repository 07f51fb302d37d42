package jinja2

import "testing"

func TestSmoke(t *testing.T) {
	env := NewEnvironment(AnsibleConfig(), MapLoader{"inc": "[{{ x }}]", "base": "A{% block b %}base{% endblock %}Z", "child": "{% extends 'base' %}{% block b %}child {{ super() }}{% endblock %}"})
	vars := NewDict()
	vars.SetStr("x", Int(3))
	d := NewDict()
	d.SetStr("b", Int(2))
	d.SetStr("a", Int(1))
	vars.SetStr("d", DictValue(d))
	for _, c := range []struct{ src, want string }{
		{"{{ 1 + 2 }}", "3"},
		{"{{ x }} {{ 'a' ~ x }}", "3 a3"},
		{"{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}", "b=2;a=1;"},
		{"{% for k in d %}{{ loop.index }}{{ k }}{% endfor %}", "1b2a"},
		{"{{ d }}", "{'b': 2, 'a': 1}"},
		{"{{ y | default('dflt') }}", "dflt"},
		{"{{ y.z.w | default('dflt') }}", "dflt"},
		{"{% macro m(a, b=2) %}{{ a }}-{{ b }}{% endmacro %}{{ m(1) }}", "1-2"},
		{"{% include 'inc' %}", "[3]"},
		{"{% extends 'child' %}", "Achild baseZ"},
		{"{{ '%05.2f' % 3.14159 }}", "03.14"},
		{"{{ 2 ** 100 }}", "1267650600228229401496703205376"},
	} {
		tm, err := env.Parse("t", c.src)
		if err != nil {
			t.Errorf("%s: %v", c.src, err)
			continue
		}
		v, err := tm.Render(DictVars{vars})
		if err != nil {
			t.Errorf("%s: %v", c.src, err)
			continue
		}
		if v.s != c.want {
			t.Errorf("%s: got %q want %q", c.src, v.s, c.want)
		}
	}
}
