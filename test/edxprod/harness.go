// Package edxprod is the production harness of the Open edX playbooks:
// chroot test hosts (each its own Debian root, its own sshd on a loopback
// address) laid out as the Basic and Enterprise inventories, the built-in
// playbooks run on them with edxplay, and the site checked through its
// load balancer while it changes.
package edxprod

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/edxplay/edxplay/test/edxdemo"
	"github.com/edxplay/edxplay/test/testhosts"
)

// Site is a fleet of chroot hosts with an inventory naming their roles.
type Site struct {
	fleet     *testhosts.Fleet
	edxplay   string
	repoRoot  string
	inventory string
	// Hosts maps an inventory name to its test host.
	Hosts map[string]testhosts.Host
}

// Layout names the hosts of each inventory group, in fleet order.
type Layout struct {
	Prefix string
	// Groups lists each group's hosts; Order is every host once.
	Groups map[string][]string
	Order  []string
}

// StartSite brings up one chroot host per name of the layout, writes its
// inventory and publishes the edx-platform stand-in on the stateless hosts.
func StartSite(ctx context.Context, edxplay, repoRoot string, l Layout) (*Site, error) {
	if err := testhosts.EnsureBaseRootfs(ctx); err != nil {
		return nil, fmt.Errorf("edxprod: %w", err)
	}
	fleet, err := testhosts.Start(ctx, testhosts.Options{N: len(l.Order), Mode: testhosts.Chroot, Prefix: l.Prefix})
	if err != nil {
		return nil, fmt.Errorf("edxprod: %w", err)
	}
	s := &Site{fleet: fleet, edxplay: edxplay, repoRoot: repoRoot, Hosts: map[string]testhosts.Host{}}
	for i, name := range l.Order {
		s.Hosts[name] = fleet.Hosts[i]
	}
	if err := s.writeInventory(l); err != nil {
		_ = s.Stop()
		return nil, err
	}
	var apps []testhosts.Host
	for _, name := range l.Groups["stateless"] {
		apps = append(apps, s.Hosts[name])
	}
	if err := edxdemo.PublishStandin(ctx, fleet, repoRoot, apps...); err != nil {
		_ = s.Stop()
		return nil, err
	}
	return s, nil
}

// Stop tears the hosts down.
func (s *Site) Stop() error { return s.fleet.Stop() }

func (s *Site) writeInventory(l Layout) error {
	var b strings.Builder
	for _, group := range []string{"loadbalancers", "stateless", "datastores", "mysql_replicas"} {
		if len(l.Groups[group]) == 0 {
			continue
		}
		fmt.Fprintf(&b, "[%s]\n", group)
		for _, name := range l.Groups[group] {
			h := s.Hosts[name]
			fmt.Fprintf(&b, "%s ansible_host=%s ansible_port=%d\n", name, h.Addr, h.Port)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, `[all:vars]
ansible_user=root
ansible_become_method=su
ansible_ssh_private_key_file=%s
ansible_ssh_common_args='-F %s'
`, s.fleet.ClientKeyFile, s.fleet.SSHConfigFile)
	s.inventory = filepath.Join(s.fleet.Dir, "inventory.ini")
	if err := os.WriteFile(s.inventory, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("edxprod: write inventory: %w", err)
	}
	return nil
}

// Run runs a built-in playbook with the harness's overrides and extra
// arguments; it returns the exit code and the combined output.
func (s *Site) Run(ctx context.Context, playbook string, extra ...string) (int, string, error) {
	args := append([]string{"run", playbook, "-i", s.inventory,
		"-e", "@" + filepath.Join(s.repoRoot, "test", "edxprod", "overrides.yml")}, extra...)
	cmd := exec.CommandContext(ctx, s.edxplay, args...)
	cmd.Env = append(os.Environ(), "ANSIBLE_NOCOLOR=1", "NO_COLOR=1")
	out, err := cmd.CombinedOutput()
	if exit, ok := err.(*exec.ExitError); ok {
		return exit.ExitCode(), string(out), nil
	}
	if err != nil {
		return -1, string(out), fmt.Errorf("edxprod: run edxplay: %w", err)
	}
	return 0, string(out), nil
}

// Shell runs a command on a host over SSH and returns its output.
func (s *Site) Shell(ctx context.Context, host, command string) (string, error) {
	h := s.Hosts[host]
	out, err := exec.CommandContext(ctx, "ssh", "-F", s.fleet.SSHConfigFile, h.Addr, command).CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("edxprod: ssh %s %q: %w: %s", host, command, err, out)
	}
	return string(out), nil
}

// URL is http://HOST/ on the host's own address.
func (s *Site) URL(host string) string { return "http://" + s.Hosts[host].Addr + "/" }

// Get fetches a URL and returns its body; a status other than 200 is an error.
func Get(ctx context.Context, client *http.Client, url string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", err
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return string(body), fmt.Errorf("get %s: status %s", url, resp.Status)
	}
	return string(body), nil
}
