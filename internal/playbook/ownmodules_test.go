package playbook

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOwnModuleResolution checks which file a task's action resolves to,
// searched as Ansible's module loader does (the module_precedence target
// of ansible-core checks the same orders).
func TestOwnModuleResolution(t *testing.T) {
	cases := []struct {
		name  string
		files []string
		// play is the play's roles and tasks (YAML).
		play    string
		library []string
		want    string // file the first task resolves to, relative; "" for the built-in
		err     string
	}{
		{name: "built-in without library", play: "tasks: [{debug: {msg: x}}]", want: ""},
		{name: "playbook library wins over built-in", files: []string{"library/debug.py"},
			play: "tasks: [{debug: {msg: x}}]", want: "library/debug.py"},
		{name: "ansible.builtin is never the playbook's", files: []string{"library/debug.py"},
			play: "tasks: [{ansible.builtin.debug: {msg: x}}]", want: ""},
		{name: "ansible.legacy is", files: []string{"library/debug.py"},
			play: "tasks: [{ansible.legacy.debug: {msg: x}}]", want: "library/debug.py"},
		{name: "no extension before .py", files: []string{"library/hello", "library/hello.py"},
			play: "tasks: [{hello: }]", want: "library/hello"},
		{name: "any extension but ignored ones", files: []string{"library/hello.ini", "library/hello.sh"},
			play: "tasks: [{hello: }]", want: "library/hello.sh"},
		{name: "only ignored extensions", files: []string{"library/hello.ini", "library/hello.yml"},
			play: "tasks: [{hello: }]", err: "unknown module or keyword 'hello'"},
		{name: "first role of the play wins", files: []string{"roles/a/library/ping.py", "roles/b/library/ping.py", "roles/a/tasks/main.yml", "roles/b/tasks/main.yml"},
			play: "roles: [a, b]\n  tasks: [{ping: }]", want: "roles/a/library/ping.py"},
		{name: "reverse order", files: []string{"roles/a/library/ping.py", "roles/b/library/ping.py", "roles/a/tasks/main.yml", "roles/b/tasks/main.yml"},
			play: "roles: [b, a]\n  tasks: [{ping: }]", want: "roles/b/library/ping.py"},
		{name: "configured library", files: []string{"lib/mine.py"}, library: []string{"lib"},
			play: "tasks: [{mine: {a: 1}}]", want: "lib/mine.py"},
		{name: "collection module", files: []string{"collections/ansible_collections/ns/col/plugins/modules/thing.py"},
			play: "tasks: [{ns.col.thing: {a: 1}}]", want: "collections/ansible_collections/ns/col/plugins/modules/thing.py"},
		{name: "action plugin named", files: []string{"action_plugins/act.py"},
			play: "tasks: [{act: }]", err: "unknown module or keyword 'act': it is the action plugin "},
		{name: "collection action plugin named", files: []string{"collections/ansible_collections/ns/col/plugins/action/act.py"},
			play: "tasks: [{action: ns.col.act}]", err: "couldn't resolve module/action 'ns.col.act': it is the action plugin "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range c.files {
				p := filepath.Join(dir, f)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				body := "#!/usr/bin/python\n"
				if strings.HasSuffix(f, "main.yml") {
					body = "- debug: msg=role\n"
				}
				if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			pb := filepath.Join(dir, "pb.yml")
			if err := os.WriteFile(pb, []byte("- hosts: all\n  "+c.play+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			opts := testOpts
			for _, l := range c.library {
				opts.Library = append(opts.Library, filepath.Join(dir, l))
			}
			got, err := Load(pb, opts)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			task := got.Plays[0].Tasks[0]
			want := ""
			if c.want != "" {
				want = filepath.Join(dir, c.want)
			}
			if task.LocalModule != want {
				t.Errorf("resolved to %q, want %q", task.LocalModule, want)
			}
		})
	}
}
