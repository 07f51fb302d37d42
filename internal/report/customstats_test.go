package report

import (
	"bytes"
	"testing"
)

// TestCustomStats compares the CUSTOM STATS section with what
// ansible-playbook 2.14 printed for the same stats (set_stats target,
// ANSIBLE_SHOW_CUSTOM_STATS=yes), and checks it stays off by default.
func TestCustomStats(t *testing.T) {
	custom := map[string]map[string]any{"testhost": {"my_int": 42}, "_run": {"my_string": "foo", "my_int": 42}}
	want := "\nCUSTOM STATS: ******************************************************************\n" +
		"\ttesthost: { \"my_int\": 42}\n\n\tRUN: { \"my_int\": 42, \"my_string\": \"foo\"}\n\n"
	for _, on := range []bool{false, true} {
		var b bytes.Buffer
		h := NewHuman(&b, 0, false)
		h.SetCustomStats(on)
		h.CustomStats(custom)
		exp := ""
		if on {
			exp = want
		}
		if b.String() != exp {
			t.Errorf("show=%v: got %q, want %q", on, b.String(), exp)
		}
	}
}
