package modules_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/edxplay/edxplay/internal/connection/local"
	"github.com/edxplay/edxplay/modules"
)

// TestApplyMakesTheDescribedChange describes edits of a real file, then
// lets another writer change it before Apply: Apply acts on the state
// that was described (its reads are the description's, not a second
// look), and Describe itself changes nothing.
func TestApplyMakesTheDescribedChange(t *testing.T) {
	conn, err := local.New()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		module      string
		args        map[string]any
		before, mid string
		changed     bool
	}{
		{"copy", map[string]any{"content": "new\n"}, "old\n", "new\n", true},
		{"lineinfile", map[string]any{"line": "workers=4"}, "a\n", "a\nworkers=4\n", true},
		{"lineinfile", map[string]any{"line": "a"}, "a\n", "b\n", false},
		{"blockinfile", map[string]any{"block": "workers=4"}, "a\n", "b\n", true},
		{"replace", map[string]any{"regexp": "old", "replace": "new"}, "old\n", "new\n", true},
		{"file", map[string]any{"mode": "0600"}, "a\n", "b\n", true},
		{"known_hosts", map[string]any{"name": "example.org", "key": "example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMZiWKsgJhcT7lrZNCFSsqRTKIiJE2p25O7YVNolxJj+"}, "a\n", "b\n", true},
	}
	for _, c := range cases {
		t.Run(c.module, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), "f")
			if err := os.WriteFile(f, []byte(c.before), 0o644); err != nil {
				t.Fatal(err)
			}
			mod, _ := modules.Lookup(c.module)
			if _, native := mod.(modules.Describer); !native {
				t.Fatalf("%s does not describe its change itself", c.module)
			}
			args := map[string]any{}
			for _, a := range mod.Spec().Args {
				if a.Default != nil {
					args[a.Name] = a.Default
				}
			}
			args["dest"], args["path"] = f, f // over a default path (known_hosts')
			for k, v := range c.args {
				args[k] = v
			}
			if c.module != "copy" {
				delete(args, "dest")
			} else {
				delete(args, "path")
			}
			call := &modules.Call{Args: args, Conn: conn}
			d, err := modules.DescribeToApply(context.Background(), mod, call)
			if err != nil {
				t.Fatal(err)
			}
			st, _ := os.Stat(f)
			if got, _ := os.ReadFile(f); string(got) != c.before || st.Mode().Perm() != 0o644 || d.Changed != c.changed || len(d.Diffs) == 0 {
				t.Fatalf("describe: changed=%v diffs=%d, file %q %v", d.Changed, len(d.Diffs), got, st.Mode())
			}
			if err := os.WriteFile(f, []byte(c.mid), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := d.Apply(context.Background(), mod, call)
			if err != nil {
				t.Fatal(err)
			}
			if res.Changed != c.changed {
				t.Errorf("apply: changed=%v, the description said %v (%+v)", res.Changed, c.changed, res)
			}
		})
	}
}
