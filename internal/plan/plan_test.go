package plan

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/internal/modspec"
)

func record(r *Recorder, host, id, before string, args map[string]any) {
	r.Record(host, engine.TaskRecord{ID: id, Task: "t " + id, Module: "copy", Status: engine.StatusChanged,
		Args: args, Diffs: []modspec.Diff{{BeforeHeader: "/f", Before: before, After: "new\n"}},
		Result: map[string]any{"changed": true, "start": "volatile"}})
}

func TestCompare(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	planned := NewRecorderWithKey(key, nil)
	record(planned, "h1", "a.yml:1:3", "old\n", map[string]any{"dest": "/f", "content": "new\n"})
	p := &Plan{Version: Version, Hosts: planned.Hosts()}
	cases := []struct {
		name   string
		before string
		args   map[string]any
		id     string
		drift  string
	}{
		{"same state", "old\n", map[string]any{"dest": "/f", "content": "new\n"}, "a.yml:1:3", ""},
		{"state changed", "edited by hand\n", map[string]any{"dest": "/f", "content": "new\n"}, "a.yml:1:3", "state changed"},
		{"args changed", "old\n", map[string]any{"dest": "/f", "content": "other\n"}, "a.yml:1:3", "arguments changed"},
		{"other task", "old\n", map[string]any{"dest": "/f", "content": "new\n"}, "b.yml:9:3", "different task"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			now := NewRecorderWithKey(key, nil)
			record(now, "h1", c.id, c.before, c.args)
			d := p.Compare("h1", now.Hosts()["h1"])
			switch {
			case c.drift == "" && d != nil:
				t.Fatalf("unexpected drift: %v", d)
			case c.drift != "" && (d == nil || !strings.Contains(d.Reason, c.drift)):
				t.Fatalf("want drift %q, got %v", c.drift, d)
			}
		})
	}
	if d := p.Compare("h9", nil); d == nil {
		t.Error("a host missing from the plan must drift")
	}
}

func TestSecretsStayOutOfPlans(t *testing.T) {
	r, err := NewRecorder(func(s string) string { return strings.ReplaceAll(s, "hunter2", "********") })
	if err != nil {
		t.Fatal(err)
	}
	record(r, "h1", "a.yml:1:3", "old\n", map[string]any{"dest": "/f", "content": "password=hunter2\n"})
	r.Record("h1", engine.TaskRecord{ID: "a.yml:5:3", Module: "template", Status: engine.StatusChanged,
		Args: map[string]any{"src": "t.j2", "dest": "/etc/x-hunter2"}, NoLog: false})
	r.Record("h1", engine.TaskRecord{ID: "a.yml:9:3", Module: "shell", Status: engine.StatusChanged,
		Args: map[string]any{"_raw_params": "echo hunter2"}, NoLog: true})
	p := &Plan{Version: Version, Key: r.Key(), Hosts: r.Hosts()}
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := p.Save(path); err != nil {
		t.Fatal(err)
	}
	q, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	q.Show(&b, true)
	for _, leak := range []string{"hunter2", "password="} {
		if strings.Contains(b.String(), leak) {
			t.Errorf("plan shows %q:\n%s", leak, b.String())
		}
	}
	if q.Changes("h1") != 3 || q.Empty() {
		t.Errorf("want 3 changes, got %d", q.Changes("h1"))
	}
}
