package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const badRoot = "testdata/bad"

// TestBadPlaybooks runs every case under testdata/bad and requires a
// non-zero exit, an error message containing each line of expected.err
// (typically "file:line" plus the offending name), and an empty out
// directory: the marker-writing task must never have run.
func TestBadPlaybooks(t *testing.T) {
	for _, name := range caseDirs(t, badRoot) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			caseDir, err := filepath.Abs(filepath.Join(badRoot, name))
			if err != nil {
				t.Fatal(err)
			}
			wantLines, err := os.ReadFile(filepath.Join(caseDir, "expected.err"))
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "out")
			if err := os.Mkdir(out, 0o755); err != nil {
				t.Fatal(err)
			}
			res := runEdxplay(context.Background(), t, caseDir, out, nil)
			combined := res.stdout + res.stderr
			if res.rc == 0 {
				t.Errorf("exit code 0, want non-zero")
			}
			for _, want := range strings.Split(strings.TrimSpace(string(wantLines)), "\n") {
				if !strings.Contains(combined, want) {
					t.Errorf("output does not mention %q", want)
				}
			}
			entries, err := snapshotTree(out)
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) > 0 {
				t.Errorf("files were written despite the error:\n%s", formatTree(entries))
			}
			if t.Failed() {
				t.Logf("stdout:\n%s\nstderr:\n%s", res.stdout, res.stderr)
			}
		})
	}
}
