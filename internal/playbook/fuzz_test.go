package playbook

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"testing/fstest"
)

// maxFuzzInput caps fuzz inputs so that no target can exhaust memory.
const maxFuzzInput = 16 << 10

// reachesDevices matches input that could make the loader read a device
// or a pseudo-file (/dev/zero never ends), which fuzzing must not do.
var reachesDevices = regexp.MustCompile(`dev|proc|sys`)

func FuzzPlaybook(f *testing.F) {
	f.Add([]byte("- hosts: all\n  vars: {a: 1}\n  tasks:\n    - debug: msg={{ a }}\n      when: a > 0\n    - block:\n        - command: echo hi\n      rescue:\n        - meta: flush_handlers\n  handlers:\n    - name: h\n      debug: var=a\n"))
	f.Add([]byte("- hosts: web\n  serial: [1, '50%']\n  tasks:\n    - copy: {dest: /tmp/x, content: y}\n      loop: [1, 2]\n      loop_control: {loop_var: i}\n"))
	dir := f.TempDir()
	path := filepath.Join(dir, "site.yml")
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput || reachesDevices.Match(data) {
			return
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		pb, err := Load(path, Options{})
		if err != nil {
			return
		}
		for _, p := range pb.Plays {
			_ = p.Compile()
			_ = p.AllHandlers()
		}
	})
}

func FuzzTasks(f *testing.F) {
	f.Add([]byte("- name: t\n  shell: echo {{ x }}\n  register: r\n  until: r.rc == 0\n  retries: 2\n- include_tasks: other.yml\n- set_fact: a=1 b='c d'\n"))
	f.Add([]byte("- &t {debug: {msg: hi}, tags: [a]}\n- *t\n- import_tasks: tasks.yml\n"))
	l := newLoader(Options{}, "/")
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		src := source{fsys: fstest.MapFS{"tasks.yml": {Data: data}}}
		_, _ = l.tasksFile(src, "tasks.yml", nil, nil)
	})
}
