package playbook

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLegacyIncludeParents follows ansible-core's include_when_parent_is_*
// targets: a bare include is static under static parents (a broken file
// fails the load, quoting its offending line) and dynamic once a parent is a
// dynamic include (the load succeeds; the file is read only when reached).
func TestLegacyIncludeParents(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"site.yml":   "- hosts: h\n  tasks:\n    - import_tasks: tasks.yml\n",
		"tasks.yml":  "- debug: msg=first\n- include: broken.yml\n",
		"broken.yml": "intentional syntax error\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Load(filepath.Join(dir, "site.yml"), testOpts)
	if err == nil || !strings.Contains(err.Error(), "The offending line appears to be:\n\nintentional syntax error\n^ here") {
		t.Fatalf("static parents: error %v, want the offending line quoted", err)
	}
	inc := &Task{Action: "include_tasks", ActionName: "include_tasks", Dir: dir}
	tasks, err := IncludeTasks(inc, "tasks.yml", nil, testOpts)
	if err != nil {
		t.Fatalf("dynamic parent: %v", err)
	}
	if len(tasks) != 2 || tasks[1].Action != "include_tasks" {
		t.Fatalf("dynamic parent: tasks %+v, want the include to be include_tasks", tasks)
	}
}
