package sshtest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/test/testhosts"
)

// markerPlaybook changes every host by creating /srv/marker.
const markerPlaybook = `
- hosts: fleet
  gather_facts: false
  tasks:
    - copy: {dest: /srv/marker, content: "reached\n"}
`

func TestHostKeyChecking(t *testing.T) {
	f := startFleet(t, testhosts.Options{N: 2, Prefix: "sshhk"})
	h1, h2 := f.Hosts[0], f.Hosts[1]
	line := func(h testhosts.Host, key testhosts.Host) string {
		return testhosts.KnownHostsLine(h.Addr, h.Port, key.HostKey) + "\n"
	}
	tests := []struct {
		name       string
		knownHosts string
		policy     string
		code       int
		// reached says which hosts get the marker; the others are unreachable.
		reached []bool
		// message must appear in the output of a refused run.
		message string
		// recorded says whether known_hosts must then hold both correct keys.
		recorded bool
	}{
		{name: "known hosts accepted", knownHosts: line(h1, h1) + line(h2, h2), reached: []bool{true, true}},
		{name: "unknown host refused", knownHosts: line(h2, h2), reached: []bool{false, true}, code: 4,
			message: "--host-key-checking accept-new"},
		{name: "unknown host refused, explicit strict", knownHosts: "", policy: "strict", reached: []bool{false, false},
			code: 4, message: "ssh-keyscan -p " + fmt.Sprint(h1.Port) + " " + h1.Addr},
		{name: "accept-new records unknown hosts", knownHosts: "", policy: "accept-new", reached: []bool{true, true},
			recorded: true},
		{name: "changed key refused even with accept-new", knownHosts: line(h1, h2) + line(h2, h2), policy: "accept-new",
			reached: []bool{false, true}, code: 4, message: "REMOTE HOST IDENTIFICATION HAS CHANGED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := range f.Hosts {
				_ = os.Remove(hostPath(f, i, "/srv/marker"))
			}
			kh := writeFile(t, t.TempDir(), "known_hosts", tt.knownHosts)
			inv := inventory(t, f, nil, "ansible_user=root", "ansible_ssh_private_key_file="+f.ClientKeyFile,
				fmt.Sprintf("ansible_ssh_common_args='-F none -o UserKnownHostsFile=%s'", kh))
			args := []string{"run", playbook(t, markerPlaybook), "-i", inv}
			if tt.policy != "" {
				args = append(args, "--host-key-checking", tt.policy)
			}
			res := edxplay(t, run{args: args})
			wantCode(t, res, tt.code)
			for i, h := range f.Hosts {
				if tt.reached[i] {
					wantRecap(t, res, h.Name, recap{ok: 1, changed: 1})
				} else {
					wantRecap(t, res, h.Name, recap{unreachable: 1})
				}
				if got := exists(hostPath(f, i, "/srv/marker")); got != tt.reached[i] {
					t.Errorf("%s: marker exists=%v, want %v", h.Name, got, tt.reached[i])
				}
			}
			if tt.message != "" && !strings.Contains(res.stdout+res.stderr, tt.message) {
				t.Errorf("output lacks %q:\n%s", tt.message, res)
			}
			checkKnownHosts(t, kh, tt.knownHosts, tt.recorded, f)
		})
	}
}

// checkKnownHosts checks that a refused or strict run left known_hosts as it
// was, and that accept-new recorded every host's key.
func checkKnownHosts(t *testing.T, path, before string, recorded bool, f *testhosts.Fleet) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !recorded {
		if string(data) != before {
			t.Errorf("known_hosts changed:\nbefore:\n%s\nafter:\n%s", before, data)
		}
		return
	}
	for _, h := range f.Hosts {
		if !strings.Contains(string(data), testhosts.KnownHostsLine(h.Addr, h.Port, h.HostKey)) {
			t.Errorf("%s's key not recorded in %s:\n%s", h.Name, filepath.Base(path), data)
		}
	}
	// the recorded keys must satisfy a strict run
	inv := inventory(t, f, nil, "ansible_user=root", "ansible_ssh_private_key_file="+f.ClientKeyFile,
		fmt.Sprintf("ansible_ssh_common_args='-F none -o UserKnownHostsFile=%s'", path))
	res := edxplay(t, run{args: []string{"run", playbook(t, markerPlaybook), "-i", inv, "--host-key-checking", "strict"}})
	wantCode(t, res, 0)
}
