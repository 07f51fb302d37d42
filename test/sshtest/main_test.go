package sshtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/edxplay/edxplay/test/testhosts"
)

// edxplayBin is the edxplay binary built once by TestMain.
var edxplayBin string

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

// buildAndRun builds cmd/edxplay into a temporary directory, runs the tests
// and removes the directory. EDXPLAY_BIN names a prebuilt binary to test
// instead (e.g. one built from a patched tree).
func buildAndRun(m *testing.M) int {
	if bin := os.Getenv("EDXPLAY_BIN"); bin != "" {
		edxplayBin = bin
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "sshtest-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "sshtest:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	edxplayBin = filepath.Join(dir, "edxplay")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, "go", "build", "-o", edxplayBin, "./cmd/edxplay")
	build.Dir = "../.."
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "sshtest: build edxplay: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// result is what one edxplay run printed and how it exited.
type result struct {
	stdout, stderr string
	code           int
	elapsed        time.Duration
}

func (r result) String() string {
	return fmt.Sprintf("exit %d after %v\n--- stdout:\n%s\n--- stderr:\n%s", r.code, r.elapsed.Round(time.Millisecond), r.stdout, r.stderr)
}

// run is one edxplay invocation: arguments, extra environment and a bound.
type run struct {
	args    []string
	env     []string
	timeout time.Duration
	// started, when set, is called once the process runs (to signal it).
	started func(p *os.Process)
}

// edxplay runs the binary with a private HOME (no ~/.ssh of the machine)
// and without an ssh-agent unless r.env sets one.
func edxplay(t *testing.T, r run) result {
	t.Helper()
	if r.timeout == 0 {
		r.timeout = 90 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), r.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, edxplayBin, r.args...)
	cmd.Env = append(baseEnv(t), r.env...)
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatalf("start edxplay: %v", err)
	}
	if r.started != nil {
		r.started(cmd.Process)
	}
	err := cmd.Wait()
	res := result{stdout: stdout.String(), stderr: stderr.String(), elapsed: time.Since(start)}
	var exitErr *exec.ExitError
	switch {
	case ctx.Err() != nil:
		t.Fatalf("edxplay %s: not done within %v\n%s", strings.Join(r.args, " "), r.timeout, res)
	case errors.As(err, &exitErr):
		res.code = exitErr.ExitCode()
	case err != nil:
		t.Fatalf("edxplay: %v", err)
	}
	return res
}

// baseEnv is the environment of every edxplay run: PATH, a fresh HOME, and
// nothing else that could change SSH behaviour (SSH_AUTH_SOCK, ANSIBLE_*).
func baseEnv(t *testing.T) []string {
	home := filepath.Join(t.TempDir(), "home")
	if err := os.MkdirAll(home, 0o700); err != nil {
		t.Fatal(err)
	}
	return []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "LANG=C.UTF-8", "NO_COLOR=1"}
}

// startFleet starts a fleet for the test with a prefix unique to it.
func startFleet(t *testing.T, opts testhosts.Options) *testhosts.Fleet {
	t.Helper()
	return testhosts.StartT(t, opts)
}

// writeFile writes text to dir/name and returns the path.
func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// playbook writes a playbook into a fresh directory, with files (by
// relative path) next to it.
func playbook(t *testing.T, text string, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	for i := 0; i+1 < len(files); i += 2 {
		writeFile(t, dir, files[i], files[i+1])
	}
	return writeFile(t, dir, "site.yml", text)
}

// inventory writes an INI inventory of the fleet's hosts with the given
// per-host variables and [fleet:vars] lines.
func inventory(t *testing.T, f *testhosts.Fleet, hostVars func(h testhosts.Host) string, groupVars ...string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("[fleet]\n")
	for _, h := range f.Hosts {
		fmt.Fprintf(&b, "%s ansible_host=%s ansible_port=%d", h.Name, h.Addr, h.Port)
		if hostVars != nil {
			if v := hostVars(h); v != "" {
				b.WriteString(" " + v)
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("\n[fleet:vars]\n")
	for _, v := range groupVars {
		b.WriteString(v + "\n")
	}
	return writeFile(t, t.TempDir(), "inventory.ini", b.String())
}

// keyInventory is an inventory with key authentication as root, the
// fleet's known_hosts and no ssh_config.
func keyInventory(t *testing.T, f *testhosts.Fleet, groupVars ...string) string {
	t.Helper()
	base := []string{"ansible_user=root", "ansible_ssh_private_key_file=" + f.ClientKeyFile,
		fmt.Sprintf("ansible_ssh_common_args='-F none -o UserKnownHostsFile=%s'", f.KnownHostsFile)}
	return inventory(t, f, nil, append(base, groupVars...)...)
}

// hostPath is where a path under /srv or /root of host i lies on the controller.
func hostPath(f *testhosts.Fleet, i int, remote string) string {
	for _, top := range []string{"/srv", "/root"} {
		if rest, ok := strings.CutPrefix(remote, top); ok {
			return filepath.Join(f.Dir, "hosts", f.Hosts[i].Name, strings.TrimPrefix(top, "/"), rest)
		}
	}
	panic("hostPath: only /srv and /root are private to a host: " + remote)
}

// recap is one PLAY RECAP line.
type recap struct {
	ok, changed, unreachable, failed, skipped, rescued, ignored int
}

var recapLine = regexp.MustCompile(`(?m)^(\S+)\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)\s+skipped=(\d+)\s+rescued=(\d+)\s+ignored=(\d+)`)

// recaps parses the PLAY RECAP of an edxplay run, by host name.
func recaps(t *testing.T, out string) map[string]recap {
	t.Helper()
	_, after, ok := strings.Cut(out, "PLAY RECAP")
	if !ok {
		t.Fatalf("no PLAY RECAP in output:\n%s", out)
	}
	return parseRecapLines(after)
}

// parseRecapLines reads every "host : ok=... ignored=N" line of text.
func parseRecapLines(text string) map[string]recap {
	got := map[string]recap{}
	for _, m := range recapLine.FindAllStringSubmatch(text, -1) {
		n := make([]int, 7)
		for i := range n {
			n[i], _ = strconv.Atoi(m[i+2])
		}
		got[m[1]] = recap{n[0], n[1], n[2], n[3], n[4], n[5], n[6]}
	}
	return got
}

// wantCode fails the test unless the run exited with code.
func wantCode(t *testing.T, res result, code int) {
	t.Helper()
	if res.code != code {
		t.Fatalf("want exit %d, got:\n%s", code, res)
	}
}

// wantRecap fails the test unless host's recap equals want.
func wantRecap(t *testing.T, res result, host string, want recap) {
	t.Helper()
	got, ok := recaps(t, res.stdout)[host]
	if !ok || got != want {
		t.Errorf("recap of %s: got %+v (present %v), want %+v\n%s", host, got, ok, want, res)
	}
}

// waitFor polls cond every 20ms until it holds or d passes.
func waitFor(d time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return cond()
}

// exists reports whether a file exists.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// shared is a directory every test host (and user) can write: loopback and
// netns hosts share the controller's /tmp.
func shared(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "sshtest-shared-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o1777); err != nil {
		t.Fatal(err)
	}
	return dir
}

// ownerUID is the owning uid of a file.
func ownerUID(t *testing.T, path string) int {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return int(fi.Sys().(*syscall.Stat_t).Uid)
}
