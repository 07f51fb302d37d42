package playbook

import (
	"github.com/edxplay/edxplay/internal/odict"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestKeywordTables checks the tables joined into the keyword table name
// disjoint keywords (joinTables would silently keep the last row).
func TestKeywordTables(t *testing.T) {
	seen := map[string]bool{}
	for _, table := range []map[string]keyword{inheritedKeywords, taskKeywords, playKeywords} {
		for name := range table {
			if seen[name] {
				t.Errorf("keyword %q is in two tables", name)
			}
			seen[name] = true
		}
	}
	for name, k := range inheritedKeywords {
		if k.inherit == NotInherited && !k.unsupported {
			t.Errorf("inherited keyword %q has no inheritance", name)
		}
		if k.inherit != Merge && k.pass == nil && !k.unsupported {
			t.Errorf("inherited keyword %q is never passed down", name)
		}
	}
}

// TestInherit pins Ansible's FieldAttribute semantics: the child's value
// overrides, tags/when/environment accumulate (when and environment
// outermost first), vars stay the child's own (layered by the engine).
func TestInherit(t *testing.T) {
	yes, no := true, false
	parent := Keywords{NoLog: true, Become: &yes, BecomeUser: "app", Diff: &yes, RemoteUser: "deploy",
		When: []string{"outer"}, Tags: []string{"a"}, Environment: []any{map[string]any{"A": "1"}},
		Vars: map[string]any{"x": 1}, Notify: []string{"h1"}, Port: 22}
	tests := []struct {
		name  string
		child Keywords
		want  Keywords
	}{
		{"nothing set inherits all but vars", Keywords{},
			Keywords{NoLog: true, Become: &yes, BecomeUser: "app", Diff: &yes, RemoteUser: "deploy",
				When: []string{"outer"}, Tags: []string{"a"}, Environment: []any{map[string]any{"A": "1"}},
				Notify: []string{"h1"}, Port: 22}},
		{"child overrides and accumulates",
			Keywords{NoLog: false, Become: &no, BecomeExpr: "", BecomeUser: "root", Diff: &no, RemoteUser: "ops",
				When: []string{"inner"}, Tags: []string{"b"}, Environment: []any{map[string]any{"A": "2"}},
				Vars: map[string]any{"y": 2}, Notify: []string{"h2"}, Port: 2222},
			Keywords{NoLog: false, Become: &no, BecomeUser: "root", Diff: &no, RemoteUser: "ops",
				When: []string{"outer", "inner"}, Tags: []string{"b", "a"},
				Environment: []any{map[string]any{"A": "1"}, map[string]any{"A": "2"}},
				Vars:        map[string]any{"y": 2}, Notify: []string{"h2"}, Port: 2222}},
		{"templated become replaces a literal one", Keywords{BecomeExpr: "{{ b }}"},
			Keywords{NoLog: true, BecomeExpr: "{{ b }}", BecomeUser: "app", Diff: &yes, RemoteUser: "deploy",
				When: []string{"outer"}, Tags: []string{"a"}, Environment: []any{map[string]any{"A": "1"}},
				Notify: []string{"h1"}, Port: 22}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Inherit(parent, tt.child); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Inherit:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
	before := len(parent.When)
	_ = Inherit(parent, Keywords{When: []string{"x"}})
	if len(parent.When) != before {
		t.Error("Inherit changed the parent's list")
	}
}

// TestKeywordScopes loads one keyword at each scope: where Ansible allows
// it, it is stored in that scope's Keywords; elsewhere loading fails
// naming file:line (a role entry takes an unknown key as a parameter).
func TestKeywordScopes(t *testing.T) {
	tests := []struct {
		name, site, err string
		check           func(*Playbook) any
		want            any
	}{
		{"port on a play", "- hosts: h\n  port: 2200\n  tasks: []\n", "",
			func(pb *Playbook) any { return pb.Plays[0].Port }, 2200},
		{"no_log on a role entry", "- hosts: h\n  roles:\n    - {role: r, no_log: true}\n", "",
			func(pb *Playbook) any { return pb.Plays[0].Roles[0].NoLog }, true},
		{"role entry parameter", "- hosts: h\n  roles:\n    - {role: r, color: red}\n", "",
			func(pb *Playbook) any { return pb.Plays[0].Roles[0].Params["color"] }, "red"},
		{"environment on a block", "- hosts: h\n  tasks:\n    - block: [{debug: {}}]\n      environment: {A: b}\n", "",
			func(pb *Playbook) any { return pb.Plays[0].Tasks[0].Environment }, []any{map[string]any{"A": "b"}}},
		{"diff on a task", "- hosts: h\n  tasks:\n    - debug: {}\n      diff: false\n", "",
			func(pb *Playbook) any { return *pb.Plays[0].Tasks[0].Diff }, false},
		{"apply on include_role", "- hosts: h\n  tasks:\n    - include_role: {name: r, apply: {become: true, tags: [x]}}\n", "",
			func(pb *Playbook) any { return pb.Plays[0].Tasks[0].Apply.Tags }, []string{"x"}},
		{"notify on a block", "- hosts: h\n  tasks:\n    - block: [{debug: {}}]\n      notify: h\n  handlers:\n    - {name: h, debug: {}}\n", "",
			func(pb *Playbook) any { return pb.Plays[0].Tasks[0].Notify }, []string{"h"}},
		{"module_defaults may supply a required argument",
			"- hosts: h\n  tasks:\n    - module_defaults: {file: {path: /x}}\n      block: [{file: {state: touch}}]\n", "",
			func(pb *Playbook) any { return pb.Plays[0].Tasks[0].ModuleDefaults }, []any{map[string]any{"file": map[string]any{"path": "/x"}}}},
		{"a required argument without module_defaults", "- hosts: h\n  tasks:\n    - file: {state: touch}\n",
			"missing required argument 'path'", nil, nil},
		// Ansible loads it and fails only when the task changes (see the
		// e2e blocks matrix, notify-missing-handler*).
		{"notify of no handler loads", "- hosts: h\n  tasks:\n    - debug: {}\n      notify: nope\n", "",
			func(pb *Playbook) any { return pb.Plays[0].Tasks[0].Notify }, []string{"nope"}},
		// templated strategies load and are rendered when the play runs
		// (ansible-core's blocks target uses one)
		{"templated strategy", "- hosts: h\n  strategy: \"{{ s | default('linear') }}\"\n", "",
			func(pb *Playbook) any { return pb.Plays[0].Strategy }, "{{ s | default('linear') }}"},
		{"host_pinned strategy", "- hosts: h\n  strategy: host_pinned\n", "",
			func(pb *Playbook) any { return pb.Plays[0].Strategy }, "host_pinned"},
		{"unknown strategy", "- hosts: h\n  strategy: debug\n", "strategy \"debug\" is not supported", nil, nil},
		{"templated order", "- hosts: h\n  order: \"{{ o | default('inventory') }}\"\n", "",
			func(pb *Playbook) any { return pb.Plays[0].Order }, "{{ o | default('inventory') }}"},
		{"keyword '{{ omit }}' is unset (inherits)", "- hosts: h\n  tasks:\n    - debug: {}\n      become_user: \"{{ omit }}\"\n", "",
			func(pb *Playbook) any { return pb.Plays[0].Tasks[0].BecomeUser }, ""},
		{"unknown order", "- hosts: h\n  order: backwards\n", "order \"backwards\" is not supported", nil, nil},
		{"when on a play", "- hosts: h\n  when: x\n", "site.yml:2:3: 'when' is not a valid attribute for a Play", nil, nil},
		{"register on a block", "- hosts: h\n  tasks:\n    - block: []\n      register: r\n",
			"site.yml:4:7: 'register' is not a valid attribute for a block", nil, nil},
		{"become on include_tasks", "- hosts: h\n  tasks:\n    - include_tasks: x.yml\n      become: true\n",
			"site.yml:4:7: 'become' is not a valid attribute for include_tasks", nil, nil},
		{"unknown keyword in apply", "- hosts: h\n  tasks:\n    - include_role: {name: r, apply: {register: x}}\n",
			"'register' is not a valid attribute for apply", nil, nil},
		{"listen outside handlers", "- hosts: h\n  tasks:\n    - debug: {}\n      listen: x\n",
			"site.yml:4:7: unknown module or keyword 'listen'", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pb, err := loadSite(t, tt.site)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := odict.DeepPlain(tt.check(pb)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

// loadSite loads site as site.yml beside a role "r" with one task.
func loadSite(t *testing.T, site string) (*Playbook, error) {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "roles/r/tasks"), 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"site.yml": site, "roles/r/tasks/main.yml": "- debug: {}\n"}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return Load(filepath.Join(dir, "site.yml"), testOpts)
}
