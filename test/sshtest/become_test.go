package sshtest

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/test/testhosts"
)

// becomePlaybook writes a root-only file and checks the effective uid;
// %v is the play's become.
const becomePlaybook = `
- hosts: fleet
  gather_facts: false
  become: %v
  tasks:
    - copy: {dest: /srv/become-file, content: "written with become\n", mode: "0600"}
    - command: id -u
      register: uid
      changed_when: false
    - assert: {that: "uid.stdout == '0'"}
`

func TestBecome(t *testing.T) {
	pwUser := testhosts.SudoPasswordUser
	f := startFleet(t, testhosts.Options{N: 2, Prefix: "sshbecome",
		Users: []testhosts.User{testhosts.SudoUser, pwUser}})
	tests := []struct {
		name   string
		user   string
		become bool
		vars   []string
		// ok means every host runs all three tasks as root.
		ok      bool
		message string
		secret  string
	}{
		{name: "sudo without password", user: testhosts.SudoUser.Name, become: true, ok: true},
		{name: "sudo with password", user: pwUser.Name, become: true, ok: true,
			vars: []string{"ansible_become_password=" + pwUser.Password}, secret: pwUser.Password},
		{name: "sudo password missing", user: pwUser.Name, become: true, message: "password"},
		{name: "sudo password wrong", user: pwUser.Name, become: true, message: "password",
			vars: []string{"ansible_become_password=wrong-Pw-0815"}, secret: "wrong-Pw-0815"},
		{name: "no become: not root", user: testhosts.SudoUser.Name, become: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := range f.Hosts {
				_ = os.Remove(hostPath(f, i, "/srv/become-file"))
			}
			vars := append([]string{"ansible_user=" + tt.user, "ansible_ssh_private_key_file=" + f.ClientKeyFile,
				fmt.Sprintf("ansible_ssh_common_args='-F none -o UserKnownHostsFile=%s'", f.KnownHostsFile)}, tt.vars...)
			pb := playbook(t, fmt.Sprintf(becomePlaybook, tt.become))
			res := edxplay(t, run{args: []string{"run", pb, "-i", inventory(t, f, nil, vars...), "-vvv"}})
			if tt.secret != "" && strings.Contains(res.stdout+res.stderr, tt.secret) {
				t.Errorf("the become password appears in the output:\n%s", res)
			}
			if !tt.ok {
				wantCode(t, res, 2)
				for i, h := range f.Hosts {
					wantRecap(t, res, h.Name, recap{failed: 1})
					if exists(hostPath(f, i, "/srv/become-file")) {
						t.Errorf("%s: file written although the task failed", h.Name)
					}
				}
				if !strings.Contains(strings.ToLower(res.stdout), tt.message) {
					t.Errorf("output lacks %q:\n%s", tt.message, res)
				}
				return
			}
			wantCode(t, res, 0)
			for i, h := range f.Hosts {
				wantRecap(t, res, h.Name, recap{ok: 3, changed: 1})
				if uid := ownerUID(t, hostPath(f, i, "/srv/become-file")); uid != 0 {
					t.Errorf("%s: file owned by uid %d, want root", h.Name, uid)
				}
			}
		})
	}
}

// TestTemplatedPlayBecome runs a play whose become is a template, which
// ansible-core 2.14 accepts (it templates play keywords per task). Local
// connection: no test hosts needed.
func TestTemplatedPlayBecome(t *testing.T) {
	pb := playbook(t, `
- hosts: localhost
  gather_facts: false
  become: "{{ use_become | bool }}"
  vars: {use_become: false}
  tasks:
    - command: id -u
`)
	res := edxplay(t, run{args: []string{"run", pb, "-i", "localhost,", "-c", "local"}})
	wantCode(t, res, 0)
	wantRecap(t, res, "localhost", recap{ok: 1, changed: 1})
}
