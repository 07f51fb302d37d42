package boundedout

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
)

// TestBuffer checks the bound on direct writes and on a program's output
// copied by os/exec.
func TestBuffer(t *testing.T) {
	for _, tc := range []struct {
		name     string
		max      int
		truncate bool
		script   string
		kept     string
		err      error
	}{
		{"within", 8, false, "printf abc", "abc", nil},
		{"past the bound fails", 5, false, "printf abcdefgh", "", ErrTooLarge},
		{"past the bound truncates", 5, true, "printf abcdefgh", "abcde", nil},
		{"no bound", 0, false, "printf abcdefgh", "abcdefgh", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := &Buffer{Max: tc.max, Truncate: tc.truncate}
			cmd := exec.Command("sh", "-c", tc.script)
			cmd.Stdout = b
			err := cmd.Run()
			if !errors.Is(err, tc.err) {
				t.Fatalf("run: %v, want %v", err, tc.err)
			}
			if tc.err == nil && b.String() != tc.kept {
				t.Errorf("kept %q, want %q", b.String(), tc.kept)
			}
			if tc.err != nil && strings.Contains(b.String(), "fgh") {
				t.Errorf("kept past the bound: %q", b.String())
			}
		})
	}
}
