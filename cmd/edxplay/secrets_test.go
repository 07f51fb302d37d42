package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The secrets a run sees: a wholly vaulted vars file, an inline !vault
// value and a no_log task's value. None may appear in any output.
const (
	fileSecret   = "FileVaultedPa55word"
	inlineSecret = "InlineVaultedTok3n"
	noLogSecret  = "NoLogOnlySecret99"
)

const secretsPlaybook = `- hosts: all
  gather_facts: false
  vars_files: [secrets.yml]
  tasks:
    - name: auth file from vaulted values
      copy:
        dest: "{{ out }}/auth.json"
        content: "{{ {'DB_PASSWORD': db_password, 'TOKEN': api_token} | to_nice_json }}\n"
      no_log: true
    - name: show what we may
      debug: msg="password is {{ db_password }} token {{ api_token }}"
    - name: loop over secrets
      command: echo {{ item }}
      loop: ["{{ db_password }}", "{{ api_token }}"]
    - name: a no_log command
      shell: echo {{ plain_secret }} > {{ out }}/nolog.txt
      no_log: true
    - name: a failure that quotes a secret
      fail: msg="cannot use {{ db_password }}"
      ignore_errors: true
`

// TestSecretsNeverInOutput runs a playbook with vaulted and no_log values
// and greps every output format: human (-vvv --diff), JSON events, JUnit,
// the plan file and its review, and error messages.
func TestSecretsNeverInOutput(t *testing.T) {
	if _, err := exec.LookPath("ansible-vault"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("ansible-vault is needed (apt-get install ansible-core)")
		}
		t.Skip("ansible-vault not installed")
	}
	dir := writeSecretsFixture(t)
	pass := filepath.Join(dir, "pass")
	out := filepath.Join(dir, "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	common := []string{"-i", filepath.Join(dir, "inv.ini"), "--vault-password-file", pass,
		"-e", "@" + filepath.Join(dir, "extra.yml"), "-e", "out=" + out, "-e", "plain_secret=" + noLogSecret}
	pb := filepath.Join(dir, "site.yml")
	var all strings.Builder
	runs := [][]string{
		append([]string{"run", pb, "-vvv", "--diff"}, common...),
		append([]string{"run", pb, "--check", "--diff", "--output", "json", "--junit", filepath.Join(dir, "junit.xml")}, common...),
		append([]string{"plan", pb, "-o", filepath.Join(dir, "plan.json")}, common...),
		{"show", "--all", filepath.Join(dir, "plan.json")},
		append([]string{"run", pb, "-e", "{{ bad"}, common...),
	}
	for _, args := range runs {
		var stdout, stderr bytes.Buffer
		runWithWriters(append([]string{"edxplay"}, args...), &stdout, &stderr)
		all.WriteString(stdout.String() + stderr.String())
	}
	for _, f := range []string{"junit.xml", "plan.json"} {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatalf("%s was not written: %v", f, err)
		}
		all.Write(data)
	}
	got, err := os.ReadFile(filepath.Join(out, "auth.json"))
	if err != nil || !strings.Contains(string(got), fileSecret) {
		t.Fatalf("the run must still use the secrets (auth.json: %q, %v)", got, err)
	}
	for _, secret := range []string{fileSecret, inlineSecret, noLogSecret} {
		if i := strings.Index(all.String(), secret); i >= 0 {
			t.Logf("context: %q", all.String()[max(0, i-300):min(len(all.String()), i+100)])
			t.Errorf("secret %q appears in the output", secret)
		}
	}
	if !strings.Contains(all.String(), "changed keys: DB_PASSWORD (added), TOKEN (added)") {
		t.Errorf("the secret file's diff should name its keys:\n%s", all.String())
	}
}

// writeSecretsFixture writes the playbook, an inventory, a vault password,
// a vaulted vars file (by ansible-vault) and an extra-vars file with an
// inline !vault value.
func writeSecretsFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"site.yml":    secretsPlaybook,
		"inv.ini":     "localhost ansible_connection=local\n",
		"pass":        "correct horse\n",
		"secrets.yml": "db_password: " + fileSecret + "\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	vault := func(args ...string) []byte {
		cmd := exec.Command("ansible-vault", args...)
		cmd.Dir = dir
		b, err := cmd.Output()
		if err != nil {
			t.Fatalf("ansible-vault %v: %v", args, err)
		}
		return b
	}
	vault("encrypt", "--vault-password-file", "pass", "secrets.yml")
	inline := vault("encrypt_string", "--vault-password-file", "pass", "--name", "api_token", inlineSecret)
	if err := os.WriteFile(filepath.Join(dir, "extra.yml"), append(inline, '\n'), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}
