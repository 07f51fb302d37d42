package main

import (
	"bytes"
	"encoding/base64"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The secrets a run sees: a wholly vaulted vars file, an inline !vault
// value, multi-line values of both (keys, certificates), a no_log task's
// value and a value used only in a role entered with no_log: true. None may appear in any output, nor any line of them, nor what is
// derived from them.
const (
	fileSecret   = "FileVaultedPa55word"
	inlineSecret = "InlineVaultedTok3n"
	noLogSecret  = "NoLogOnlySecret99"
	// roleSecret is handled only by a role entered with no_log: true.
	roleSecret = "RoleEntryNoLog77"
	// certLines are the lines of a multi-line value of the vaulted file.
	certLine1, certLine2 = "MIIBfileCertLineOne", "fileCertLineTwo+/="
	// keyLines are the lines of a multi-line inline !vault value.
	keyLine1, keyLine2 = "b3BlbnNzaC1rZXktdjEAAAA", "inlineKeyLineTwo0123"
)

// derivedSecrets are values rendered from the secrets that contain none of
// them; they must not appear either.
func derivedSecrets() []string {
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	rev := func(s string) string {
		r := []rune(s)
		for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
			r[i], r[j] = r[j], r[i]
		}
		return string(r)
	}
	return []string{strings.ToUpper(fileSecret), b64(inlineSecret), rev(fileSecret), b64(fileSecret),
		strings.ToUpper(inlineSecret), strings.ToUpper(noLogSecret), b64(noLogSecret), strings.ToUpper(keyLine2),
		b64(certLine1 + "\n" + certLine2 + "\n"), strings.ToUpper(certLine2)}
}

const secretsPlaybook = `- hosts: all
  gather_facts: false
  vars_files: [secrets.yml]
  vars:
    db: {host: dbhost.internal, password: "{{ db_password }}"}
  roles:
    - {role: quiet, no_log: true, role_secret: "{{ plain_role_secret }}"}
  tasks:
    - name: a public value of a dict holding a secret stays visible
      debug: msg="{{ db.host }}"
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
    - name: derived values are secret too
      debug:
        msg: "{{ db_password | upper }} {{ api_token | b64encode }} x{{ db_password[::-1] }} {{ '%s!' | format(api_token | upper) }}"
    - name: a loop over derived values
      command: echo {{ item }}
      loop: "{{ [db_password | b64encode, tls_cert | b64encode, ssh_key.split() | last | upper] }}"
    - name: a command echoes multi-line secrets into stdout and stdout_lines
      shell: printf '%s\n' "{{ ssh_key }}" "{{ tls_cert }}" "{{ db_password | b64encode }}"
      register: echoed
    - debug: var=echoed
    - debug: msg="{{ echoed.stdout_lines | map('upper') | list }}"
    - name: a no_log result and fact
      shell: echo {{ plain_secret }}
      register: quiet
      no_log: true
    - set_fact:
        quiet_fact: "{{ plain_secret }}"
      no_log: true
    - debug: msg="{{ quiet.stdout | upper }} {{ quiet_fact | b64encode }}"
    - debug: var=quiet_fact
    - name: a failure that quotes a derived secret
      fail: msg="cannot use {{ tls_cert | upper }}"
      ignore_errors: true
    - name: a command error that quotes a derived secret
      command: "{{ api_token | upper }}-no-such-command"
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
		"-e", "@" + filepath.Join(dir, "extra.yml"), "-e", "out=" + out, "-e", "plain_secret=" + noLogSecret, "-e", "plain_role_secret=" + roleSecret}
	pb := filepath.Join(dir, "site.yml")
	var all strings.Builder
	runs := [][]string{
		append([]string{"run", pb, "-vvvv", "--diff"}, common...),
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
	secrets := append([]string{fileSecret, inlineSecret, noLogSecret, roleSecret, strings.ToUpper(roleSecret), certLine1, certLine2, keyLine1, keyLine2}, derivedSecrets()...)
	for _, secret := range secrets {
		if i := strings.Index(all.String(), secret); i >= 0 {
			t.Logf("context: %q", all.String()[max(0, i-300):min(len(all.String()), i+100)])
			t.Errorf("secret %q appears in the output", secret)
		}
	}
	if !strings.Contains(all.String(), "TASK [quiet : ") {
		t.Errorf("the no_log role's tasks did not run:\n%s", all.String())
	}
	if !strings.Contains(all.String(), `"msg": "dbhost.internal"`) {
		t.Errorf("a public value next to a secret must not be masked:\n%s", all.String())
	}
	if !strings.Contains(all.String(), "+ DB_PASSWORD: (secret)\n") || !strings.Contains(all.String(), "+ TOKEN: (secret)\n") {
		t.Errorf("the secret file's diff should show its keys, values hidden:\n%s", all.String())
	}
}

// writeSecretsFixture writes the playbook, an inventory, a vault password,
// a vaulted vars file (by ansible-vault) and an extra-vars file with an
// inline !vault value.
func writeSecretsFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"site.yml": secretsPlaybook,
		"roles/quiet/tasks/main.yml": "- debug: msg=\"{{ role_secret }} {{ role_secret | upper }}\"\n" +
			"- shell: echo {{ role_secret }}\n  register: role_out\n- debug: var=role_out\n" +
			"- fail: msg=\"role {{ role_secret }}\"\n  ignore_errors: true\n",
		"inv.ini":     "localhost ansible_connection=local\n",
		"pass":        "correct horse\n",
		"secrets.yml": "db_password: " + fileSecret + "\ntls_cert: |\n  " + certLine1 + "\n  " + certLine2 + "\n",
	}
	for name, content := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o700); err != nil {
			t.Fatal(err)
		}
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
	key := vault("encrypt_string", "--vault-password-file", "pass", "--name", "ssh_key",
		"-----BEGIN OPENSSH PRIVATE KEY-----\n"+keyLine1+"\n"+keyLine2+"\n-----END OPENSSH PRIVATE KEY-----\n")
	extra := append(append(inline, '\n'), append(key, '\n')...)
	if err := os.WriteFile(filepath.Join(dir, "extra.yml"), extra, 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}
