package sshtest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/edxplay/edxplay/test/testhosts"
)

// whoamiPlaybook records the login user of each host in a shared file.
const whoamiPlaybook = `
- hosts: fleet
  gather_facts: false
  tasks:
    - name: record login user
      copy: {dest: "{{ out }}/{{ inventory_hostname }}", content: "{{ inventory_hostname }}\n"}
    - command: id -un
      register: who
    - assert: {that: "who.stdout == expected_user"}
`

func TestAuthentication(t *testing.T) {
	f := startFleet(t, testhosts.Options{N: 2, Prefix: "sshauth", PasswordAuth: true,
		Users: []testhosts.User{testhosts.SudoUser}})
	common := fmt.Sprintf("ansible_ssh_common_args='-F none -o UserKnownHostsFile=%s'", f.KnownHostsFile)
	agentSock := startAgent(t, f.ClientKeyFile)
	tests := []struct {
		name   string
		user   string
		vars   []string
		env    []string
		code   int
		secret string
	}{
		{name: "key file", user: "root", vars: []string{"ansible_ssh_private_key_file=" + f.ClientKeyFile}},
		{name: "agent", user: "root", env: []string{"SSH_AUTH_SOCK=" + agentSock}},
		{name: "password", user: testhosts.SudoUser.Name, vars: []string{"ansible_password=" + testhosts.SudoUser.Password},
			secret: testhosts.SudoUser.Password},
		{name: "wrong password", user: testhosts.SudoUser.Name, vars: []string{"ansible_password=not-the-Pw-0815"},
			code: 4, secret: "not-the-Pw-0815"},
		{name: "no credentials", user: "root", code: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := shared(t)
			vars := append([]string{"ansible_user=" + tt.user, common, "out=" + out, "expected_user=" + tt.user}, tt.vars...)
			inv := inventory(t, f, nil, vars...)
			res := edxplay(t, run{args: []string{"run", playbook(t, whoamiPlaybook), "-i", inv, "-vvv"}, env: tt.env})
			wantCode(t, res, tt.code)
			for _, h := range f.Hosts {
				if tt.code != 0 {
					wantRecap(t, res, h.Name, recap{unreachable: 1})
					continue
				}
				wantRecap(t, res, h.Name, recap{ok: 3, changed: 2})
				if uid := ownerUID(t, filepath.Join(out, h.Name)); uid != lookupUID(t, tt.user) {
					t.Errorf("%s: file written by uid %d, want %s", h.Name, uid, tt.user)
				}
			}
			if tt.secret != "" && strings.Contains(res.stdout+res.stderr, tt.secret) {
				t.Errorf("the password appears in the output:\n%s", res)
			}
		})
	}
}

// startAgent runs an ssh-agent in the foreground on a private socket with
// key added, and stops it at cleanup.
func startAgent(t *testing.T, key string) string {
	t.Helper()
	if _, err := exec.LookPath("ssh-agent"); err != nil {
		t.Skip("no ssh-agent (apt-get install openssh-client)")
	}
	sock := filepath.Join(t.TempDir(), "agent.sock")
	agent := exec.Command("ssh-agent", "-D", "-a", sock)
	if err := agent.Start(); err != nil {
		t.Fatalf("start ssh-agent: %v", err)
	}
	t.Cleanup(func() {
		_ = agent.Process.Kill()
		_ = agent.Wait()
	})
	if !waitFor(5*time.Second, func() bool { return exists(sock) }) {
		t.Fatal("ssh-agent socket did not appear")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	add := exec.CommandContext(ctx, "ssh-add", key)
	add.Env = []string{"SSH_AUTH_SOCK=" + sock, "PATH=" + os.Getenv("PATH")}
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("ssh-add: %v: %s", err, out)
	}
	return sock
}

// lookupUID is the uid of a local user.
func lookupUID(t *testing.T, name string) int {
	t.Helper()
	u, err := user.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	uid, err := strconv.Atoi(u.Uid)
	if err != nil {
		t.Fatal(err)
	}
	return uid
}
