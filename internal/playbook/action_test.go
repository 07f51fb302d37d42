package playbook

import "testing"

func TestCutActionName(t *testing.T) {
	cases := []struct{ in, name, rest string }{
		{"debug msg=hi", "debug", "msg=hi"},
		{"{{ mod }} msg='x y'", "{{ mod }}", "msg='x y'"},
		{"{{ ansible_facts.pkg_mgr }}", "{{ ansible_facts.pkg_mgr }}", ""},
		{"ping", "ping", ""},
	}
	for _, c := range cases {
		name, rest := cutActionName(c.in)
		if name != c.name || rest != c.rest {
			t.Errorf("cutActionName(%q) = %q, %q; want %q, %q", c.in, name, rest, c.name, c.rest)
		}
	}
}
