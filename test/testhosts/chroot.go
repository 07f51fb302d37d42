package testhosts

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// BaseRootfs is the cached Debian root filesystem every chroot host starts
// from (shared with the modules package's chroot tests, same recipe).
const BaseRootfs = "/var/cache/edxplay-test/rootfs"

// AptArchives caches the .deb files chroot hosts download. Each host gets
// its own /var/cache/apt/archives (apt locks that directory, and hosts run
// apt at the same time), filled from this cache when it starts (hard links
// where possible) and harvested back into it when it is removed.
const AptArchives = "/var/cache/edxplay-test/apt-archives"

// debootstrapMirror is the archive the base root filesystem comes from
// when the machine's apt configuration names none.
const debootstrapMirror = "http://deb.debian.org/debian"

// chrootConfDir is where a host's sshd_config and host key appear inside
// its root (a read-only bind mount of the host's conf directory), and
// chrootKeysDir the fleet's keys directory (authorized_keys).
const (
	chrootConfDir = "/etc/edxplay-testhost"
	chrootKeysDir = "/etc/edxplay-testhost-keys"
)

// EnsureBaseRootfs builds BaseRootfs with debootstrap (minbase, bookworm,
// openssh-server and cron) unless it exists, under a machine-wide lock so
// concurrent test packages build it once. It takes about a minute.
func EnsureBaseRootfs(ctx context.Context) error {
	if _, err := os.Stat(filepath.Join(BaseRootfs, "usr/sbin/sshd")); err == nil {
		return nil
	}
	if _, err := exec.LookPath("debootstrap"); err != nil {
		return fmt.Errorf("testhosts: debootstrap not found (apt-get install -y debootstrap): %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	script := fmt.Sprintf(`mkdir -p %[1]s && exec 9>%[1]s/.lock && flock 9 && { [ -x %[2]s/usr/sbin/sshd ] || { rm -rf %[2]s.tmp && debootstrap --variant=minbase --include=openssh-server,cron bookworm %[2]s.tmp %[3]s >/dev/null && mv %[2]s.tmp %[2]s; }; }`,
		filepath.Dir(BaseRootfs), BaseRootfs, machineMirror())
	if out, err := exec.CommandContext(ctx, "sh", "-c", script).CombinedOutput(); err != nil {
		return fmt.Errorf("testhosts: debootstrap %s: %w: %s", BaseRootfs, err, strings.TrimSpace(string(out)))
	}
	return nil
}

// chrootPaths are one chroot host's directories on the machine.
type chrootPaths struct {
	upper, work, merged, conf string
}

func (f *Fleet) chrootPaths(name string) chrootPaths {
	d := f.hostDir(name)
	return chrootPaths{upper: filepath.Join(d, "upper"), work: filepath.Join(d, "work"),
		merged: filepath.Join(d, "merged"), conf: filepath.Join(d, "conf")}
}

// prepareChrootHost makes the overlay directories and writes the host's
// sshd_config and host key into its conf directory.
func (f *Fleet) prepareChrootHost(h *hostState, passwordAuth string) error {
	p := f.chrootPaths(h.Name)
	for _, d := range []string{p.upper, p.work, p.merged, p.conf} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return fmt.Errorf("host %s: %w", h.Name, err)
		}
	}
	if err := writeHostKey(p.conf); err != nil {
		return fmt.Errorf("host %s: %w", h.Name, err)
	}
	conf := fmt.Sprintf(sshdConfigTemplate, h.Addr, h.Port, chrootConfDir+"/ssh_host_ed25519_key",
		chrootKeysDir+"/authorized_keys", passwordAuth)
	if err := os.WriteFile(filepath.Join(p.conf, "sshd_config"), []byte(conf), 0o644); err != nil {
		return fmt.Errorf("host %s: %w", h.Name, err)
	}
	// the public key is read from the host dir like the other modes
	pub, err := os.ReadFile(filepath.Join(p.conf, "ssh_host_ed25519_key.pub"))
	if err != nil {
		return fmt.Errorf("host %s: %w", h.Name, err)
	}
	return os.WriteFile(filepath.Join(f.hostDir(h.Name), "ssh_host_ed25519_key.pub"), pub, 0o644)
}

