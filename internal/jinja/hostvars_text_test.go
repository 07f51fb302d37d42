package jinja

import "testing"

// lazyHosts is a hostvars-like Lazy whose entries are scopes.
type lazyHosts struct {
	e    *Engine
	vars map[string]any
}

func (h lazyHosts) Get(k string) (any, bool, error) { return h.e.NewScope(h.vars), k == "h", nil }
func (h lazyHosts) Keys() []string                  { return []string{"h"} }

// TestHostvarsEntryAsText checks str() of a hostvars entry, which
// ansible_eval_concat reads back as a dict: as Ansible's HostVarsVars, a
// variable whose template meets an undefined one shows its raw text
// instead of failing the whole entry.
func TestHostvarsEntryAsText(t *testing.T) {
	e := New(Options{})
	for _, c := range []struct {
		vars map[string]any
		want string
	}{
		{map[string]any{"foo": "test"}, `{'foo': 'test'}`},
		{map[string]any{"foo": "test", "bad": "{{ undefined_x }}"}, `{'bad': '{{ undefined_x }}', 'foo': 'test'}`},
		{map[string]any{"foo": "{{ 'a' ~ 'b' }}", "bad": "x{{ undefined_x.y }}"}, `{'bad': 'x{{ undefined_x.y }}', 'foo': 'ab'}`},
	} {
		s := e.NewScope(map[string]any{"hostvars": lazyHosts{e, c.vars}, "all_vars": "{{ hostvars['h'] }}"})
		v, _, err := s.Get("all_vars")
		if err != nil {
			t.Fatalf("%v: %v", c.vars, err)
		}
		if got := pyRepr(v); got != c.want {
			t.Errorf("%v: all_vars = %s, want %s", c.vars, got, c.want)
		}
	}
}

// TestHostvarsItemLeavesUndefinedRaw: hostvars[host][name] is templated
// with fail_on_undefined=False (HostVarsVars.__getitem__): a value that
// meets an undefined variable is its raw text.
func TestHostvarsItemLeavesUndefinedRaw(t *testing.T) {
	e := New(Options{})
	vars := map[string]any{"foo": "{{ 'te' ~ 'st' }}", "bad": []any{"x{{ undefined_x }}"}}
	for _, c := range []struct{ expr, want string }{
		{"{{ hostvars['h'].foo }}", "test"},
		{"{{ hostvars['h'].bad }}", "['x{{ undefined_x }}']"},
	} {
		s := e.NewScope(map[string]any{"hostvars": lazyHosts{e, vars}})
		got, err := e.Template(c.expr, s)
		if err != nil || pyStr(got) != c.want {
			t.Errorf("%s = %v, %v; want %s", c.expr, got, err, c.want)
		}
	}
}
