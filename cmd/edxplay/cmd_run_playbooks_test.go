package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunSeveralPlaybooks runs `edxplay run a.yml b.yml` as
// `ansible-playbook a.yml b.yml` (the omit target): one run, a fact set in
// the first playbook seen by the second, one recap with ansible-core
// 2.14's counts; a keyword '{{ omit }}' takes the play's value (here
// ignore_errors: the failing command is ignored, exit code 0).
func TestRunSeveralPlaybooks(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.yml": "- hosts: all\n  gather_facts: false\n  tasks:\n    - set_fact: {from_first: one}\n",
		"b.yml": "- hosts: all\n  gather_facts: false\n  ignore_errors: true\n  tasks:\n" +
			"    - command: \"false\"\n      ignore_errors: \"{{ omit }}\"\n" +
			"    - command: echo {{ from_first }}\n      register: second\n" +
			"    - debug: msg=\"{{ second.stdout }}\"\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, code := runCLI(t, "run", filepath.Join(dir, "a.yml"), filepath.Join(dir, "b.yml"), "-i", "localhost,", "-c", "local")
	if code != 0 {
		t.Errorf("exit code %d, want 0\n%s", code, out)
	}
	// recorded with ansible-playbook -i localhost, -c local a.yml b.yml
	want := "localhost                  : ok=4    changed=2    unreachable=0    failed=0    skipped=0    rescued=0    ignored=1"
	if n := strings.Count(out, "PLAY RECAP"); n != 1 || !strings.Contains(out, want) {
		t.Errorf("want one recap with %q, got %d recaps:\n%s", want, n, out)
	}
	if !strings.Contains(out, `"msg": "one"`) {
		t.Errorf("the second playbook did not see the first one's fact:\n%s", out)
	}
}

// TestRunLimitLeavesNoHosts: a --limit that selects none of the
// inventory's hosts is an error (exit 1) before anything runs, as with
// ansible-playbook (the inventory target); one that selects a host runs.
func TestRunLimitLeavesNoHosts(t *testing.T) {
	pb := filepath.Join(t.TempDir(), "pb.yml")
	if err := os.WriteFile(pb, []byte("- hosts: all\n  gather_facts: false\n  tasks:\n    - ping:\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		limit string
		code  int
	}{{"nomatch", exitError}, {"h2", exitOK}} {
		t.Run(tt.limit, func(t *testing.T) {
			out, code := runCLI(t, "run", pb, "-i", "h1,h2", "-c", "local", "-l", tt.limit)
			if code != tt.code || (code != 0) != (out == "") {
				t.Errorf("exit code %d, want %d; output:\n%s", code, tt.code, out)
			}
		})
	}
}
