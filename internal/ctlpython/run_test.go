package ctlpython

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakePython writes a shell script standing in for a Python: it ignores
// -c and its program and prints out.
func fakePython(t *testing.T, out string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "python3")
	if err := os.WriteFile(path, []byte("#!/bin/sh\ncat >/dev/null\n"+out+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestRun checks the answers Run accepts and the errors it gives.
func TestRun(t *testing.T) {
	for _, tc := range []struct {
		name, script string
		max          int
		want, err    string
	}{
		{"answer", `echo '{"ok": 1}'`, 0, `{"ok": 1}`, ""},
		{"no ansible", `echo '{"noansible": "No module named ansible"}'`, 0, "", "No module named ansible"},
		{"exit status", `echo boom >&2; exit 3`, 0, "", "exit status 3 boom"},
		{"unreadable", `echo not json`, 0, "", "unreadable answer"},
		{"too large", `echo '{"ok": "0123456789"}'`, 8, "", "output too large"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(Env, fakePython(t, tc.script))
			out, err := Run(context.Background(), Program{Source: "pass", Stdin: []byte("{}"), MaxOutput: tc.max})
			if tc.err != "" {
				if !errors.Is(err, ErrNoAnsible) || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error = %v, want ErrNoAnsible with %q", err, tc.err)
				}
				return
			}
			if err != nil || strings.TrimSpace(string(out)) != tc.want {
				t.Fatalf("Run = %q, %v; want %q", out, err, tc.want)
			}
		})
	}
}

// TestRunAnsible runs a real program under the controller's Python when
// it has ansible-core.
func TestRunAnsible(t *testing.T) {
	prog := Program{Source: "import json, sys\ntry:\n    import ansible\nexcept ImportError as e:\n    print(json.dumps({'noansible': str(e)})); sys.exit(0)\nprint(json.dumps({'stdin': sys.stdin.read()}))"}
	prog.Stdin = []byte("hello")
	out, err := Run(context.Background(), prog)
	if errors.Is(err, ErrNoAnsible) {
		t.Skipf("no controller Python with ansible-core: %v", err)
	}
	if err != nil || string(out) != "{\"stdin\": \"hello\"}\n" {
		t.Fatalf("Run = %q, %v", out, err)
	}
}
