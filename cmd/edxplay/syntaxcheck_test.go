package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSyntaxCheckWarnings checks that --syntax-check keeps stdout as
// ansible-playbook prints it and names on stderr the tasks edxplay loads
// but cannot run and the playbook's own Python plugins that do not run.
func TestSyntaxCheckWarnings(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"pb.yml": `- hosts: all
  gather_facts: false
  roles: [r]
  tasks:
    - rabbitmq_user: {user: edx, state: present}
    - community.general.filesystem: {dev: /dev/null, fstype: ext4}
    - ec2_metadata_facts:
    - local_thing: {any: arg}
`,
		"library/local_thing.py":             "# a playbook-local module\n",
		"roles/r/tasks/main.yml":             "- debug: msg=r\n",
		"roles/r/filter_plugins/encoders.py": "# filters\n",
		"roles/r/action_plugins/act.py":      "# an action\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pb := filepath.Join(dir, "pb.yml")
	var stdout, stderr bytes.Buffer
	if code := runWithWriters([]string{"edxplay", "run", pb, "-i", "localhost,", "--syntax-check"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr.String())
	}
	if want := "\nplaybook: " + pb + "\n"; stdout.String() != want {
		t.Errorf("stdout %q, want %q", stdout.String(), want)
	}
	for _, want := range []string{
		"pb.yml:5:7: rabbitmq_user (community.rabbitmq.rabbitmq_user) is not implemented by edxplay yet",
		"pb.yml:6:7: filesystem (community.general.filesystem) is not implemented by edxplay yet",
		"pb.yml:7:7: ec2_metadata_facts (amazon.aws.ec2_metadata_facts) is a cloud/API module, not implemented by edxplay",
		"local_thing is the playbook's own module " + filepath.Join(dir, "library/local_thing.py") + ", which runs on the target",
		"roles/r/action_plugins/act.py is a Python plugin of the playbook",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	// filter and test plugins run (internal/pyplugins): no warning
	if strings.Contains(stderr.String(), "encoders.py") {
		t.Errorf("stderr warns about a filter plugin:\n%s", stderr.String())
	}
}
