package sshtest

import (
	"bytes"
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

// midRunPlaybook changes each host before and after a task that sleeps;
// the sleeping task first announces itself in the shared directory sync.
const midRunPlaybook = `
- hosts: fleet
  gather_facts: false
  tasks:
    - copy: {dest: /srv/before, content: "before\n"}
    - shell: "touch {{ sync }}/{{ inventory_hostname }}.sleeping; sleep 3"
    - copy: {dest: /srv/after, content: "after\n"}
`

func TestUnreachableHost(t *testing.T) {
	f := startFleet(t, testhosts.Options{N: 3, Mode: testhosts.Netns, Prefix: "sshdown"})
	const victim = 1
	cut := map[string]struct{ down, up func() error }{
		"sshd killed": {func() error { return f.KillSSHD(victim) }, func() error { return f.StartSSHD(victim) }},
		"link down":   {func() error { return f.Down(victim) }, func() error { return f.Up(victim) }},
	}
	tests := []struct {
		name   string
		cut    string
		midRun bool
	}{
		{"down from the start, sshd stopped", "sshd killed", false},
		{"down from the start, link down", "link down", false},
		{"sshd and its sessions killed mid-run", "sshd killed", true},
		{"link cut mid-run", "link down", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := range f.Hosts {
				_ = os.Remove(hostPath(f, i, "/srv/before"))
				_ = os.Remove(hostPath(f, i, "/srv/after"))
			}
			c := cut[tt.cut]
			sync := shared(t)
			inv := keyInventory(t, f, "sync="+sync)
			inv = withArgs(t, f, inv, "-o ServerAliveInterval=1 -o ServerAliveCountMax=2 -o ConnectTimeout=3")
			if !tt.midRun {
				mustDo(t, c.down)
			}
			started := func(*os.Process) {
				if tt.midRun {
					go cutWhenSleeping(t, filepath.Join(sync, f.Hosts[victim].Name+".sleeping"), c.down)
				}
			}
			res := edxplay(t, run{args: []string{"run", playbook(t, midRunPlaybook), "-i", inv},
				timeout: 45 * time.Second, started: started})
			mustDo(t, c.up)
			wantCode(t, res, 4)
			for i, h := range f.Hosts {
				switch {
				case i != victim:
					wantRecap(t, res, h.Name, recap{ok: 3, changed: 3})
				case tt.midRun:
					wantRecap(t, res, h.Name, recap{ok: 1, changed: 1, unreachable: 1})
				default:
					wantRecap(t, res, h.Name, recap{unreachable: 1})
				}
				if got, want := exists(hostPath(f, i, "/srv/after")), i != victim; got != want {
					t.Errorf("%s: /srv/after exists=%v, want %v", h.Name, got, want)
				}
			}
		})
	}
}

// withArgs rewrites keyInventory's ansible_ssh_common_args with more options.
func withArgs(t *testing.T, f *testhosts.Fleet, inv, args string) string {
	t.Helper()
	data, err := os.ReadFile(inv)
	if err != nil {
		t.Fatal(err)
	}
	old := fmt.Sprintf("-o UserKnownHostsFile=%s'", f.KnownHostsFile)
	text := strings.Replace(string(data), old, fmt.Sprintf("-o UserKnownHostsFile=%s %s'", f.KnownHostsFile, args), 1)
	if text == string(data) {
		t.Fatal("withArgs: no ansible_ssh_common_args to extend")
	}
	return writeFile(t, filepath.Dir(inv), filepath.Base(inv), text)
}

// cutWhenSleeping cuts the host off once its sleeping task has started.
func cutWhenSleeping(t *testing.T, marker string, down func() error) {
	if !waitFor(30*time.Second, func() bool { return exists(marker) }) {
		t.Errorf("the host never reached the sleeping task (%s)", marker)
		return
	}
	if err := down(); err != nil {
		t.Errorf("cut host off: %v", err)
	}
}

func mustDo(t *testing.T, fn func() error) {
	t.Helper()
	if err := fn(); err != nil {
		t.Fatal(err)
	}
}

// sleepArg is a sleep duration no other process on the machine uses, so
// the processes of this test can be found by their command line.
const sleepArg = "5.0417"

// interruptPlaybook sleeps in the middle of a shell command that writes
// /srv/f afterwards, then would go on to another task.
const interruptPlaybook = `
- hosts: fleet
  gather_facts: false
  tasks:
    - shell: "touch {{ sync }}/{{ inventory_hostname }}.sleeping; {{ pre | default('') }} sleep ` + sleepArg + `; echo done > /srv/f"
    - copy: {dest: /srv/after, content: "not reached\n"}
`

