package modules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestKnownHostsAgainstAnsible replays testdata/known_hosts/steps.json on
// one file of a test host and compares each step's changed, failed, msg,
// diff and resulting file with ansible-core's, recorded by regen.sh.
func TestKnownHostsAgainstAnsible(t *testing.T) {
	conn := hostConn(t)
	var steps []struct {
		Args  map[string]any
		Check bool
	}
	var want []struct {
		Changed, Failed bool
		Msg             string
		Diff            map[string]string
		File            *string
	}
	readJSON(t, "testdata/known_hosts/steps.json", &steps)
	readJSON(t, "testdata/known_hosts/golden.json", &want)
	f := filepath.Join(t.TempDir(), "known_hosts")
	for i, step := range steps {
		a := map[string]any{"path": f}
		for k, v := range step.Args {
			a[k] = v
		}
		res := applyModule(t, conn, "known_hosts", a, step.Check)
		w := want[i]
		if res.Changed != w.Changed || res.Failed != w.Failed || res.Msg != w.Msg {
			t.Fatalf("step %d %v: changed=%v failed=%v msg=%q, want %v %v %q", i, step.Args, res.Changed, res.Failed, res.Msg, w.Changed, w.Failed, w.Msg)
		}
		var file *string
		if data, err := os.ReadFile(f); err == nil {
			s := string(data)
			file = &s
		}
		if (file == nil) != (w.File == nil) || (file != nil && *file != *w.File) {
			t.Fatalf("step %d: file %v, want %v", i, deref(file), deref(w.File))
		}
		if w.Diff == nil || res.Failed {
			continue
		}
		d := res.Diffs[0]
		got := map[string]string{"before": d.Before, "after": d.After, "before_header": d.BeforeHeader, "after_header": d.AfterHeader}
		for k, v := range w.Diff {
			if strings.ReplaceAll(got[k], f, "@F@") != v {
				t.Fatalf("step %d: diff %s = %q, want %q", i, k, got[k], v)
			}
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return "<absent>"
	}
	return *s
}

// TestKnownHostsHashed checks that a hashed entry is found by ssh-keygen
// -F and that the second run, which cannot compare hashes, changes nothing.
func TestKnownHostsHashed(t *testing.T) {
	conn := hostConn(t)
	var steps []struct{ Args map[string]any }
	readJSON(t, "testdata/known_hosts/steps.json", &steps)
	f := filepath.Join(t.TempDir(), "known_hosts")
	a := map[string]any{"path": f, "name": "host1.example", "key": steps[0].Args["key"], "hash_host": true}
	assertConverges(t, conn, "known_hosts", a, fileState(f))
	data, _ := os.ReadFile(f)
	if !strings.HasPrefix(string(data), "|1|") || strings.Contains(string(data), "host1.example") {
		t.Fatalf("not hashed: %q", data)
	}
	if out, err := conn.Run(t.Context(), cmd("ssh-keygen -F host1.example -f "+f)); err != nil || !strings.Contains(out.Stdout, "found: line 1") {
		t.Fatalf("ssh-keygen does not find the hashed host: %q %v", out.Stdout, err)
	}
	removed := applyModule(t, conn, "known_hosts", map[string]any{"path": f, "name": "host1.example", "state": "absent"}, false)
	if data, _ := os.ReadFile(f); !removed.Changed || len(strings.TrimSpace(string(data))) != 0 {
		t.Fatalf("remove hashed host: %+v, file %q", removed, data)
	}
}
