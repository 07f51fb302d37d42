package testhosts

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

const sshdConfigTemplate = `ListenAddress %s
Port %d
HostKey %s
AuthorizedKeysFile %s
PidFile none
PermitRootLogin prohibit-password
PasswordAuthentication %s
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
UseDNS no
PrintMotd no
PrintLastLog no
MaxStartups 200:30:400
MaxSessions 64
AcceptEnv LANG LC_*
Subsystem sftp internal-sftp
`

func (f *Fleet) hostDir(name string) string { return filepath.Join(f.st.Dir, "hosts", name) }

// setUpHost makes one host's network, keys, config and home directories, then
// launches its sshd.
func (f *Fleet) setUpHost(ctx context.Context, i int, passwordAuth bool) error {
	h := &f.st.Hosts[i]
	dir := f.hostDir(h.Name)
	if f.st.Mode == Chroot {
		if err := f.prepareChrootHost(h, map[bool]string{true: "yes", false: "no"}[passwordAuth]); err != nil {
			return err
		}
		return f.launchSSHD(h)
	}
	for _, sub := range []string{"root", "srv"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return fmt.Errorf("host %s: %w", h.Name, err)
		}
	}
	if err := os.Chmod(filepath.Join(dir, "root"), 0o700); err != nil {
		return fmt.Errorf("host %s: %w", h.Name, err)
	}
	if err := writeHostKey(dir); err != nil {
		return fmt.Errorf("host %s: %w", h.Name, err)
	}
	pw := "no"
	if passwordAuth {
		pw = "yes"
	}
	conf := fmt.Sprintf(sshdConfigTemplate, h.Addr, h.Port, filepath.Join(dir, "ssh_host_ed25519_key"),
		filepath.Join(f.st.Dir, "keys", "authorized_keys"), pw)
	if err := os.WriteFile(filepath.Join(dir, "sshd_config"), []byte(conf), 0o644); err != nil {
		return fmt.Errorf("host %s: %w", h.Name, err)
	}
	if f.st.Mode == Netns {
		if err := createHostNetwork(ctx, f.st, h); err != nil {
			return fmt.Errorf("host %s: %w", h.Name, err)
		}
	}
	return f.launchSSHD(h)
}

// launchSSHD starts sshd in a private mount namespace (and the host's network
// namespace) with the host's own /root and /srv bind-mounted; a chroot
// host's sshd runs chrooted in its overlay root (see chrootScript).
func (f *Fleet) launchSSHD(h *hostState) error {
	dir := f.hostDir(h.Name)
	if err := os.MkdirAll("/run/sshd", 0o755); err != nil {
		return fmt.Errorf("make /run/sshd: %w", err)
	}
	script := fmt.Sprintf("mount --bind %s /root && mount --bind %s /srv && exec /usr/sbin/sshd -D -e -f %s",
		filepath.Join(dir, "root"), filepath.Join(dir, "srv"), filepath.Join(dir, "sshd_config"))
	args := []string{"unshare", "-m", "--propagation", "private", "sh", "-c", script}
	if f.st.Mode == Chroot {
		args = []string{"unshare", "-m", "-u", "--propagation", "private", "sh", "-c", f.chrootScript(h)}
	}
	if f.st.Mode == Netns {
		args = append([]string{"ip", "netns", "exec", h.Netns}, args...)
	}
	logFile, err := os.OpenFile(filepath.Join(dir, "sshd.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("host %s: sshd log: %w", h.Name, err)
	}
	defer logFile.Close()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: f.st.Persistent}
	if !f.st.Persistent {
		cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
	}
	if err := startOnLockedThread(cmd); err != nil {
		return fmt.Errorf("host %s: start sshd: %w", h.Name, err)
	}
	h.PID, h.MountNS = cmd.Process.Pid, ""
	go func() { _ = cmd.Wait() }()
	return nil
}

// launcher starts processes from one OS thread that never exits: the
// kernel sends Pdeathsig when the forking thread (not the process) ends.
var launcher struct {
	once sync.Once
	reqs chan launchRequest
}

type launchRequest struct {
	cmd  *exec.Cmd
	done chan error
}

func startOnLockedThread(cmd *exec.Cmd) error {
	launcher.once.Do(func() {
		launcher.reqs = make(chan launchRequest)
		go func() {
			runtime.LockOSThread()
			for r := range launcher.reqs {
				r.done <- r.cmd.Start()
			}
		}()
	})
	done := make(chan error, 1)
	launcher.reqs <- launchRequest{cmd: cmd, done: done}
	return <-done
}

