// Package testhosts starts real OpenSSH sshd test hosts on the local machine
// (root required): each host has its own address, its own ed25519 host key and
// a private /root and /srv. It writes known_hosts, a client key, an Ansible
// inventory and an ssh_config for the fleet, and tears down only what it made.
//
// Three modes exist. Loopback runs each sshd on its own 127.x.y.z address in a
// private mount namespace. Netns additionally gives each host its own network
// namespace attached by a veth to a bridge, so a test can cut a host off.
// Chroot gives each host its own Debian root filesystem (an overlay over one
// debootstrap base) on a loopback address, for playbooks that install
// packages and run services.
//
// Fleets are numbered by slots recorded under /run/edxplay-testhosts, so fleets
// of concurrently running test packages never share names or addresses; a slot
// left behind by a crashed test process is cleaned up by the next Start.
package testhosts

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
)

// Mode selects how the hosts of a fleet are isolated from each other.
type Mode string

const (
	// Loopback runs sshd on 127.x.y.z:2222 in a private mount namespace.
	Loopback Mode = "loopback"
	// Netns runs sshd in its own network namespace on 10.x.y.z:22.
	Netns Mode = "netns"
	// Chroot runs sshd on 127.x.y.z:2222 chrooted in the host's own Debian
	// root filesystem (an overlay over BaseRootfs), in a private mount and
	// UTS namespace but the machine's network namespace, so apt reaches
	// Debian's archive. There is no init: services run from /etc/init.d.
	Chroot Mode = "chroot"
)

// Options configure Start.
type Options struct {
	// N is the number of hosts (1..1000).
	N int
	// Mode is Loopback (default) or Netns.
	Mode Mode
	// Prefix is a short tag ([a-z0-9], up to 12 characters) naming the fleet's
	// namespaces and files; use one per test.
	Prefix string
	// Dir holds the fleet's keys and files; empty means a new temporary
	// directory that Stop removes.
	Dir string
	// PasswordAuth enables sshd PasswordAuthentication.
	PasswordAuth bool
	// Users are machine users made to exist (see EnsureUsers) before start.
	Users []User
	// PrivateHosts (Netns only) puts the last PrivateHosts hosts on a private
	// network reachable only through host 0, the bastion.
	PrivateHosts int
	// Persistent keeps sshd running after this process exits (for the CLI).
	Persistent bool
}

// Host is one running test host.
type Host struct {
	// Name is the inventory name, h1..hN.
	Name string
	// Addr and Port are where its sshd listens.
	Addr string
	Port int
	// HostKey is the host's public key, as recorded in KnownHostsFile.
	HostKey ssh.PublicKey
	// Private is true when the host is reachable only through host 0.
	Private bool
}

// Fleet is a set of running test hosts and the files describing them.
type Fleet struct {
	// Dir holds everything below.
	Dir string
	// Hosts are the hosts, index 0 is h1.
	Hosts []Host
	// KnownHostsFile lists every host key ("[addr]:port key" lines).
	KnownHostsFile string
	// ClientKeyFile is the unencrypted ed25519 client key authorised for every user.
	ClientKeyFile string
	// AuthorizedKeysFile is the authorized_keys file every sshd reads for every user.
	AuthorizedKeysFile string
	// InventoryFile is an Ansible INI inventory of the hosts.
	InventoryFile string
	// SSHConfigFile is an ssh_config with key auth and strict host key checking.
	SSHConfigFile string

	st *state
}

var prefixPattern = regexp.MustCompile(`^[a-z0-9]{1,12}$`)

// Available reports why real hosts cannot be started here, or nil.
func Available(mode Mode) error {
	if os.Geteuid() != 0 {
		return errors.New("testhosts: needs root (real sshd hosts with namespaces)")
	}
	tools := []string{"/usr/sbin/sshd", "unshare", "mount"}
	switch mode {
	case Netns:
		tools = append(tools, "ip")
	case Chroot:
		tools = []string{"unshare", "mount", "chroot", "mknod"}
		if _, err := os.Stat(filepath.Join(BaseRootfs, "usr/sbin/sshd")); err != nil {
			tools = append(tools, "debootstrap")
		}
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("testhosts: %s not found (apt-get install -y openssh-server util-linux iproute2): %w", tool, err)
		}
	}
	return nil
}

// RequireRoot skips a test that needs root (chroot hosts, packages
// installed in their roots) when not run as root, except under CI=true
// where it fails.
func RequireRoot(t testing.TB) {
	t.Helper()
	if os.Geteuid() == 0 {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chroot test hosts need root (CI=true: not skipping)")
	}
	t.Skip("chroot test hosts need root")
}

