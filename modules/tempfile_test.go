package modules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTempfile(t *testing.T) {
	conn := hostConn(t)
	dir := t.TempDir()
	if res := applyModule(t, conn, "tempfile", map[string]any{"path": dir}, true); !res.Skipped {
		t.Fatalf("check mode: %+v", res)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("check mode created %v", entries)
	}
	cases := []struct {
		state, mode string
		isDir       bool
	}{{"file", "0600", false}, {"directory", "0700", true}}
	for _, c := range cases {
		res := applyModule(t, conn, "tempfile", map[string]any{"path": dir, "state": c.state, "suffix": ".x"}, false)
		p, _ := res.Data["path"].(string)
		st, err := os.Lstat(p)
		if res.Failed || !res.Changed || err != nil || st.IsDir() != c.isDir || filepath.Dir(p) != dir {
			t.Fatalf("%s: %+v (%v)", c.state, res, err)
		}
		name := filepath.Base(p)
		if !strings.HasPrefix(name, "ansible.") || !strings.HasSuffix(name, ".x") || len(name) != len("ansible.")+8+2 {
			t.Errorf("%s: name %q is not prefix + 8 random characters + suffix", c.state, name)
		}
		if res.Data["mode"] != c.mode || res.Data["state"] != c.state || res.Data["owner"] != "root" {
			t.Errorf("%s: result %v", c.state, res.Data)
		}
		other := applyModule(t, conn, "tempfile", map[string]any{"path": dir, "state": c.state}, false)
		if other.Data["path"] == p {
			t.Errorf("%s: two runs gave the same name %s", c.state, p)
		}
	}
	if res := applyModule(t, conn, "tempfile", map[string]any{"path": filepath.Join(dir, "missing")}, false); !res.Failed {
		t.Fatalf("missing directory: %+v", res)
	}
}
