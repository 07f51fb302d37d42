package modules_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/edxplay/edxplay/internal/connection/local"
)

// TestAssembleConverges assembles target-side and controller-side
// fragments twice: the first run writes, the second changes nothing, and
// check mode skips (Ansible's assemble has no check mode) and writes
// nothing.
func TestAssembleConverges(t *testing.T) {
	conn, err := local.New()
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	frags := map[string]string{"files/frags/b": "two", "files/frags/a": "one\n", "files/frags/.h": "hidden\n"}
	writeFiles(t, root, frags)
	src := filepath.Join(root, "files", "frags")
	host := dirHost{root: root}
	cases := []struct {
		name string
		args map[string]any
		want string
	}{
		{"remote", map[string]any{"src": src}, "hidden\none\ntwo"},
		{"remote delimiter", map[string]any{"src": src, "delimiter": "--", "ignore_hidden": true}, "one\n--\ntwo"},
		{"controller", map[string]any{"src": "frags", "remote_src": false, "regexp": "^[ab]$"}, "one\ntwo"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "out")
			c.args["dest"] = dest
			if res := applyWithHost(t, conn, host, "assemble", c.args, true); !res.Skipped || res.Changed {
				t.Fatalf("check mode: %+v", res)
			}
			if _, err := os.Stat(dest); err == nil {
				t.Fatal("check mode wrote dest")
			}
			first := applyWithHost(t, conn, host, "assemble", c.args, false)
			if !first.Changed || first.Failed {
				t.Fatalf("first run: %+v", first)
			}
			if got, _ := os.ReadFile(dest); string(got) != c.want {
				t.Errorf("dest = %q, want %q", got, c.want)
			}
			if again := applyWithHost(t, conn, host, "assemble", c.args, false); again.Changed || again.Failed {
				t.Fatalf("second run: %+v", again)
			}
		})
	}
}
