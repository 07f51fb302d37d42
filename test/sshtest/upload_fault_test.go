package sshtest

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/edxplay/edxplay/test/testhosts"
)

// uploadPlaybook copies a large file over an existing one.
const uploadPlaybook = `
- hosts: fleet
  gather_facts: false
  tasks:
    - copy: {src: big.bin, dest: /srv/big}
`

// TestConnectionLostMidUpload breaks one host's connection while a large
// file is on its way: the host is unreachable (not failed), the run exits
// 4, the destination keeps its old content, and the next run on the host
// removes the partial temporary file. The upload is held still before the
// cut (the process writing the temporary file, sftp-server or with become
// cat, is stopped), so the cut always falls mid-upload.
func TestConnectionLostMidUpload(t *testing.T) {
	f := startFleet(t, testhosts.Options{N: 2, Mode: testhosts.Netns, Prefix: "sshupcut", Users: []testhosts.User{testhosts.SudoUser}})
	const victim = 1
	big := make([]byte, 64<<20)
	if _, err := rand.Read(big); err != nil {
		t.Fatal(err)
	}
	pb := playbook(t, uploadPlaybook, "big.bin", string(big))
	kill := func() error { return f.KillSSHD(victim) }
	restart := func() error { return f.StartSSHD(victim) }
	down := func() error { return f.Down(victim) }
	up := func() error { return f.Up(victim) }
	root := []string{"ansible_user=root"}
	sudo := []string{"ansible_user=" + testhosts.SudoUser.Name, "ansible_become=true"}
	tests := []struct {
		name      string
		cut, heal func() error
		vars      []string
	}{
		{"sshd and its sessions killed", kill, restart, root},
		{"link cut", down, up, root},
		{"become: sshd and its sessions killed", kill, restart, sudo},
		{"become: link cut", down, up, sudo},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vars := append([]string{"ansible_ssh_private_key_file=" + f.ClientKeyFile,
				fmt.Sprintf("ansible_ssh_common_args='-F none -o UserKnownHostsFile=%s'", f.KnownHostsFile)}, tt.vars...)
			for i := range f.Hosts {
				writeFile(t, hostPath(f, i, "/srv"), "big", "original\n")
				if tmp := tempFile(hostPath(f, i, "/srv")); tmp != "" {
					t.Fatalf("%s: temporary file %s left by an earlier case", f.Hosts[i].Name, tmp)
				}
			}
			inv := withArgs(t, f, inventory(t, f, nil, vars...), "-o ServerAliveInterval=1 -o ServerAliveCountMax=2 -o ConnectTimeout=3")
			srv := hostPath(f, victim, "/srv")
			stalledCh := make(chan []int, 1)
			started := stallUpload(t, srv, stalledCh, func(*os.Process) {
				if err := tt.cut(); err != nil {
					t.Errorf("cut: %v", err)
				}
			})
			res := edxplay(t, run{args: []string{"run", pb, "-i", inv}, timeout: 90 * time.Second, started: started})
			stalled := <-stalledCh
			continueProcesses(stalled)
			mustDo(t, tt.heal)
			wantCode(t, res, 4)
			wantRecap(t, res, f.Hosts[0].Name, recap{ok: 1, changed: 1})
			wantRecap(t, res, f.Hosts[victim].Name, recap{unreachable: 1})
			if got, _ := os.ReadFile(filepath.Join(srv, "big")); string(got) != "original\n" {
				t.Errorf("destination changed by the broken upload: %d bytes", len(got))
			}
			tmp := tempFile(srv)
			if tmp == "" {
				t.Fatal("no partial temporary file after the broken upload: was the cut mid-upload?")
			}
			// A cut link leaves the host's end of the connection (and the
			// shell that owns the temporary file) running until the host
			// notices; a killed sshd takes them with it.
			if !waitFor(60*time.Second, func() bool { return !anyAlive(stalled) }) {
				t.Fatalf("the host never noticed the broken connection: %v still run", stalled)
			}
			again := edxplay(t, run{args: []string{"run", playbook(t, pingPlaybook), "-i", inventory(t, f, nil, vars...)}})
			wantCode(t, again, 0)
			if exists(filepath.Join(srv, tmp)) {
				t.Errorf("the partial temporary file %s is still there after the next run", tmp)
			}
			if got, _ := os.ReadFile(filepath.Join(srv, "big")); string(got) != "original\n" {
				t.Errorf("destination changed: %d bytes", len(got))
			}
		})
	}
}

