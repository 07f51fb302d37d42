package jinja2

import (
	"strings"
	"testing"
)

func markVars() *Dict {
	v := NewDict()
	v.SetStr("pw", Str("hunter2").WithMark(Secret))
	v.SetStr("plain", Str("ok"))
	v.SetStr("host", Str("{{ evil }}").WithMark(Unsafe))
	v.SetStr("pwlist", NewList(Str("a"), Str("b")).WithMark(Secret))
	inner := NewDict()
	inner.SetStr("k", Str("v").WithMark(Secret))
	v.SetStr("nested", DictValue(inner))
	return v
}

// TestSecretPropagates checks that every value computed from a secret is
// secret: operators, filters, methods, formatting, loops, macros, tests,
// conditions and containers.
func TestSecretPropagates(t *testing.T) {
	env := NewEnvironment(AnsibleConfig(), nil)
	for _, src := range []string{
		"{{ pw }}", "{{ pw ~ 'x' }}", "{{ 'x' + pw }}", "{{ pw | upper }}", "{{ pw | length }}", "{{ pw.upper() }}",
		"{{ '%s' % pw }}", "{{ '{}'.format(pw) }}", "{{ pw == 'x' }}", "{{ pw is string }}", "{{ [pw] }}",
		"{{ {'a': pw} }}", "{% for c in pw %}{{ c }}{% endfor %}", "{% for x in pwlist %}{{ x }}{% endfor %}",
		"{{ pwlist[0] }}", "{{ pwlist | first }}", "{{ pwlist | join(',') }}", "{% if pw %}yes{% endif %}",
		"{% set x = pw %}{{ x }}", "{% macro m(a) %}<{{ a }}>{% endmacro %}{{ m(pw) }}", "{{ pw[1:3] }}",
		"{{ nested.k }}", "{{ nested }}", "{{ nested | tojson }}", "{{ pw if plain else 'n' }}", "{{ plain if pw else 'n' }}",
		"{{ pwlist | map('upper') | list }}", "{{ pw | default('d') }}", "{{ (pw | length) * 2 }}", "{% filter upper %}{{ pw }}{% endfilter %}",
		"{% set b %}{{ pw }}{% endset %}{{ b }}", "{{ pw | replace('h', 'H') }}", "{{ pw in 'hunter22' }}", "{{ -(pw | length) }}",
	} {
		tm, err := env.Parse("t", src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		for name, run := range map[string]func(Vars) (Value, error){"render": tm.Render, "eval": tm.Eval, "native": tm.Native} {
			v, err := run(DictVars{markVars()})
			if err != nil {
				t.Fatalf("%s %s: %v", name, src, err)
			}
			if !v.IsSecret() {
				t.Errorf("%s %s: result %s is not secret", name, src, Repr(v))
			}
		}
	}
}

// TestPlainStaysPlain checks that marks do not spread to unrelated values.
func TestPlainStaysPlain(t *testing.T) {
	env := NewEnvironment(AnsibleConfig(), nil)
	for _, src := range []string{"{{ plain }}", "{{ plain ~ 'x' }}", "{% set x = pw %}{{ plain }}", "{{ plain | length }}"} {
		tm, err := env.Parse("t", src)
		if err != nil {
			t.Fatal(err)
		}
		v, err := tm.Render(DictVars{markVars()})
		if err != nil {
			t.Fatal(err)
		}
		if v.IsSecret() || v.IsUnsafe() {
			t.Errorf("%s: %s is marked", src, Repr(v))
		}
	}
}

// TestUnsafePropagates checks that host data stays unsafe through the
// concat modes, including a literal_eval'ed result.
func TestUnsafePropagates(t *testing.T) {
	env := NewEnvironment(AnsibleConfig(), nil)
	for _, src := range []string{"{{ host }}", "[{{ host | tojson }}]", "{{ [host] }}", "x{{ host }}"} {
		tm, err := env.Parse("t", src)
		if err != nil {
			t.Fatal(err)
		}
		for _, run := range []func(Vars) (Value, error){tm.Render, tm.Eval, tm.Native} {
			v, err := run(DictVars{markVars()})
			if err != nil {
				t.Fatal(err)
			}
			if !v.IsUnsafe() {
				t.Errorf("%s: %s is not unsafe", src, Repr(v))
			}
		}
	}
}

// TestDoExtension checks that {% do %} is off as in Ansible 2.14 and works
// when enabled, changing the variable in place.
func TestDoExtension(t *testing.T) {
	off := NewEnvironment(AnsibleConfig(), nil)
	if _, err := off.Parse("t", "{% do x.append(1) %}"); err == nil || !strings.Contains(err.Error(), "Encountered unknown tag 'do'") {
		t.Fatalf("do without the option: %v", err)
	}
	cfg := AnsibleConfig()
	cfg.Do = true
	on := NewEnvironment(cfg, nil)
	tm, err := on.Parse("t", "{% set x = [] %}{% for i in range(3) %}{% do x.append(i) %}{% endfor %}{% set d = {} %}{% do d.update(a=1) %}{{ x }}{{ d }}")
	if err != nil {
		t.Fatal(err)
	}
	v, err := tm.Render(nil)
	if err != nil || v.StrValue() != "[0, 1, 2]{'a': 1}" {
		t.Fatalf("got %q, %v", v.StrValue(), err)
	}
}

// TestErrorPosition checks that errors name template:line:col.
func TestErrorPosition(t *testing.T) {
	env := NewEnvironment(AnsibleConfig(), nil)
	cases := []struct{ src, want string }{
		{"a\nb {{ 1 + }}", "t.j2:2:10: unexpected 'end of print statement'"},
		{"x\n\n  {{ nope.x }}", "t.j2:3:10: 'nope' is undefined"},
		{"{% for x in [1] %}\n{{ 1 // 0 }}{% endfor %}", "t.j2:2:4: integer division or modulo by zero"},
	}
	for _, c := range cases {
		tm, err := env.Parse("t.j2", c.src)
		if err == nil {
			_, err = tm.Render(nil)
		}
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %s", c.src, err, c.want)
		}
	}
}

// TestSecretErrorsHidden checks that an error raised on a secret value
// does not quote it.
func TestSecretErrorsHidden(t *testing.T) {
	env := NewEnvironment(AnsibleConfig(), nil)
	for _, src := range []string{"{{ pw | int + none }}", "{{ nested[pw] }}", "{{ pw < 1 }}", "{{ {}[pw].x }}",
		"{{ pw.index('zz') }}", "{{ '%d' % pw }}", "{{ pw in 3 }}", "{{ pwlist | map('int') | sum(start=none) }}"} {
		tm, err := env.Parse("t", src)
		if err == nil {
			_, err = tm.Render(DictVars{markVars()})
		}
		if err == nil {
			t.Errorf("%s: no error", src)
			continue
		}
		if strings.Contains(err.Error(), "hunter2") || !err.(*Error).Secret {
			t.Errorf("%s: %v", src, err)
		}
	}
}
