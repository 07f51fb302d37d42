package plan

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/internal/modspec"
)

func taskRecord(id, before string, args map[string]any) engine.TaskRecord {
	return engine.TaskRecord{ID: id, Task: "t " + id, Module: "copy", Status: engine.StatusChanged,
		Args: args, Diffs: []modspec.Diff{{BeforeHeader: "/f", Before: before, After: "new\n"}},
		Result: map[string]any{"changed": true, "start": "volatile"}}
}

func TestGuardApprove(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	planned := NewRecorderWithKey(key, nil)
	planned.Record("h1", taskRecord("a.yml:1:3", "old\n", map[string]any{"dest": "/f", "content": "new\n"}))
	p := &Plan{Version: Version, Key: "3031323334353637383961626364656630313233343536373839616263646566", Hosts: planned.Hosts()}
	cases := []struct {
		name, host, id, before string
		args                   map[string]any
		status                 engine.Status
		drift                  string
	}{
		{"same state", "h1", "a.yml:1:3", "old\n", map[string]any{"dest": "/f", "content": "new\n"}, engine.StatusChanged, ""},
		{"state changed", "h1", "a.yml:1:3", "edited by hand\n", map[string]any{"dest": "/f", "content": "new\n"}, engine.StatusChanged,
			"state changed since the plan: content of /f differs"},
		{"changed by hand to the planned state", "h1", "a.yml:1:3", "new\n", map[string]any{"dest": "/f", "content": "new\n"}, engine.StatusOK,
			"state changed"},
		{"args changed", "h1", "a.yml:1:3", "old\n", map[string]any{"dest": "/f", "content": "other\n"}, engine.StatusChanged, "arguments changed"},
		{"unplanned change", "h1", "b.yml:9:3", "old\n", map[string]any{"dest": "/f", "content": "new\n"}, engine.StatusChanged, "plan does not have it"},
		{"unplanned read", "h1", "b.yml:9:3", "old\n", map[string]any{"dest": "/f"}, engine.StatusOK, ""},
		{"host not planned", "h9", "a.yml:1:3", "old\n", nil, engine.StatusOK, "not in the plan"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, err := NewGuard(p)
			if err != nil {
				t.Fatal(err)
			}
			rec := taskRecord(c.id, c.before, c.args)
			rec.Status = c.status
			err = g.Approve(context.Background(), c.host, rec)
			switch {
			case c.drift == "" && err != nil:
				t.Fatalf("unexpected drift: %v", err)
			case c.drift != "" && (err == nil || !strings.Contains(err.Error(), c.drift)):
				t.Fatalf("want drift %q, got %v", c.drift, err)
			case c.drift != "" && len(g.Drifts()) != 1:
				t.Fatalf("the drift must be recorded: %v", g.Drifts())
			}
		})
	}
}

// TestGuardIgnoresLoopAnnotations: a loop item's planned result carries
// the item and loop variables, the fresh description does not; that is
// no drift.
func TestGuardIgnoresLoopAnnotations(t *testing.T) {
	r, err := NewRecorder(nil)
	if err != nil {
		t.Fatal(err)
	}
	planned := taskRecord("a.yml:1:3#0", "old\n", map[string]any{"dest": "/f"})
	planned.Result = map[string]any{"changed": true, "dest": "/f", "pkg": "x", "ansible_loop_var": "pkg",
		"i": 0, "ansible_index_var": "i", "_ansible_item_label": "x"}
	r.Record("h1", planned)
	g, err := NewGuard(&Plan{Version: Version, Key: r.Key(), Hosts: r.Hosts()})
	if err != nil {
		t.Fatal(err)
	}
	now := taskRecord("a.yml:1:3#0", "old\n", map[string]any{"dest": "/f"})
	now.Result = map[string]any{"changed": true, "dest": "/f"}
	if err := g.Approve(context.Background(), "h1", now); err != nil {
		t.Fatal(err)
	}
}

func TestSecretsStayOutOfPlans(t *testing.T) {
	r, err := NewRecorder(func(s string) string { return strings.ReplaceAll(s, "hunter2", "********") })
	if err != nil {
		t.Fatal(err)
	}
	r.Record("h1", taskRecord("a.yml:1:3", "old\n", map[string]any{"dest": "/f", "content": "password=hunter2\n"}))
	r.Record("h1", engine.TaskRecord{ID: "a.yml:5:3", Module: "template", Status: engine.StatusChanged,
		Args: map[string]any{"src": "t.j2", "dest": "/etc/x-hunter2"}})
	r.Record("h1", engine.TaskRecord{ID: "a.yml:9:3", Module: "shell", Status: engine.StatusChanged,
		Args: map[string]any{"_raw_params": "echo hunter2"}, NoLog: true})
	r.Record("h1", engine.TaskRecord{ID: "a.yml:12:3", Module: "template", Status: engine.StatusChanged, NoLog: true,
		Diffs: []modspec.Diff{{BeforeHeader: "/edx/lms.auth.json", Before: `{"SECRET_KEY": "s3cr3t-old"}`, After: `{"SECRET_KEY": "s3cr3t-new", "X": "y"}`}}})
	r.Record("h1", engine.TaskRecord{ID: "a.yml:14:3", Module: "template", Status: engine.StatusChanged, NoLog: true,
		Diffs: []modspec.Diff{{BeforeHeader: "/edx/lms.yml", Before: "PLATFORM_NAME: A\nX: old-x\n", After: "PLATFORM_NAME: B\nX: new-x\n"}}})
	r.Record("h1", engine.TaskRecord{ID: "a.yml:16:3", Module: "copy", Status: engine.StatusChanged,
		Diffs: []modspec.Diff{{BeforeHeader: "/new", After: "created\n"}}})
	p := &Plan{Version: Version, Key: r.Key(), Hosts: r.Hosts()}
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := p.Save(path); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("plan file mode: %v %v", fi.Mode(), err)
	}
	q, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	q.Show(&b, true)
	data, _ := os.ReadFile(path)
	for _, leak := range []string{"hunter2", "s3cr3t", "old-x", "new-x"} {
		if strings.Contains(b.String(), leak) || strings.Contains(string(data), leak) {
			t.Errorf("plan holds or shows %q:\n%s", leak, b.String())
		}
	}
	for _, want := range []string{`~ PLATFORM_NAME: "A" → "B"`, "~ X: (secret)", "~ SECRET_KEY: (secret)", "+ X: (secret)",
		"h1: 1 to add, 5 to change, 0 unknown", "-old\n", "content: password=********\\n", "+created\n"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("show lacks %q:\n%s", want, b.String())
		}
	}
}
