package testhosts

import (
	"context"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestStartWritesFilesAndStopCleansUp(t *testing.T) {
	tests := []struct {
		name string
		opts Options
	}{
		{"loopback", Options{N: 3, Mode: Loopback, Prefix: "thlo"}},
		{"netns with private host", Options{N: 3, Mode: Netns, Prefix: "thns", PrivateHosts: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := Available(tt.opts.Mode); err != nil {
				if os.Getenv("CI") == "true" {
					t.Fatal(err)
				}
				t.Skip(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			f, err := Start(ctx, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			checkFiles(t, f)
			checkHostKeysDiffer(t, f)
			checkSSH(t, f)
			st := *f.st
			pids := namespacePIDs(ctx, &st.Hosts[0])
			if err := f.Stop(); err != nil {
				t.Fatal(err)
			}
			checkGone(t, &st, pids)
		})
	}
}

func checkFiles(t *testing.T, f *Fleet) {
	t.Helper()
	for _, p := range []string{f.KnownHostsFile, f.ClientKeyFile, f.AuthorizedKeysFile, f.InventoryFile, f.SSHConfigFile} {
		if fi, err := os.Stat(p); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", p, err)
		}
	}
	inv, _ := os.ReadFile(f.InventoryFile)
	for _, h := range f.Hosts {
		if want := h.Name + " ansible_host=" + h.Addr + " ansible_port=" + strconv.Itoa(h.Port); !strings.Contains(string(inv), want) {
			t.Errorf("inventory lacks %q", want)
		}
	}
}

func checkHostKeysDiffer(t *testing.T, f *Fleet) {
	t.Helper()
	seen := map[string]bool{}
	for _, h := range f.Hosts {
		k := string(h.HostKey.Marshal())
		if seen[k] {
			t.Errorf("%s shares a host key", h.Name)
		}
		seen[k] = true
	}
}

// checkSSH logs in with OpenSSH's client using only the fleet's ssh_config.
func checkSSH(t *testing.T, f *Fleet) {
	t.Helper()
	if _, err := exec.LookPath("ssh"); err != nil {
		t.Log("no ssh client; skipping login check")
		return
	}
	for _, h := range f.Hosts {
		out, err := exec.Command("ssh", "-F", f.SSHConfigFile, h.Name, "ls -d /srv; id -un").CombinedOutput()
		if err != nil || string(out) != "/srv\nroot\n" {
			t.Errorf("ssh %s: %v: %s", h.Name, err, out)
		}
	}
}

func checkGone(t *testing.T, st *state, pids []int) {
	t.Helper()
	for _, pid := range pids {
		if processAlive(pid) && !isZombie(pid) {
			t.Errorf("process %d survived Stop", pid)
		}
	}
	for _, h := range st.Hosts {
		if sshBanner(net.JoinHostPort(h.Addr, strconv.Itoa(h.Port))) {
			t.Errorf("%s still answers", h.Name)
		}
		if h.Netns != "" {
			if _, err := os.Stat("/run/netns/" + h.Netns); err == nil {
				t.Errorf("netns %s survived Stop", h.Netns)
			}
		}
	}
	// another package's fleet may claim the freed slot at once
	if now, err := loadState(slotFile(st.Slot)); err == nil && now.Owner == st.Owner && now.Prefix == st.Prefix {
		t.Errorf("slot %d still claimed", st.Slot)
	}
	if _, err := os.Stat(st.Dir); err == nil {
		t.Errorf("temporary dir %s survived Stop", st.Dir)
	}
}

func TestCheckOptions(t *testing.T) {
	tests := []struct {
		opts Options
		ok   bool
	}{
		{Options{N: 1, Prefix: "ok1"}, true},
		{Options{N: 0, Prefix: "ok1"}, false},
		{Options{N: 1, Prefix: "Bad_Prefix"}, false},
		{Options{N: 1, Prefix: "waytoolongprefix"}, false},
		{Options{N: 2, Prefix: "p", PrivateHosts: 1}, false},
		{Options{N: 2, Prefix: "p", Mode: Netns, PrivateHosts: 1}, true},
		{Options{N: 1, Prefix: "p", Mode: Chroot}, true},
		{Options{N: 1, Prefix: "p", Mode: Chroot, Users: []User{SudoUser}}, false},
		{Options{N: 1, Prefix: "p", Mode: "jail"}, false},
	}
	for _, tt := range tests {
		if err := checkOptions(&tt.opts); (err == nil) != tt.ok {
			t.Errorf("%+v: err %v", tt.opts, err)
		}
	}
}

func TestPlanStateAddresses(t *testing.T) {
	st := planState(3, Options{N: 202, Mode: Netns, Prefix: "x", PrivateHosts: 2})
	tests := []struct {
		i                 int
		addr, netns, veth string
		private           bool
	}{
		{0, "10.103.0.10", "x3h1", "edx3v1", false},
		{199, "10.103.0.209", "x3h200", "edx3v200", false},
		{200, "198.18.3.10", "x3h201", "edx3v201", true},
	}
	for _, tt := range tests {
		h := st.Hosts[tt.i]
		if h.Addr != tt.addr || h.Netns != tt.netns || h.Veth != tt.veth || h.Private != tt.private {
			t.Errorf("host %d: %+v", tt.i, h)
		}
	}
	if st.Hosts[0].PrivAddr != "198.18.3.1" || st.PrivBridge != "edx3pb" {
		t.Errorf("bastion: %+v %s", st.Hosts[0], st.PrivBridge)
	}
}

// sshBanner reports whether an SSH server answers at addr (a TCP connect
// alone proves nothing where a transparent proxy accepts everything).
func sshBanner(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, 300*time.Millisecond)
	if err != nil {
		return false
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(500 * time.Millisecond))
	buf := make([]byte, 7)
	n, _ := c.Read(buf)
	return string(buf[:n]) == "SSH-2.0"
}
