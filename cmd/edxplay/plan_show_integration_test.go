package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/test/testhosts"
)

// edxConfigPlaybook renders the Open edX configuration files with the
// built-in edxapp role (its config tasks are no_log: the files hold secrets).
const edxConfigPlaybook = `- hosts: stateless
  gather_facts: false
  tasks:
    - include_role:
        name: edxapp
        tasks_from: config.yml
`

// TestShowEdxConfigKeyDiff plans a PLATFORM_NAME change (and a new Django
// secret key) of the edX configuration on a real sshd host: show and
// --check --diff name the key with its old and new values, and no secret
// of the auth files appears in the plan, in show or in the diff; the
// reviewed plan then applies (loops, no_log templates) without drift.
func TestShowEdxConfigKeyDiff(t *testing.T) {
	fleet := testhosts.StartT(t, testhosts.Options{N: 1, Prefix: "planshow"})
	dir, vars := t.TempDir(), t.TempDir()
	pb := filepath.Join(dir, "edx.yml")
	writeFile(t, pb, edxConfigPlaybook)
	writeFile(t, filepath.Join(dir, "hosts.ini"), "[stateless]\nh1\n\n[datastores]\ndb1 ansible_host=10.0.0.21\n")
	secrets := map[string]string{"EDXAPP_MYSQL_PASSWORD": "mysql-s3cret", "EDXAPP_MONGO_PASSWORD": "mongo-s3cret",
		"EDXAPP_EDXAPP_SECRET_KEY": "django-s3cret-key"}
	var old, next strings.Builder
	for k, v := range secrets {
		old.WriteString(k + ": " + v + "\n")
		if k == "EDXAPP_EDXAPP_SECRET_KEY" {
			v = "rotated-s3cret-key"
		}
		next.WriteString(k + ": " + v + "\n")
	}
	writeFile(t, filepath.Join(vars, "old.yml"), old.String())
	writeFile(t, filepath.Join(vars, "new.yml"), next.String())
	base := []string{"-i", filepath.Join(dir, "hosts.ini"), "-F", fleet.SSHConfigFile, "-e", "edxapp_config_root=/srv/edxcfg"}
	first := append(append([]string{"run", pb}, base...), "-e", "@"+filepath.Join(vars, "old.yml"), "-e", "EDXAPP_PLATFORM_NAME='Old Name'")
	if out, code := runAll(t, first...); code != 0 {
		t.Fatalf("first run: exit %d\n%s", code, out)
	}
	change := append(base, "-e", "@"+filepath.Join(vars, "new.yml"), "-e", "EDXAPP_PLATFORM_NAME='New Name'")
	planFile := filepath.Join(dir, "plan.json")
	if out, code := runAll(t, append([]string{"plan", pb, "-o", planFile}, change...)...); code != 0 {
		t.Fatalf("plan: exit %d\n%s", code, out)
	}
	show, code := runAll(t, "show", planFile)
	if code != 0 {
		t.Fatalf("show: exit %d\n%s", code, show)
	}
	showJSON, _ := runAll(t, "show", "--json", planFile)
	diff, code := runAll(t, append([]string{"run", pb, "--check", "--diff"}, change...)...)
	if code != 0 {
		t.Fatalf("--check --diff: exit %d\n%s", code, diff)
	}
	planText, err := os.ReadFile(planFile)
	if err != nil {
		t.Fatal(err)
	}
	platform := `~ PLATFORM_NAME: "Old Name" → "New Name"`
	for name, text := range map[string]string{"show": show, "--check --diff": diff} {
		for _, want := range []string{platform, "~ SECRET_KEY: (secret)"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s lacks %q:\n%s", name, want, text)
			}
		}
	}
	for _, f := range []string{"/srv/edxcfg/edx/app/edxapp/lms.env.json:", "/srv/edxcfg/edx/etc/lms.yml:", "/srv/edxcfg/edx/app/edxapp/lms.auth.json:"} {
		if !strings.Contains(show, f) {
			t.Errorf("show lacks the key-level diff of %s:\n%s", f, show)
		}
	}
	if !strings.Contains(show, "h1: 0 to add, ") || !strings.Contains(showJSON, `"PLATFORM_NAME"`) {
		t.Errorf("show's summary or show --json is missing:\n%s\n%s", show, showJSON)
	}
	if out, code := runAll(t, "apply", planFile); code != 0 {
		t.Fatalf("apply of the reviewed plan: exit %d\n%s", code, out)
	}
	if got := onHost(t, fleet, "h1", "grep -h PLATFORM_NAME /srv/edxcfg/edx/etc/lms.yml"); got != "PLATFORM_NAME: New Name\n" {
		t.Errorf("apply did not make the planned change: %q", got)
	}
	for _, secret := range []string{"mysql-s3cret", "mongo-s3cret", "django-s3cret-key", "rotated-s3cret-key"} {
		for name, text := range map[string]string{"show": show, "show --json": showJSON, "--check --diff": diff, "the plan file": string(planText)} {
			if strings.Contains(text, secret) {
				t.Errorf("%s holds the secret %q", name, secret)
			}
		}
	}
}
