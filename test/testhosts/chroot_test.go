package testhosts

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// sshRun runs a command on a fleet host with OpenSSH's client.
func sshRun(t *testing.T, f *Fleet, host, command string) string {
	t.Helper()
	out, err := exec.Command("ssh", "-F", f.SSHConfigFile, host, command).CombinedOutput()
	if err != nil {
		t.Fatalf("ssh %s %q: %v: %s", host, command, err, out)
	}
	return string(out)
}

func TestChrootHosts(t *testing.T) {
	if _, err := exec.LookPath("ssh"); err != nil {
		t.Skip("no ssh client")
	}
	f := StartT(t, Options{N: 2, Mode: Chroot, Prefix: "thch"})
	checkFiles(t, f)
	checkHostKeysDiffer(t, f)
	resolv, _ := os.ReadFile("/etc/resolv.conf")
	tests := []struct {
		name, cmd, want string
	}{
		{"own hostname", "hostname", "h1\n"},
		{"debian root", ". /etc/os-release && echo $VERSION_CODENAME", "bookworm\n"},
		{"proc mounted", "test -r /proc/self/status && echo yes", "yes\n"},
		{"private dev", "ls /dev | tr '\\n' ' '", "full null ptmx pts random shm tty urandom zero "},
		{"resolv.conf copied", "cat /etc/resolv.conf", string(resolv)},
		{"installs start no daemon", "/usr/sbin/policy-rc.d; echo $?", "101\n"},
		{"apt archives private", "test -d /var/cache/apt/archives/partial && ! findmnt -n /var/cache/apt/archives && echo own", "own\n"},
	}
	for _, tt := range tests {
		if got := sshRun(t, f, "h1", tt.cmd); got != tt.want {
			t.Errorf("%s: %q gave %q, want %q", tt.name, tt.cmd, got, tt.want)
		}
	}
	sshRun(t, f, "h1", "echo mine > /srv/marker")
	if got := sshRun(t, f, "h2", "cat /srv/marker 2>/dev/null || echo absent"); got != "absent\n" {
		t.Errorf("h2 sees h1's file: %q", got)
	}
	// a killed and restarted sshd is a reboot: the disk is kept
	if err := f.KillSSHD(0); err != nil {
		t.Fatal(err)
	}
	if err := f.StartSSHD(0); err != nil {
		t.Fatal(err)
	}
	if got := sshRun(t, f, "h1", "cat /srv/marker"); got != "mine\n" {
		t.Errorf("after restart: %q", got)
	}
	sshRun(t, f, "h1", "setsid sleep 3600 </dev/null >/dev/null 2>&1 &")
	st := *f.st
	merged := filepath.Join(f.Dir, "hosts", "h1", "merged")
	if len(rootedPIDs(merged)) == 0 {
		t.Fatal("the daemon started on h1 is not running")
	}
	if err := f.Stop(); err != nil {
		t.Fatal(err)
	}
	if pids := rootedPIDs(merged); len(pids) > 0 {
		t.Errorf("processes in h1's root survived Stop: %v", pids)
	}
	checkGone(t, &st, nil)
}

func TestChrootStopCleansUpAfterDeadSSHD(t *testing.T) {
	if _, err := exec.LookPath("ssh"); err != nil {
		t.Skip("no ssh client")
	}
	f := StartT(t, Options{N: 1, Mode: Chroot, Prefix: "thchdead"})
	upper := filepath.Join(f.Dir, "hosts", "h1", "upper")
	merged := filepath.Join(f.Dir, "hosts", "h1", "merged")
	sshRun(t, f, "h1", "setsid sleep 3601 </dev/null >/dev/null 2>&1 &")
	// the host's sshd dies, its daemon lives on in the host's root
	if err := syscall.Kill(f.st.Hosts[0].PID, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(3 * time.Second); processAlive(f.st.Hosts[0].PID) && !isZombie(f.st.Hosts[0].PID) && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	if len(rootedPIDs(merged)) == 0 {
		t.Fatal("the daemon died with sshd; nothing left to test")
	}
	if err := f.Stop(); err != nil {
		t.Fatal(err)
	}
	if pids := rootedPIDs(merged); len(pids) > 0 {
		t.Errorf("processes in the host's root survived Stop: %v", pids)
	}
	if _, err := os.Stat(upper); err == nil {
		t.Errorf("overlay upper dir %s survived Stop", upper)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if out, _ := runOutput(ctx, "findmnt", "-rn", "-o", "TARGET"); strings.Contains(string(out), f.Dir) {
		t.Errorf("mounts under %s survived Stop", f.Dir)
	}
}

// rootedPIDs lists processes whose root directory is root.
func rootedPIDs(root string) []string {
	var pids []string
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		if link, err := os.Readlink(filepath.Join("/proc", e.Name(), "root")); err == nil && link == root {
			pids = append(pids, e.Name())
		}
	}
	return pids
}