// awaitHost waits (bounded) until the host's sshd sends its banner, then
// records the mount namespace its sessions run in.
func (f *Fleet) awaitHost(ctx context.Context, i int) error {
	h := &f.st.Hosts[i]
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	addr := net.JoinHostPort(h.Addr, strconv.Itoa(h.Port))
	if h.Private {
		addr = ""
	}
	for {
		why := notReady(ctx, h, addr)
		if why == "" {
			break
		}
		select {
		case <-ctx.Done():
			log, _ := os.ReadFile(filepath.Join(f.hostDir(h.Name), "sshd.log"))
			return fmt.Errorf("host %s (%s:%d) not ready (%s): %w; sshd log: %s", h.Name, h.Addr, h.Port, why, ctx.Err(), bytes.TrimSpace(log))
		case <-time.After(20 * time.Millisecond):
		}
	}
	ns, err := os.Readlink(fmt.Sprintf("/proc/%d/ns/mnt", h.PID))
	if err != nil {
		return fmt.Errorf("host %s: sshd exited: %w", h.Name, err)
	}
	h.MountNS = ns
	return nil
}

// notReady says why the host's sshd does not answer with an SSH banner
// yet, or "" once it does. Private hosts are probed from inside their own
// network namespace.
func notReady(ctx context.Context, h *hostState, addr string) string {
	if !processAlive(h.PID) || isZombie(h.PID) {
		return "sshd exited"
	}
	if addr == "" {
		probe := fmt.Sprintf("exec 3<>/dev/tcp/%s/%d && head -c 7 <&3", h.Addr, h.Port)
		out, err := runOutput(ctx, "ip", "netns", "exec", h.Netns, "timeout", "1", "bash", "-c", probe)
		if err != nil || string(out) != "SSH-2.0" {
			return fmt.Sprintf("probe: %q %v", out, err)
		}
		return ""
	}
	d := net.Dialer{Timeout: time.Second}
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err.Error()
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(time.Second))
	buf := make([]byte, 7)
	n, err := io.ReadFull(c, buf)
	if string(buf[:n]) != "SSH-2.0" {
		return fmt.Sprintf("banner %q %v", buf[:n], err)
	}
	return ""
}

// KillSSHD kills host i's sshd and every process in its namespaces (its
// sessions), so open connections to it break.
func (f *Fleet) KillSSHD(i int) error {
	if i < 0 || i >= len(f.st.Hosts) {
		return fmt.Errorf("testhosts: no host %d", i)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return killHost(ctx, &f.st.Hosts[i])
}

// StartSSHD starts host i's sshd again after KillSSHD.
func (f *Fleet) StartSSHD(i int) error {
	if i < 0 || i >= len(f.st.Hosts) {
		return fmt.Errorf("testhosts: no host %d", i)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := f.launchSSHD(&f.st.Hosts[i]); err != nil {
		return err
	}
	if err := f.awaitHost(ctx, i); err != nil {
		return err
	}
	return f.st.save()
}

// killHost kills the recorded sshd and all processes sharing its mount (or
// network) namespace, waiting briefly for them to go.
func killHost(ctx context.Context, h *hostState) error {
	pids := namespacePIDs(ctx, h)
	if h.PID > 0 && isSSHD(h.PID) {
		pids = append(pids, h.PID)
	}
	for _, pid := range pids {
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
	deadline := time.Now().Add(3 * time.Second)
	for _, pid := range pids {
		for processAlive(pid) && !isZombie(pid) && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
	}
	h.PID, h.MountNS = 0, ""
	return nil
}

// namespacePIDs lists processes in the host's mount namespace and its
// network namespace. The mount namespace is only trusted while the
// recorded sshd still lives in it: a freed namespace's inode number can be
// reused by another fleet's.
func namespacePIDs(ctx context.Context, h *hostState) []int {
	var pids []int
	if h.MountNS != "" && h.PID > 0 && isSSHD(h.PID) {
		if ns, err := os.Readlink(fmt.Sprintf("/proc/%d/ns/mnt", h.PID)); err == nil && ns == h.MountNS {
			pids = append(pids, processesInMountNS(ns)...)
		}
	}
	if h.Netns != "" {
		out, _ := runOutput(ctx, "ip", "netns", "pids", h.Netns)
		for _, field := range strings.Fields(string(out)) {
			if pid, err := strconv.Atoi(field); err == nil {
				pids = append(pids, pid)
			}
		}
	}
	return pids
}

func processesInMountNS(ns string) []int {
	var pids []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if got, err := os.Readlink(fmt.Sprintf("/proc/%d/ns/mnt", pid)); err == nil && got == ns {
			pids = append(pids, pid)
		}
	}
	return pids
}

// isSSHD guards against killing a reused PID that is no longer our sshd.
func isSSHD(pid int) bool {
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	return err == nil && (bytes.Contains(cmdline, []byte("sshd")) || bytes.Contains(cmdline, []byte("unshare")))
}

func isZombie(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	_, after, ok := bytes.Cut(stat, []byte(") "))
	return ok && len(after) > 0 && after[0] == 'Z'
}

// runOutput runs a command with a bounded time and returns its stdout.
func runOutput(ctx context.Context, name string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) || stderr.Len() > 0 {
			return out, fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, bytes.TrimSpace(stderr.Bytes()))
		}
		return out, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}
