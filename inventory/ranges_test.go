package inventory

import (
	"testing"
)

func TestPyInt(t *testing.T) {
	for in, want := range map[string]int{"7": 7, " 7 ": 7, "+7": 7, "-7": -7, "1_000": 1000, "007": 7} {
		if got, err := pyInt(in); err != nil || got != want {
			t.Errorf("pyInt(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "x", "1__0", "_1", "1_", "+-1", "1.5", "0x10"} {
		if _, err := pyInt(in); err == nil {
			t.Errorf("pyInt(%q): no error", in)
		}
	}
}
