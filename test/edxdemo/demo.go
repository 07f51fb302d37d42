// Package edxdemo is the runnable Open edX demo: it brings up two chroot
// test hosts (one stateless, one datastores, each with its own Debian root
// filesystem), publishes the edx-platform stand-in of
// test/edxdemo/edx-platform-standin as a git repository on the stateless host,
// and runs the built-in edx-site.yml on them with edxplay, with the
// overrides in overrides.yml. scripts/demo.sh runs it through
// cmd/edxdemo; demo_test.go is the same demo as an integration test.
package edxdemo

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/edxplay/edxplay/test/testhosts"
)

// Config says where the demo's parts are.
type Config struct {
	// Edxplay is the edxplay binary to run.
	Edxplay string
	// RepoRoot is the root of the edxplay source tree (for overrides.yml
	// and test/edxdemo/edx-platform-standin).
	RepoRoot string
	// Dir holds the fleet's files; empty means a temporary directory.
	Dir string
}

// Demo is a running demo: its hosts and inventory.
type Demo struct {
	cfg       Config
	fleet     *testhosts.Fleet
	inventory string
	// Stateless and Datastores are the hosts of the two groups.
	Stateless, Datastores testhosts.Host
}

// StandinRepo is where the stateless host finds the stand-in (the
// overrides' edx_platform_repo) and standinBranch the branch it checks out.
const (
	StandinRepo   = "/srv/git/edx-platform.git"
	standinBranch = "main"
)

// Start brings up the two chroot hosts, writes the demo inventory and
// publishes the stand-in on the stateless host. Call Stop when done.
func Start(ctx context.Context, cfg Config) (*Demo, error) {
	if err := testhosts.EnsureBaseRootfs(ctx); err != nil {
		return nil, fmt.Errorf("edxdemo: %w", err)
	}
	fleet, err := testhosts.Start(ctx, testhosts.Options{N: 2, Mode: testhosts.Chroot, Prefix: "edxdemo", Dir: cfg.Dir})
	if err != nil {
		return nil, fmt.Errorf("edxdemo: %w", err)
	}
	d := &Demo{cfg: cfg, fleet: fleet, Stateless: fleet.Hosts[0], Datastores: fleet.Hosts[1]}
	if err := d.writeInventory(); err != nil {
		_ = d.Stop()
		return nil, err
	}
	if err := d.publishStandin(ctx); err != nil {
		_ = d.Stop()
		return nil, err
	}
	return d, nil
}

// Stop tears the hosts down (processes, mounts, overlays).
func (d *Demo) Stop() error { return d.fleet.Stop() }

// writeInventory writes the two groups with the fleet's SSH settings. The
// hosts have no sudo: root becomes root with su.
func (d *Demo) writeInventory() error {
	f := d.fleet
	text := fmt.Sprintf(`[stateless]
edx-app ansible_host=%s ansible_port=%d

[datastores]
edx-data ansible_host=%s ansible_port=%d

[all:vars]
ansible_user=root
ansible_become_method=su
ansible_ssh_private_key_file=%s
ansible_ssh_common_args='-F %s'
`, d.Stateless.Addr, d.Stateless.Port, d.Datastores.Addr, d.Datastores.Port, f.ClientKeyFile, f.SSHConfigFile)
	d.inventory = filepath.Join(f.Dir, "edx-inventory.ini")
	if err := os.WriteFile(d.inventory, []byte(text), 0o644); err != nil {
		return fmt.Errorf("edxdemo: write inventory: %w", err)
	}
	return nil
}

// Inventory is the path of the demo's inventory file.
func (d *Demo) Inventory() string { return d.inventory }

// publishStandin commits the stand-in's sources to a fresh git repository
// and copies its bare clone onto the stateless host, where the edxapp
// role clones it from.
func (d *Demo) publishStandin(ctx context.Context) error {
	return PublishStandin(ctx, d.fleet, d.cfg.RepoRoot, d.Stateless)
}

