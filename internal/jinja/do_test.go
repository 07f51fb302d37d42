package jinja

import "testing"

// TestDoMutates checks {% do %} with the methods that mutate in Python;
// the expected outputs are Jinja2 3.1's (jinja2.ext.do) on the same input.
func TestDoMutates(t *testing.T) {
	cases := []struct{ src, want string }{
		{"{% set d = {'a': 1} %}{% do d.update({'b': 2}) %}{{ d }}", "{'a': 1, 'b': 2}"},
		{"{% set d = {'a': 1} %}{% do d.update(c=3) %}{{ d }}", "{'a': 1, 'c': 3}"},
		{"{% set l = [1] %}{% do l.append(2) %}{% do l.extend([3, 4]) %}{% do l.insert(0, 0) %}{{ l }}", "[0, 1, 2, 3, 4]"},
		{"{% set acc = [] %}{% for i in [1, 2] %}{% do acc.append(i * 10) %}{% endfor %}{{ acc }}", "[10, 20]"},
		{"{% set m = {} %}{% for k in ['x', 'y'] %}{% do m.update({k: k | upper}) %}{% endfor %}{{ m }}", "{'x': 'X', 'y': 'Y'}"},
		{"{% set l = [1] %}{% do l.insert(-1, 0) %}{{ l }}", "[0, 1]"},
	}
	e := New(Options{})
	for _, c := range cases {
		got, _, err := e.render(c.src, "t.j2", e.NewScope(map[string]any{}), newState())
		if err != nil || got != c.want {
			t.Errorf("%s\n got %q (%v)\nwant %q", c.src, got, err, c.want)
		}
	}
}
