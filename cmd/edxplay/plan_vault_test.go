package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlanSealsInlineExtraVars plans with a vault password file and an
// inline -e secret on the local connection: the plan file holds neither
// the secret nor the password (the password file by path only), and
// `apply PLAN` alone opens the value with the plan's vault reference (a
// failed attempt with a wrong password does not use the plan up).
func TestPlanSealsInlineExtraVars(t *testing.T) {
	dir, secrets := t.TempDir(), t.TempDir()
	pass := filepath.Join(secrets, "vault-pass")
	writeFile(t, pass, "correct horse battery\n")
	out := filepath.Join(t.TempDir(), "token.conf")
	pb := filepath.Join(dir, "site.yml")
	writeFile(t, pb, `- hosts: localhost
  gather_facts: false
  tasks:
    - copy: {dest: "`+out+`", content: "token={{ token }}\n", mode: "0600"}
      no_log: true
`)
	planFile := filepath.Join(dir, "plan.json")
	args := []string{"plan", pb, "-c", "local", "-i", "localhost,", "--vault-password-file", pass, "-e", "token=Sup3rS3cretTok3n", "-o", planFile}
	if got, code := runAll(t, args...); code != 0 {
		t.Fatalf("plan: exit %d\n%s", code, got)
	}
	data, err := os.ReadFile(planFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"Sup3rS3cretTok3n", "correct horse"} {
		if strings.Contains(string(data), secret) {
			t.Errorf("the plan file holds %q", secret)
		}
	}
	if !strings.Contains(string(data), pass) || !strings.Contains(string(data), "$ANSIBLE_VAULT;") {
		t.Errorf("the plan must name the vault password file and seal the -e value:\n%s", data)
	}
	wrong := filepath.Join(secrets, "wrong-pass")
	writeFile(t, wrong, "not the password\n")
	if got, code := runAll(t, "apply", planFile, "--vault-password-file", wrong); code != exitUsage || !strings.Contains(got, "vault") {
		t.Fatalf("apply with the wrong vault password must fail before anything runs (exit %d):\n%s", code, got)
	}
	if got, code := runAll(t, "apply", planFile); code != 0 || strings.Contains(got, "Sup3rS3cretTok3n") {
		t.Fatalf("apply: exit %d\n%s", code, got)
	}
	if got, _ := os.ReadFile(out); string(got) != "token=Sup3rS3cretTok3n\n" {
		t.Errorf("apply did not use the sealed -e value: %q", got)
	}
}
