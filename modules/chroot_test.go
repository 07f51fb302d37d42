package modules_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/edxplay/edxplay/connection"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// baseRootfs is the cached Debian root filesystem chroot tests start from.
const baseRootfs = "/var/cache/edxplay-test/rootfs"

// requireRoot skips a test needing root and debootstrap, or fails it on CI.
func requireRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() == 0 {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("this test needs root (chroot, mount, debootstrap)")
	}
	t.Skip("needs root: chroot, mount and debootstrap")
}

// ensureRootfs builds the base root filesystem once, under a lock.
func ensureRootfs(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(baseRootfs, "usr/sbin/sshd")); err == nil {
		return
	}
	if _, err := exec.LookPath("debootstrap"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("debootstrap is not installed")
		}
		t.Skip("debootstrap is not installed")
	}
	script := fmt.Sprintf(`mkdir -p %[1]s && exec 9>%[1]s/.lock && flock 9 && { [ -x %[2]s/usr/sbin/sshd ] || { rm -rf %[2]s.tmp && debootstrap --variant=minbase --include=openssh-server,cron bookworm %[2]s.tmp http://deb.debian.org/debian >/dev/null && mv %[2]s.tmp %[2]s; }; }`,
		filepath.Dir(baseRootfs), baseRootfs)
	if out, err := exec.Command("sh", "-c", script).CombinedOutput(); err != nil {
		t.Fatalf("debootstrap: %v\n%s", err, out)
	}
}

// chrootConn is a connection.Conn whose commands run chrooted in root.
// Tests run as root, so become is ignored.
type chrootConn struct{ root string }

// newChrootConn makes a private overlay of the base root filesystem with
// /proc mounted and the host's resolv.conf, removed when the test ends.
func newChrootConn(t *testing.T) *chrootConn {
	t.Helper()
	requireRoot(t)
	ensureRootfs(t)
	dir := t.TempDir()
	merged := filepath.Join(dir, "merged")
	for _, d := range []string{"upper", "work", "merged"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	opts := fmt.Sprintf("lowerdir=%s,upperdir=%s/upper,workdir=%s/work", baseRootfs, dir, dir)
	if err := syscall.Mount("overlay", merged, "overlay", 0, opts); err != nil {
		t.Skipf("overlay mount: %v", err)
	}
	if err := syscall.Mount("proc", filepath.Join(merged, "proc"), "proc", 0, ""); err != nil {
		_ = syscall.Unmount(merged, 0)
		t.Fatalf("mount proc: %v", err)
	}
	t.Cleanup(func() {
		killChrooted(merged)
		_ = syscall.Unmount(filepath.Join(merged, "proc"), syscall.MNT_DETACH)
		if err := syscall.Unmount(merged, syscall.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", merged, err)
		}
	})
	if data, err := os.ReadFile("/etc/resolv.conf"); err == nil {
		_ = os.WriteFile(filepath.Join(merged, "etc/resolv.conf"), data, 0o644)
	}
	return &chrootConn{root: merged}
}

// killChrooted kills the processes this test started inside root (daemons
// launched by init scripts), found by their root directory.
func killChrooted(root string) {
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if link, err := os.Readlink(fmt.Sprintf("/proc/%d/root", pid)); err == nil && link == root {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}

func (c *chrootConn) Run(ctx context.Context, cmd connection.Command) (connection.Result, error) {
	script := cmd.Cmd
	if cmd.Dir != "" {
		script = "cd " + hostfile.Quote(cmd.Dir) + " || exit 1\n" + script
	}
	x := exec.CommandContext(ctx, "chroot", c.root, "/bin/sh", "-c", script)
	x.Env = []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", "LANG=C.UTF-8"}
	for k, v := range cmd.Env {
		x.Env = append(x.Env, k+"="+v)
	}
	var stdout, stderr bytes.Buffer
	x.Stdout, x.Stderr = &stdout, &stderr
	if cmd.Stdin != nil {
		x.Stdin = bytes.NewReader(cmd.Stdin)
	}
	err := x.Run()
	res := connection.Result{Stdout: stdout.String(), Stderr: stderr.String()}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		res.RC = exit.ExitCode()
	case err != nil:
		return res, fmt.Errorf("chroot: %w", err)
	}
	return res, nil
}

func (c *chrootConn) WriteFile(ctx context.Context, path string, data []byte, attrs connection.FileAttrs) error {
	p := hostfile.Quote(path)
	var b strings.Builder
	fmt.Fprintf(&b, "t=$(mktemp %s) || exit 1\ncat > \"$t\" || exit 1\n", hostfile.Quote(filepath.Join(filepath.Dir(path), ".edxplay-XXXXXX")))
	mode := uint32(attrs.Mode.Perm())
	if mode == 0 {
		mode = 0o644
	}
	fmt.Fprintf(&b, "chmod %04o \"$t\" || exit 1\n", mode)
	if attrs.Owner != "" || attrs.Group != "" {
		fmt.Fprintf(&b, "chown %s \"$t\" || exit 1\n", hostfile.Quote(strings.TrimSuffix(attrs.Owner+":"+attrs.Group, ":")))
	}
	fmt.Fprintf(&b, "mv -f \"$t\" %s\n", p)
	res, err := c.Run(ctx, connection.Command{Cmd: b.String(), Stdin: data})
	if err == nil && res.RC != 0 {
		err = fmt.Errorf("rc %d: %s", res.RC, res.Stderr)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func (c *chrootConn) ReadFile(ctx context.Context, path string, _ *connection.Become) ([]byte, error) {
	res, err := c.Run(ctx, connection.Command{Cmd: "cat " + hostfile.Quote(path)})
	if err == nil && res.RC != 0 {
		err = fmt.Errorf("rc %d: %s", res.RC, res.Stderr)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return []byte(res.Stdout), nil
}

func (c *chrootConn) Close() error { return nil }

// sh runs a command in the chroot and returns its stdout, failing the test on error.
func (c *chrootConn) sh(t *testing.T, cmd string) string {
	t.Helper()
	res, err := c.Run(context.Background(), connection.Command{Cmd: cmd})
	if err != nil || res.RC != 0 {
		t.Fatalf("%s: rc %d, %v: %s", cmd, res.RC, err, res.Stderr)
	}
	return res.Stdout
}
