package sshtest

import (
	"os"
	"testing"
	"time"

	"github.com/edxplay/edxplay/test/testhosts"
)

// fiveTaskPlaybook is an idempotent playbook of five file-changing tasks;
// it needs app.conf.j2 next to it (fiveTaskFiles).
const fiveTaskPlaybook = `
- hosts: fleet
  gather_facts: false
  tasks:
    - file: {path: /srv/app, state: directory, mode: "0755"}
    - copy: {dest: /srv/app/motd, content: "hello {{ inventory_hostname }}\n"}
    - template: {src: app.conf.j2, dest: /srv/app/app.conf, mode: "0644"}
    - lineinfile: {path: /srv/app/settings, line: "level = info", create: true}
    - command: {cmd: "touch /srv/app/initialized", creates: /srv/app/initialized}
`

// fiveTaskFiles are the files fiveTaskPlaybook reads.
var fiveTaskFiles = []string{"app.conf.j2", "name = {{ inventory_hostname }}\nport = 8080\n"}

func TestFiftyHosts(t *testing.T) {
	f := startFleet(t, testhosts.Options{N: 50, Prefix: "ssh50"})
	pb := playbook(t, fiveTaskPlaybook, fiveTaskFiles...)
	inv := keyInventory(t, f)
	tests := []struct {
		name string
		want recap
	}{
		{"first run changes every host", recap{ok: 5, changed: 5}},
		{"second run changes nothing", recap{ok: 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := edxplay(t, run{args: []string{"run", pb, "-i", inv}, timeout: 3 * time.Minute})
			wantCode(t, res, 0)
			got := recaps(t, res.stdout)
			if len(got) != len(f.Hosts) {
				t.Errorf("recap lists %d hosts, want %d", len(got), len(f.Hosts))
			}
			for _, h := range f.Hosts {
				if got[h.Name] != tt.want {
					t.Errorf("recap of %s: %+v, want %+v", h.Name, got[h.Name], tt.want)
				}
			}
			t.Logf("50 hosts × 5 tasks in %v", res.elapsed.Round(time.Millisecond))
		})
	}
}

// TestCheckMode runs the five-task playbook with --check; the expected
// recaps are ansible-core 2.14's on the same hosts (copy and template to a
// directory that does not exist yet predict "changed" rather than fail).
func TestCheckMode(t *testing.T) {
	f := startFleet(t, testhosts.Options{N: 2, Prefix: "sshcheck"})
	pb := playbook(t, fiveTaskPlaybook, fiveTaskFiles...)
	inv := keyInventory(t, f)
	t.Run("fresh hosts: every change predicted, none made", func(t *testing.T) {
		res := edxplay(t, run{args: []string{"run", pb, "-i", inv, "--check"}})
		wantCode(t, res, 0)
		for i, h := range f.Hosts {
			wantRecap(t, res, h.Name, recap{ok: 5, changed: 5})
			if entries, _ := os.ReadDir(hostPath(f, i, "/srv")); len(entries) != 0 {
				t.Errorf("%s: --check left %d entries in /srv", h.Name, len(entries))
			}
		}
	})
	t.Run("a file edited by hand: one change predicted, the edit kept", func(t *testing.T) {
		wantCode(t, edxplay(t, run{args: []string{"run", pb, "-i", inv}}), 0)
		motd := hostPath(f, 0, "/srv/app/motd")
		if err := os.WriteFile(motd, []byte("edited by hand\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		res := edxplay(t, run{args: []string{"run", pb, "-i", inv, "--check"}})
		wantCode(t, res, 0)
		wantRecap(t, res, f.Hosts[0].Name, recap{ok: 5, changed: 1})
		wantRecap(t, res, f.Hosts[1].Name, recap{ok: 5})
		if data, _ := os.ReadFile(motd); string(data) != "edited by hand\n" {
			t.Errorf("--check rewrote %s: %q", motd, data)
		}
	})
}