// pingPlaybook reaches every host and changes nothing.
const pingPlaybook = `
- hosts: fleet
  gather_facts: false
  tasks:
    - command: "true"
      changed_when: false
`

// stallUpload returns a run's started hook: once an upload's temporary
// file appears in dir (the host's /srv), it stops the processes writing it
// and calls then; the stopped processes go to stalled (the test continues
// them).
func stallUpload(t *testing.T, dir string, stalled chan<- []int, then func(*os.Process)) func(*os.Process) {
	return func(p *os.Process) {
		go func() {
			var pids []int
			defer func() { stalled <- pids }()
			var tmp string
			if !waitFor(60*time.Second, func() bool { tmp = tempFile(dir); return tmp != "" }) {
				t.Error("the upload never started")
				return
			}
			if pids = stopProcessesWithOpen("/srv/" + tmp); len(pids) == 0 {
				t.Errorf("no process on the host has %s open", tmp)
			}
			then(p)
		}()
	}
}

// tempFile is the name of an upload's temporary file in dir, or "".
func tempFile(dir string) string {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".edx-tmp-") {
			return e.Name()
		}
	}
	return ""
}

// stopProcessesWithOpen stops (SIGSTOP) every process with path open, as
// the path reads in the process's own mount namespace, and returns them.
func stopProcessesWithOpen(path string) []int {
	var pids []int
	eachProcess(func(pid int, dir string) {
		fds, _ := os.ReadDir(filepath.Join(dir, "fd"))
		for _, fd := range fds {
			if target, _ := os.Readlink(filepath.Join(dir, "fd", fd.Name())); target == path {
				_ = syscall.Kill(pid, syscall.SIGSTOP)
				pids = append(pids, pid)
				return
			}
		}
	})
	return pids
}

func continueProcesses(pids []int) {
	for _, pid := range pids {
		_ = syscall.Kill(pid, syscall.SIGCONT)
	}
}

// anyAlive reports whether one of pids still runs (zombies do not count).
func anyAlive(pids []int) bool {
	for _, pid := range pids {
		stat, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
		if err != nil {
			continue
		}
		if i := bytes.LastIndexByte(stat, ')'); i >= 0 && !bytes.HasPrefix(stat[i+1:], []byte(" Z")) {
			return true
		}
	}
	return false
}

// TestInterruptMidUpload sends SIGINT while a large upload is held still
// on the host: edxplay exits 99 within 10s with the recap, the destination
// keeps its old content, and no temporary file survives the next run.
func TestInterruptMidUpload(t *testing.T) {
	f := startFleet(t, testhosts.Options{N: 1, Prefix: "sshupint"})
	big := make([]byte, 64<<20)
	if _, err := rand.Read(big); err != nil {
		t.Fatal(err)
	}
	srv := hostPath(f, 0, "/srv")
	writeFile(t, srv, "big", "original\n")
	signalled := make(chan time.Time, 1)
	stalledCh := make(chan []int, 1)
	started := stallUpload(t, srv, stalledCh, func(p *os.Process) {
		signalled <- time.Now()
		_ = p.Signal(syscall.SIGINT)
	})
	res := edxplay(t, run{args: []string{"run", playbook(t, uploadPlaybook, "big.bin", string(big)), "-i", keyInventory(t, f)},
		timeout: 60 * time.Second, started: started})
	stalled := <-stalledCh
	continueProcesses(stalled)
	at := wantSignalled(t, res, signalled)
	if took := time.Since(at); took > 10*time.Second {
		t.Errorf("edxplay took %v to stop after SIGINT", took)
	}
	wantCode(t, res, 99)
	if !strings.Contains(res.stdout, "PLAY RECAP") {
		t.Errorf("no PLAY RECAP after the interrupt:\n%s", res)
	}
	if !waitFor(30*time.Second, func() bool { return !anyAlive(stalled) }) {
		t.Fatalf("the interrupted upload's sftp-server still runs: %v", stalled)
	}
	again := edxplay(t, run{args: []string{"run", playbook(t, pingPlaybook), "-i", keyInventory(t, f)}})
	wantCode(t, again, 0)
	if tmp := tempFile(srv); tmp != "" {
		t.Errorf("temporary file %s left after the next run", tmp)
	}
	if got, _ := os.ReadFile(filepath.Join(srv, "big")); string(got) != "original\n" {
		t.Errorf("destination changed by the interrupted upload: %d bytes", len(got))
	}
}