// chrootScript mounts the host's root (overlay over the base, /proc, a
// private /dev, /run, the shared apt archives) inside the private mount
// namespace it runs in, then execs the chrooted sshd. The mounts vanish
// with the namespace when the host's last process exits.
func (f *Fleet) chrootScript(h *hostState) string {
	p := f.chrootPaths(h.Name)
	m := p.merged
	q := shellQuote
	lines := []string{
		"set -e",
		"hostname " + q(h.Name),
		fmt.Sprintf("mount -t overlay overlay -o lowerdir=%s,upperdir=%s,workdir=%s %s", BaseRootfs, p.upper, p.work, q(m)),
		"mount -t proc proc " + q(m+"/proc"),
		"mount -t tmpfs -o mode=755,size=64m tmpfs " + q(m+"/run"),
		"mkdir -p " + q(m+"/run/sshd") + " " + q(m+"/run/lock"),
		"mount -t tmpfs -o mode=755,size=1m,nosuid tmpfs " + q(m+"/dev"),
	}
	for _, n := range []struct {
		name       string
		major, min int
	}{{"null", 1, 3}, {"zero", 1, 5}, {"full", 1, 7}, {"random", 1, 8}, {"urandom", 1, 9}, {"tty", 5, 0}} {
		lines = append(lines, fmt.Sprintf("mknod -m 666 %s c %d %d", q(m+"/dev/"+n.name), n.major, n.min))
	}
	lines = append(lines,
		"mkdir -p "+q(m+"/dev/pts")+" "+q(m+"/dev/shm"),
		"mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "+q(m+"/dev/pts"),
		"ln -s pts/ptmx "+q(m+"/dev/ptmx"),
		"mount -t tmpfs -o mode=1777,size=64m tmpfs "+q(m+"/dev/shm"),
		"chmod 1777 "+q(m+"/tmp"),
		"mkdir -p "+q(m+chrootConfDir)+" "+q(m+chrootKeysDir)+" "+q(m+"/var/cache/apt/archives"),
		"mount --bind -o ro "+q(p.conf)+" "+q(m+chrootConfDir),
		"mount --bind -o ro "+q(filepath.Join(f.st.Dir, "keys"))+" "+q(m+chrootKeysDir),
		"mkdir -p "+q(m+"/var/cache/apt/archives/partial"),
		"for d in "+AptArchives+"/*.deb; do [ -e \"$d\" ] || continue; ln \"$d\" "+q(m+"/var/cache/apt/archives/")+" 2>/dev/null || cp \"$d\" "+q(m+"/var/cache/apt/archives/")+"; done",
		"cp -L /etc/resolv.conf "+q(m+"/etc/resolv.conf"),
		"echo "+q(h.Name)+" > "+q(m+"/etc/hostname"),
		// as in container images: installing a package does not start its
		// daemon (hosts share the machine's network); playbooks start them
		"printf '#!/bin/sh\\nexit 101\\n' > "+q(m+"/usr/sbin/policy-rc.d"),
		"chmod 755 "+q(m+"/usr/sbin/policy-rc.d"),
		"exec chroot "+q(m)+" /usr/sbin/sshd -D -e -f "+chrootConfDir+"/sshd_config",
	)
	return strings.Join(lines, "\n")
}

// shellQuote quotes a word for sh.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// killChrooted kills every process whose root directory is root (daemons a
// host started, even if its sshd is gone) and waits briefly for them.
func killChrooted(root string) {
	var pids []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if link, err := os.Readlink(fmt.Sprintf("/proc/%d/root", pid)); err == nil && link == root {
			_ = syscall.Kill(pid, syscall.SIGKILL)
			pids = append(pids, pid)
		}
	}
	deadline := time.Now().Add(3 * time.Second)
	for _, pid := range pids {
		for processAlive(pid) && !isZombie(pid) && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
	}
}

// removeChrootHost kills what runs in the host's root, unmounts anything
// left mounted there in this namespace and deletes its overlay layers.
func removeChrootHost(dir string, h *hostState) error {
	merged := filepath.Join(dir, "hosts", h.Name, "merged")
	killChrooted(merged)
	unmountBelow(merged)
	harvestDebs(filepath.Join(dir, "hosts", h.Name, "upper", "var/cache/apt/archives"))
	var errs []error
	for _, sub := range []string{"upper", "work", "merged"} {
		if err := os.RemoveAll(filepath.Join(dir, "hosts", h.Name, sub)); err != nil {
			errs = append(errs, fmt.Errorf("host %s: %w", h.Name, err))
		}
	}
	return errors.Join(errs...)
}

// unmountBelow detaches mounts at or below root in this mount namespace
// (normally none: hosts mount in their own namespace), deepest first.
func unmountBelow(root string) {
	data, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		return
	}
	var points []string
	for _, line := range strings.Split(string(data), "\n") {
		fields := strings.Fields(line)
		if len(fields) > 4 && (fields[4] == root || strings.HasPrefix(fields[4], root+"/")) {
			points = append(points, fields[4])
		}
	}
	for i := len(points) - 1; i >= 0; i-- {
		_ = syscall.Unmount(points[i], syscall.MNT_DETACH)
	}
}

// harvestDebs adds the .deb files a host downloaded to the shared cache
// (hard links where possible), so later hosts need not download them.
func harvestDebs(archives string) {
	debs, _ := filepath.Glob(filepath.Join(archives, "*.deb"))
	for _, d := range debs {
		dst := filepath.Join(AptArchives, filepath.Base(d))
		if _, err := os.Stat(dst); err == nil {
			continue
		}
		if os.Link(d, dst) != nil {
			if data, err := os.ReadFile(d); err == nil {
				_ = os.WriteFile(dst+".tmp", data, 0o644)
				_ = os.Rename(dst+".tmp", dst)
			}
		}
	}
}

// machineMirror is the Debian archive this machine's apt already uses (the
// first URIs of /etc/apt/sources.list.d/debian.sources, or the first deb
// line of /etc/apt/sources.list), so hosts reach what the machine reaches.
func machineMirror() string {
	if data, err := os.ReadFile("/etc/apt/sources.list.d/debian.sources"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "URIs:" {
				return f[1]
			}
		}
	}
	if data, err := os.ReadFile("/etc/apt/sources.list"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "deb" && !strings.HasPrefix(f[1], "[") {
				return f[1]
			}
		}
	}
	return debootstrapMirror
}