// PublishStandin commits the edx-platform stand-in's sources (under
// repoRoot) to a fresh git repository and copies its bare clone to
// StandinRepo on each host, where the edxapp role clones it from (the
// overrides' edx_platform_repo).
func PublishStandin(ctx context.Context, fleet *testhosts.Fleet, repoRoot string, hosts ...testhosts.Host) error {
	work := filepath.Join(fleet.Dir, "standin")
	src := filepath.Join(work, "src")
	if err := os.RemoveAll(work); err != nil {
		return fmt.Errorf("edxdemo: %w", err)
	}
	script := fmt.Sprintf(`set -e
mkdir -p %[1]s && cp -R %[2]s/. %[1]s/ && cd %[1]s
git init -q -b %[3]s && git add -A
git -c user.name=edxplay -c user.email=demo@edxplay.invalid commit -q -m "edx-platform stand-in"
git clone -q --bare %[1]s %[4]s/edx-platform.git`,
		src, filepath.Join(repoRoot, "test", "edxdemo", "edx-platform-standin"), standinBranch, work)
	for _, h := range hosts {
		script += fmt.Sprintf("\ntar -C %[1]s -cf - edx-platform.git | ssh -F %[2]s %[3]s 'mkdir -p %[4]s && rm -rf %[5]s && tar -C %[4]s -xf -'",
			work, fleet.SSHConfigFile, h.Addr, filepath.Dir(StandinRepo), StandinRepo)
	}
	if out, err := exec.CommandContext(ctx, "sh", "-c", script).CombinedOutput(); err != nil {
		return fmt.Errorf("edxdemo: publish the stand-in: %w: %s", err, bytes.TrimSpace(out))
	}
	return nil
}

// Result is one edxplay run: its exit code, output and recap counters.
type Result struct {
	ExitCode int
	Output   string
	// Recap maps a host to its PLAY RECAP counters (ok, changed, ...).
	Recap map[string]map[string]int
	// Duration is the run's wall time.
	Duration time.Duration
}

// Run runs edx-site.yml on the hosts with the demo's overrides and the
// extra arguments (e.g. --check --diff -e ...).
func (d *Demo) Run(ctx context.Context, extra ...string) (*Result, error) {
	args := append([]string{"run", "edx-site.yml", "-i", d.inventory,
		"-e", "@" + filepath.Join(d.cfg.RepoRoot, "test", "edxdemo", "overrides.yml")}, extra...)
	cmd := exec.CommandContext(ctx, d.cfg.Edxplay, args...)
	cmd.Env = append(os.Environ(), "ANSIBLE_NOCOLOR=1", "NO_COLOR=1")
	start := time.Now()
	out, err := cmd.CombinedOutput()
	res := &Result{Output: string(out), Recap: parseRecap(string(out)), Duration: time.Since(start)}
	if exit, ok := err.(*exec.ExitError); ok {
		res.ExitCode = exit.ExitCode()
	} else if err != nil {
		return nil, fmt.Errorf("edxdemo: run edxplay: %w", err)
	}
	return res, nil
}

var recapLine = regexp.MustCompile(`^(\S+)\s+:\s+(.*)$`)

// parseRecap reads the PLAY RECAP lines of a run's output.
func parseRecap(out string) map[string]map[string]int {
	recap := map[string]map[string]int{}
	_, after, ok := strings.Cut(out, "PLAY RECAP")
	if !ok {
		return recap
	}
	for _, line := range strings.Split(after, "\n") {
		m := recapLine.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		counters := map[string]int{}
		for _, field := range strings.Fields(m[2]) {
			k, v, _ := strings.Cut(field, "=")
			n, err := strconv.Atoi(v)
			if err == nil {
				counters[k] = n
			}
		}
		recap[m[1]] = counters
	}
	return recap
}

// RecapText is the PLAY RECAP section of the output.
func (r *Result) RecapText() string {
	i := strings.LastIndex(r.Output, "PLAY RECAP")
	if i < 0 {
		return ""
	}
	return strings.TrimRight(r.Output[i:], "\n") + "\n"
}
