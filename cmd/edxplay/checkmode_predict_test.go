package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckModePredictsStatAfterChange runs, in check mode on the local
// connection, a task that would change a path and then stat of it: stat's
// registered result is predicted from the first task's description, so
// the assert on it passes; after a task whose effect on the path is not
// predicted (copy: ansible-core's check_mode target wants stat to see
// the file as it is; a line removed) the assert is reported unknown.
func TestCheckModePredictsStatAfterChange(t *testing.T) {
	cases := []struct {
		name, setup, change, that, want string
	}{
		{"file directory", "", `file: {path: "{{ p }}", state: directory, mode: "0750"}`,
			`st.stat.exists and st.stat.isdir and st.stat.mode == "0750"`, "ok"},
		{"file touch", "", `file: {path: "{{ p }}", state: touch}`, `st.stat.exists and st.stat.isreg`, "ok"},
		{"copy", "", `copy: {dest: "{{ p }}", content: "x\n"}`, `st.stat.exists`, "unknown"},
		{"file absent", "old\n", `file: {path: "{{ p }}", state: absent}`, `not st.stat.exists`, "ok"},
		{"edit of unknown effect", "x\n", `lineinfile: {path: "{{ p }}", line: "x", state: absent}`, `st.stat.exists`, "unknown"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			target := filepath.Join(dir, "target")
			if c.setup != "" {
				writeFile(t, target, c.setup)
			}
			pb := filepath.Join(dir, "site.yml")
			writeFile(t, pb, fmt.Sprintf(`- hosts: localhost
  gather_facts: false
  vars: {p: %q}
  tasks:
    - %s
    - stat: {path: "{{ p }}"}
      register: st
    - assert: {that: ['%s']}
`, target, c.change, c.that))
			out, code := runAll(t, "run", pb, "-c", "local", "-i", "localhost,", "--check")
			if code != 0 {
				t.Fatalf("exit %d\n%s", code, out)
			}
			assertLine := out[strings.LastIndex(out, "TASK [assert]"):]
			if !strings.Contains(assertLine, c.want+": [localhost]") {
				t.Errorf("assert: want %s\n%s", c.want, out)
			}
			if _, err := os.Stat(target); (err == nil) != (c.setup != "") {
				t.Errorf("check mode changed %s", target)
			}
		})
	}
}
