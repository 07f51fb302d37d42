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
    - name: app directory
      file: {path: /srv/plantest, state: directory, mode: "0755"}
    - name: app config
      copy: {dest: /srv/plantest/app.conf, content: "version={{ version }}\n", mode: "0644"}
    - name: workers
      lineinfile: {path: /srv/plantest/workers.conf, line: "workers=4", create: true}
`

// planFleet starts two real sshd hosts and writes a playbook and an
// inventory naming them only: how to reach them is in -F ssh_config.
func planFleet(t *testing.T, prefix string) (*testhosts.Fleet, string, string) {
	t.Helper()
	fleet := testhosts.StartT(t, testhosts.Options{N: 2, Prefix: prefix})
	dir := t.TempDir()
	pb := filepath.Join(dir, "site.yml")
	inv := filepath.Join(dir, "hosts.ini")
	for path, text := range map[string]string{pb: planPlaybook, inv: "h1\nh2\n"} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return fleet, pb, inv
}

// onHost runs a shell command on a fleet host over ssh.
func onHost(t *testing.T, fleet *testhosts.Fleet, host, cmd string) string {
	t.Helper()
	out, err := exec.Command("ssh", "-F", fleet.SSHConfigFile, host, cmd).CombinedOutput()
	if err != nil {
		t.Fatalf("ssh %s %q: %v\n%s", host, cmd, err, out)
	}
	return string(out)
}

// TestPlanApplyDrift is the hand-over of a plan between CI jobs: plan on
// two hosts with -e, -F ssh_config, -u, --private-key and -b; h2's file
// is edited by hand; `apply PLAN` with no other argument applies h1 and
// stops h2 naming the task; a second apply is refused; --check
// --detailed-exitcode says 2 until a run converges h2, then 0.
func TestPlanApplyDrift(t *testing.T) {
	fleet, pb, inv := planFleet(t, "plandrift")
	dir := filepath.Dir(pb)
	args := []string{"-i", inv, "-e", "version=2", "-F", fleet.SSHConfigFile, "-u", "root", "--private-key", fleet.ClientKeyFile, "-b"}
	for _, h := range []string{"h1", "h2"} {
		onHost(t, fleet, h, "mkdir -p /srv/plantest && echo version=1 > /srv/plantest/app.conf")
	}
	planFile := filepath.Join(dir, "plan.json")
	out, code := runAll(t, append([]string{"plan", pb, "-o", planFile, "--detailed-exitcode"}, args...)...)
	if code != exitChangesPending {
		t.Fatalf("plan: exit %d, want %d (changes pending)\n%s", code, exitChangesPending, out)
	}
	if !strings.Contains(out, "h1: 1 to add, 1 to change, 0 unknown") {
		t.Errorf("plan's summary per host is missing:\n%s", out)
	}
	p, err := plan.Load(planFile)
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(planFile); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the plan must be written 0600: %v %v", fi.Mode(), err)
	}
	if !p.Inputs.Selection.Become || p.Inputs.Transport.SSHConfig != fleet.SSHConfigFile || len(p.Inputs.Files) < 3 {
		t.Fatalf("the plan does not hold its inputs: %+v", p.Inputs)
	}
	show, _ := runAll(t, "show", planFile)
	for _, want := range []string{"-version=1", "+version=2", "+workers=4", "app config [copy]"} {
		if !strings.Contains(show, want) {
			t.Errorf("show lacks %q:\n%s", want, show)
		}
	}
	// apply takes nothing but the plan (and the vault password source)
	if out, code = runAll(t, "apply", planFile, "-e", "version=3"); code != exitUsage || !strings.Contains(out, "--extra-vars was given") {
		t.Fatalf("apply with a run flag must be refused (exit %d):\n%s", code, out)
	}
	writeFile(t, pb, planPlaybook+"    - debug: {msg: added}\n")
	if out, code = runAll(t, "apply", planFile); code != exitUsage || !strings.Contains(out, "plan is stale") || !strings.Contains(out, pb+" (changed)") {
		t.Fatalf("apply of a plan whose playbook changed must be refused (exit %d):\n%s", code, out)
	}
	writeFile(t, pb, planPlaybook)
	onHost(t, fleet, "h2", "echo handmade > /srv/plantest/app.conf")

	var stdout, stderr bytes.Buffer
	code = runWithWriters([]string{"edxplay", "apply", planFile}, &stdout, &stderr)
	if code != exitFailed {
		t.Fatalf("apply with a drifted host: exit %d, want %d\n%s%s", code, exitFailed, stdout.String(), stderr.String())
	}
	drift := regexp.MustCompile(`REFUSED \(drift\) h2: task "app config" \(` + regexp.QuoteMeta(pb) +
		`:\d+:\d+\): the host's state changed since the plan: content of /srv/plantest/app.conf differs`)
	if !drift.MatchString(stderr.String()) {
		t.Errorf("apply must stop h2 naming the task, its file:line and what differs:\n%s", stderr.String())
	}
	if !regexp.MustCompile(`(?m)^h1 +: ok=\d+ +changed=2 .*failed=0`).MatchString(stdout.String()) ||
		!regexp.MustCompile(`(?m)^h2 +: .*failed=1`).MatchString(stdout.String()) {
		t.Errorf("h1 must be applied and h2 stopped:\n%s", stdout.String())
	}
	if got := onHost(t, fleet, "h1", "cat /srv/plantest/app.conf /srv/plantest/workers.conf"); got != "version=2\nworkers=4\n" {
		t.Errorf("h1 was not applied: %q", got)
	}
	if got := onHost(t, fleet, "h2", "cat /srv/plantest/app.conf; ls /srv/plantest"); got != "handmade\napp.conf\n" {
		t.Errorf("h2 must be left as it was after the drift: %q", got)
	}
	if out, code = runAll(t, "apply", planFile); code != exitUsage || !strings.Contains(out, "already applied") {
		t.Fatalf("a second apply must be refused (exit %d):\n%s", code, out)
	}
	check := append([]string{"run", pb, "--check", "--detailed-exitcode"}, args...)
	if out, code = runAll(t, check...); code != exitChangesPending {
		t.Fatalf("--check --detailed-exitcode with h2 pending: exit %d, want %d\n%s", code, exitChangesPending, out)
	}
	if out, code = runAll(t, append([]string{"run", pb}, args...)...); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, out)
	}
	if out, code = runAll(t, check...); code != 0 {
		t.Fatalf("--check --detailed-exitcode after the run: exit %d, want 0\n%s", code, out)
	}
}

// runAll runs the CLI and returns its stdout and stderr together.
func runAll(t *testing.T, args ...string) (string, int) {
	t.Helper()
	var out bytes.Buffer
	code := runWithWriters(append([]string{"edxplay"}, args...), &out, &out)
	return out.String(), code
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
