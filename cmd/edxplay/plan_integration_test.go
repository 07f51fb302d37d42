package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/plan"
	"github.com/edxplay/edxplay/test/testhosts"
)

const planPlaybook = `- hosts: all
  gather_facts: false
  tasks:
    - file: {path: /srv/plantest, state: directory, mode: "0755"}
    - copy: {dest: /srv/plantest/app.conf, content: "version={{ version }}\n", mode: "0644"}
    - lineinfile: {path: /srv/plantest/workers.conf, line: "workers=4", create: true}
`

// TestPlanApplyDrift plans on three real sshd hosts, edits one host's file
// by hand, and applies: that host is refused for drift, the others are
// applied, and a second plan has nothing left to do on them.
func TestPlanApplyDrift(t *testing.T) {
	fleet := testhosts.StartT(t, testhosts.Options{N: 3, Prefix: "plandrift"})
	dir := t.TempDir()
	pb := filepath.Join(dir, "site.yml")
	if err := os.WriteFile(pb, []byte(planPlaybook), 0o644); err != nil {
		t.Fatal(err)
	}
	planFile := filepath.Join(dir, "plan.json")
	out, code := runCLI(t, "plan", pb, "-i", fleet.InventoryFile, "-e", "version=2", "-o", planFile, "--detailed-exitcode")
	if code != exitChangesPending {
		t.Fatalf("plan: exit %d, want %d (changes pending)\n%s", code, exitChangesPending, out)
	}
	p, err := plan.Load(planFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"h1", "h2", "h3"} {
		if p.Changes(h) != 3 {
			t.Fatalf("plan for %s: %d changes, want 3", h, p.Changes(h))
		}
	}
	// Someone creates h2's file by hand after the plan was reviewed.
	ssh := exec.Command("ssh", "-F", fleet.SSHConfigFile, "-p", "2222", fleet.Hosts[1].Addr,
		"mkdir -p /srv/plantest && echo handmade > /srv/plantest/app.conf")
	if b, err := ssh.CombinedOutput(); err != nil {
		t.Fatalf("edit h2 by hand: %v\n%s", err, b)
	}
	if _, code = runCLI(t, "apply", planFile); code != exitUsage {
		t.Fatalf("apply without the plan's inline -e must be refused with %d, got %d", exitUsage, code)
	}
	var stdout, stderr bytes.Buffer
	code = runWithWriters([]string{"edxplay", "apply", planFile, "-e", "version=2"}, &stdout, &stderr)
	if code == 0 {
		t.Fatalf("apply with a drifted host must exit non-zero:\n%s%s", stdout.String(), stderr.String())
	}
	if !strings.Contains(stderr.String(), "REFUSED (drift) h2: task") ||
		!strings.Contains(stderr.String(), "state changed since the plan") {
		t.Errorf("apply must refuse h2 naming the task and the drift:\n%s", stderr.String())
	}
	for _, h := range []string{"h1", "h3"} {
		if strings.Contains(stderr.String(), "REFUSED (drift) "+h) {
			t.Errorf("%s did not drift but was refused:\n%s", h, stderr.String())
		}
		if !regexp.MustCompile(`(?m)^` + h + ` +: ok=\d+ +changed=3 `).MatchString(stdout.String()) {
			t.Errorf("%s should be applied with 3 changes:\n%s", h, stdout.String())
		}
	}
	if strings.Contains(stdout.String(), "\nh2 ") {
		t.Errorf("the refused host h2 must not run:\n%s", stdout.String())
	}
	out, code = runCLI(t, "plan", pb, "-i", fleet.InventoryFile, "-e", "version=2", "-o", planFile)
	if code != 0 {
		t.Fatalf("second plan: exit %d\n%s", code, out)
	}
	if p, err = plan.Load(planFile); err != nil {
		t.Fatal(err)
	}
	if p.Changes("h1") != 0 || p.Changes("h3") != 0 {
		t.Errorf("applied hosts still have changes: h1 %d, h3 %d", p.Changes("h1"), p.Changes("h3"))
	}
	if p.Changes("h2") == 0 {
		t.Error("the refused host h2 must still have its changes pending")
	}
}