// TestInterrupt sends SIGINT (or SIGTERM) while every host runs "sleep;
// echo done > f":
// edxplay stops within 10s with exit 99 and the recap, the whole remote
// command is gone (f never appears, not even after the sleep would have
// ended), and no further task starts. With become the command belongs to
// root, killed through sudo.
func TestInterrupt(t *testing.T) {
	f := startFleet(t, testhosts.Options{N: 3, Prefix: "sshintr", Users: []testhosts.User{testhosts.SudoUser}})
	tests := []struct {
		name string
		sig  syscall.Signal
		vars []string
	}{
		{"login user", syscall.SIGINT, []string{"ansible_user=root"}},
		{"become with sudo", syscall.SIGINT, []string{"ansible_user=" + testhosts.SudoUser.Name, "ansible_become=true"}},
		{"SIGTERM", syscall.SIGTERM, []string{"ansible_user=root"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := range f.Hosts {
				_ = os.Remove(hostPath(f, i, "/srv/f"))
			}
			sync := shared(t)
			vars := append([]string{"sync=" + sync, "ansible_ssh_private_key_file=" + f.ClientKeyFile,
				fmt.Sprintf("ansible_ssh_common_args='-F none -o UserKnownHostsFile=%s'", f.KnownHostsFile)}, tt.vars...)
			signalled := make(chan time.Time, 1)
			res := edxplay(t, run{args: []string{"run", playbook(t, interruptPlaybook), "-i", inventory(t, f, nil, vars...)},
				timeout: 60 * time.Second, started: signalWhenSleeping(t, f, sync, signalled, tt.sig, 1)})
			at := wantSignalled(t, res, signalled)
			if took := time.Since(at); took > 10*time.Second {
				t.Errorf("edxplay took %v to stop after %v", took, tt.sig)
			}
			wantCode(t, res, 99)
			if !strings.Contains(res.stdout, "PLAY RECAP") {
				t.Errorf("no PLAY RECAP after the interrupt:\n%s", res)
			}
			var left []int
			if !waitFor(5*time.Second, func() bool { left = processesWith("sleep " + sleepArg); return len(left) == 0 }) {
				t.Errorf("processes still running on the hosts after the interrupt: %v", left)
			}
			// 8s after the signal: past when the 5s sleep would have ended.
			time.Sleep(time.Until(at.Add(8 * time.Second)))
			for i := range f.Hosts {
				if exists(hostPath(f, i, "/srv/f")) {
					t.Errorf("%s: the interrupted shell command went on and wrote f", f.Hosts[i].Name)
				}
				if exists(hostPath(f, i, "/srv/after")) {
					t.Errorf("%s: task after the interrupted one ran", f.Hosts[i].Name)
				}
			}
		})
	}
}

// TestSecondInterruptExitsAtOnce: the remote command ignores SIGTERM, so
// after one SIGINT the kill waits for it before it sends SIGKILL; a second
// SIGINT does not wait for that and exits at once.
func TestSecondInterruptExitsAtOnce(t *testing.T) {
	f := startFleet(t, testhosts.Options{N: 1, Prefix: "sshintr2"})
	took := map[int]time.Duration{}
	for _, count := range []int{1, 2} {
		sync := shared(t)
		signalled := make(chan time.Time, 1)
		inv := keyInventory(t, f, "sync="+sync, `pre="trap '' TERM;"`)
		res := edxplay(t, run{args: []string{"run", playbook(t, interruptPlaybook), "-i", inv}, timeout: 60 * time.Second,
			started: signalWhenSleeping(t, f, sync, signalled, syscall.SIGINT, count)})
		took[count] = time.Since(wantSignalled(t, res, signalled))
		wantCode(t, res, 99)
		if said := strings.Contains(res.stderr, "exiting at once"); said != (count == 2) {
			t.Errorf("%d SIGINT: says it exits at once: %v\n%s", count, said, res)
		}
	}
	if took[1] < 1500*time.Millisecond {
		t.Fatalf("one SIGINT already ended the run in %v: the kill did not wait for the TERM-proof command", took[1])
	}
	if took[2] > 1500*time.Millisecond {
		t.Errorf("edxplay took %v to exit after the second SIGINT", took[2])
	}
}

// signalWhenSleeping sends sig count times (300ms apart) once every host
// runs its sleeping task, and the time of the last one on signalled.
func signalWhenSleeping(t *testing.T, f *testhosts.Fleet, sync string, signalled chan<- time.Time, sig syscall.Signal, count int) func(*os.Process) {
	return func(p *os.Process) {
		go func() {
			all := waitFor(30*time.Second, func() bool {
				n, _ := filepath.Glob(filepath.Join(sync, "*.sleeping"))
				return len(n) == len(f.Hosts)
			})
			if !all {
				t.Error("not every host started sleeping")
			}
			time.Sleep(200 * time.Millisecond)
			for i := range count {
				if i > 0 {
					time.Sleep(300 * time.Millisecond)
				}
				_ = p.Signal(sig)
			}
			signalled <- time.Now()
		}()
	}
}

// wantSignalled returns when the run was signalled, failing the test if
// it ended before.
func wantSignalled(t *testing.T, res result, signalled <-chan time.Time) time.Time {
	t.Helper()
	select {
	case at := <-signalled:
		return at
	default:
		t.Fatalf("edxplay ended before it was interrupted:\n%s", res)
	}
	return time.Time{}
}

// processesWith lists the processes whose command line contains text.
func processesWith(text string) []int {
	var pids []int
	eachProcess(func(pid int, dir string) {
		cmdline, err := os.ReadFile(filepath.Join(dir, "cmdline"))
		if err == nil && bytes.Contains(bytes.ReplaceAll(cmdline, []byte{0}, []byte{' '}), []byte(text)) {
			pids = append(pids, pid)
		}
	})
	return pids
}

// eachProcess calls fn with every process's id and /proc directory,
// except this test's own.
func eachProcess(fn func(pid int, dir string)) {
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		if pid, err := strconv.Atoi(e.Name()); err == nil && pid != os.Getpid() {
			fn(pid, filepath.Join("/proc", e.Name()))
		}
	}
}