// StartT starts a fleet for a test and stops it at cleanup. It skips the test
// when real hosts are unavailable, except under CI=true where it fails.
func StartT(t testing.TB, opts Options) *Fleet {
	t.Helper()
	if err := Available(opts.Mode); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%v (CI=true: not skipping)", err)
		}
		t.Skipf("skipping: %v", err)
	}
	if opts.Mode == Chroot {
		if err := EnsureBaseRootfs(context.Background()); err != nil {
			t.Fatalf("start test hosts: %v", err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	f, err := Start(ctx, opts)
	if err != nil {
		t.Fatalf("start test hosts: %v", err)
	}
	t.Cleanup(func() {
		if err := f.Stop(); err != nil {
			t.Errorf("stop test hosts: %v", err)
		}
	})
	return f
}

// Start brings up the fleet and waits until every sshd answers.
func Start(ctx context.Context, opts Options) (*Fleet, error) {
	if err := checkOptions(&opts); err != nil {
		return nil, err
	}
	if err := Available(opts.Mode); err != nil {
		return nil, err
	}
	if err := EnsureUsers(ctx, opts.Users); err != nil {
		return nil, err
	}
	if opts.Mode == Chroot {
		if err := EnsureBaseRootfs(ctx); err != nil {
			return nil, err
		}
		if err := os.MkdirAll(AptArchives+"/partial", 0o755); err != nil {
			return nil, fmt.Errorf("testhosts: %w", err)
		}
	}
	st, err := claimSlot(ctx, opts)
	if err != nil {
		return nil, err
	}
	f := &Fleet{st: st}
	if err := f.bringUp(ctx, opts); err != nil {
		_ = f.Stop()
		return nil, fmt.Errorf("testhosts: start %s fleet %q: %w", opts.Mode, opts.Prefix, err)
	}
	return f, nil
}

func checkOptions(opts *Options) error {
	if opts.Mode == "" {
		opts.Mode = Loopback
	}
	if opts.Mode != Loopback && opts.Mode != Netns && opts.Mode != Chroot {
		return fmt.Errorf("testhosts: unknown mode %q", opts.Mode)
	}
	if opts.Mode == Chroot && len(opts.Users) > 0 {
		return errors.New("testhosts: Users are machine users; chroot hosts have their own")
	}
	if opts.N < 1 || opts.N > maxHosts {
		return fmt.Errorf("testhosts: N must be 1..%d, got %d", maxHosts, opts.N)
	}
	if !prefixPattern.MatchString(opts.Prefix) {
		return fmt.Errorf("testhosts: prefix %q must be 1-12 characters [a-z0-9]", opts.Prefix)
	}
	if opts.PrivateHosts < 0 || opts.PrivateHosts >= opts.N || (opts.PrivateHosts > 0 && opts.Mode != Netns) {
		return fmt.Errorf("testhosts: PrivateHosts=%d needs Netns mode and fewer than N hosts", opts.PrivateHosts)
	}
	return nil
}

func (f *Fleet) bringUp(ctx context.Context, opts Options) error {
	if err := f.prepareDir(opts); err != nil {
		return err
	}
	if err := writeClientKey(f.st.Dir); err != nil {
		return err
	}
	if f.st.Mode == Netns {
		if err := createNetwork(ctx, f.st); err != nil {
			return err
		}
	}
	for i := range f.st.Hosts {
		if err := f.setUpHost(ctx, i, opts.PasswordAuth); err != nil {
			return err
		}
	}
	if err := f.st.save(); err != nil {
		return err
	}
	for i := range f.st.Hosts {
		if err := f.awaitHost(ctx, i); err != nil {
			return err
		}
	}
	if err := f.st.save(); err != nil {
		return err
	}
	return f.load()
}

func (f *Fleet) prepareDir(opts Options) error {
	dir := opts.Dir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "edxhosts-"+opts.Prefix+"-")
		if err != nil {
			return fmt.Errorf("make fleet dir: %w", err)
		}
		dir, f.st.RemoveDir = tmp, true
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("fleet dir: %w", err)
	}
	f.st.Dir = abs
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return fmt.Errorf("make fleet dir: %w", err)
	}
	// non-root users' sshd children read authorized_keys below it
	if err := os.Chmod(abs, 0o755); err != nil {
		return fmt.Errorf("fleet dir: %w", err)
	}
	return os.WriteFile(filepath.Join(abs, "slot"), fmt.Appendf(nil, "%d\n", f.st.Slot), 0o644)
}

// load fills the exported fields from the saved state and host key files.
func (f *Fleet) load() error {
	d := f.st.Dir
	f.Dir = d
	f.KnownHostsFile = filepath.Join(d, "known_hosts")
	f.ClientKeyFile = filepath.Join(d, "keys", "id_ed25519")
	f.AuthorizedKeysFile = filepath.Join(d, "keys", "authorized_keys")
	f.InventoryFile = filepath.Join(d, "inventory.ini")
	f.SSHConfigFile = filepath.Join(d, "ssh_config")
	f.Hosts = f.Hosts[:0]
	for _, h := range f.st.Hosts {
		pub, err := readPublicKey(filepath.Join(f.hostDir(h.Name), "ssh_host_ed25519_key.pub"))
		if err != nil {
			return err
		}
		f.Hosts = append(f.Hosts, Host{Name: h.Name, Addr: h.Addr, Port: h.Port, HostKey: pub, Private: h.Private})
	}
	return writeOutputs(f)
}

// Open returns the fleet whose files are in dir (as started by the CLI).
func Open(dir string) (*Fleet, error) {
	st, err := loadStateFromDir(dir)
	if err != nil {
		return nil, err
	}
	f := &Fleet{st: st}
	if err := f.load(); err != nil {
		return nil, err
	}
	return f, nil
}

// Stop kills the processes the fleet started (and everything in its hosts'
// namespaces), deletes its namespaces and links, and frees its slot.
func (f *Fleet) Stop() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := teardown(ctx, f.st)
	if f.st.RemoveDir && f.st.Dir != "" {
		if rmErr := os.RemoveAll(f.st.Dir); rmErr != nil && err == nil {
			err = rmErr
		}
	}
	return err
}
