package modules_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestScript(t *testing.T) {
	conn := hostConn(t)
	// directories another process (an interrupted run) left are not this test's
	before, _ := filepath.Glob("/tmp/edxplay-script.*")
	root, work := t.TempDir(), t.TempDir()
	created := filepath.Join(work, "created")
	writeFiles(t, root, map[string]string{
		"files/mk.sh":   "#!/bin/sh\nset -e\necho \"args: $*\"\npwd\ntouch \"$1\"\n",
		"files/fail.sh": "#!/bin/sh\necho bad >&2\nexit 4\n",
	})
	host := dirHost{root: root}
	a := map[string]any{"_raw_params": "mk.sh " + created + " 'two words'", "creates": created, "chdir": work}
	state := func() string {
		if _, err := os.Stat(created); err != nil {
			return "absent"
		}
		return "present"
	}
	check := applyWithHost(t, conn, host, "script", a, true)
	if !check.Changed || state() != "absent" {
		t.Fatalf("check mode: %+v, state %s", check, state())
	}
	first := applyWithHost(t, conn, host, "script", a, false)
	if first.Failed || !first.Changed || state() != "present" {
		t.Fatalf("first run: %+v", first)
	}
	if out := first.Data["stdout"].(string); !strings.Contains(out, "args: "+created+" two words\n"+work+"\n") {
		t.Fatalf("stdout %q", out)
	}
	for _, check := range []bool{false, true} {
		if again := applyWithHost(t, conn, host, "script", a, check); !again.Skipped || again.Changed || again.Msg != created+" exists, matching creates option" {
			t.Fatalf("second run (check=%v): %+v", check, again)
		}
	}
	if res := applyWithHost(t, conn, host, "script", map[string]any{"_raw_params": "mk.sh x"}, true); !res.Skipped {
		t.Fatalf("check mode without creates/removes must skip: %+v", res)
	}
	sh := applyWithHost(t, conn, host, "script", map[string]any{"cmd": "fail.sh", "executable": "sh"}, false)
	if !sh.Failed || sh.Data["rc"] != 4 || sh.Data["stderr"] != "bad\n" || sh.Msg != "non-zero return code" {
		t.Fatalf("failing script: %+v", sh)
	}
	if res := applyWithHost(t, conn, host, "script", map[string]any{"_raw_params": "nope.sh"}, false); !res.Failed ||
		res.Msg != "Could not find or access 'nope.sh' on the Ansible Controller." {
		t.Fatalf("missing script: %+v", res)
	}
	if res := applyWithHost(t, conn, host, "script", map[string]any{"_raw_params": "mk.sh y", "chdir": "rel"}, false); !res.Failed {
		t.Fatalf("relative chdir accepted: %+v", res)
	}
	if left := newPaths(before, "/tmp/edxplay-script.*"); len(left) > 0 {
		t.Errorf("temporary directories left behind: %v", left)
	}
}

// newPaths lists the paths matching pattern that are not in before.
func newPaths(before []string, pattern string) []string {
	now, _ := filepath.Glob(pattern)
	var out []string
	for _, p := range now {
		if !slices.Contains(before, p) {
			out = append(out, p)
		}
	}
	return out
}
