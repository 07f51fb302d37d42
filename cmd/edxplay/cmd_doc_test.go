package main

import (
	"strings"
	"testing"
)

// TestDocFilters checks that doc --filters lists Ansible's filters,
// Jinja2's own and the tests.
func TestDocFilters(t *testing.T) {
	out, code := runCLI(t, "doc", "--filters")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, out)
	}
	for _, want := range []string{"Ansible filters (", "  to_nice_yaml\n", "  password_hash\n", "Jinja2 filters (", "  selectattr\n", "Tests (", "  defined\n", "  failed\n", "  version\n", "  encode_ini\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("doc --filters lacks %q:\n%s", want, out)
		}
	}
}
