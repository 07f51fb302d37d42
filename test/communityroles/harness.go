package communityroles

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/edxplay/edxplay/test/testhosts"
)

// SourcesEnv names the directory holding the roles' bare git mirrors,
// geerlingguy+ansible-role-NAME/repo.
const SourcesEnv = "EDXPLAY_COMMUNITY_ROLES_SRC"

// HeadCommit is the commit the default branch of a role's mirror points at.
func HeadCommit(ctx context.Context, src string, r Role) (string, error) {
	out, err := exec.CommandContext(ctx, "git", "--git-dir="+filepath.Join(src, r.repoDir()), "rev-parse", "HEAD").Output()
	if err != nil {
		return "", fmt.Errorf("communityroles: %s: rev-parse HEAD: %w", r.Name, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// Extract writes the role at commit to dir/roles/geerlingguy.NAME and its
// molecule converge playbook to dir/converge.yml (git archive | tar -x).
func Extract(ctx context.Context, src string, r Role, commit, dir string) error {
	roleDir := filepath.Join(dir, "roles", r.roleName())
	if err := os.MkdirAll(roleDir, 0o755); err != nil {
		return fmt.Errorf("communityroles: %w", err)
	}
	script := fmt.Sprintf("git --git-dir=%s archive %s | tar -x -C %s",
		shellQuote(filepath.Join(src, r.repoDir())), shellQuote(commit), shellQuote(roleDir))
	cmd := exec.CommandContext(ctx, "bash", "-c", "set -o pipefail; "+script)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("communityroles: extract %s at %s: %w: %s", r.Name, commit, err, out)
	}
	converge, err := os.ReadFile(filepath.Join(roleDir, "molecule", "default", "converge.yml"))
	if err != nil {
		return fmt.Errorf("communityroles: %s: %w", r.Name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "converge.yml"), converge, 0o644); err != nil {
		return fmt.Errorf("communityroles: %w", err)
	}
	return nil
}

// Host is one chroot test host of a fleet and the fleet's ssh files.
type Host struct {
	testhosts.Host
	fleet *testhosts.Fleet
}

// NewHost wraps the fleet's i-th host.
func NewHost(f *testhosts.Fleet, i int) Host { return Host{Host: f.Hosts[i], fleet: f} }

// WriteInventory writes dir/inventory.ini naming the host as the role's
// only host (as root over the fleet's ssh_config).
func (h Host) WriteInventory(dir string, r Role) (string, error) {
	inv := fmt.Sprintf(`[%[1]s]
%[1]s ansible_host=%[2]s ansible_port=%[3]d

[all:vars]
ansible_user=root
ansible_ssh_private_key_file=%[4]s
ansible_ssh_common_args='-F %[5]s'
ansible_python_interpreter=/usr/bin/python3
`, r.Name, h.Addr, h.Port, h.fleet.ClientKeyFile, h.fleet.SSHConfigFile)
	path := filepath.Join(dir, "inventory.ini")
	if err := os.WriteFile(path, []byte(inv), 0o644); err != nil {
		return "", fmt.Errorf("communityroles: %w", err)
	}
	return path, nil
}

// Shell runs a command on the host over ssh (EDX_ADDR set to its address).
func (h Host) Shell(ctx context.Context, command string) (string, error) {
	cmd := exec.CommandContext(ctx, "ssh", "-F", h.fleet.SSHConfigFile, h.Addr, "EDX_ADDR="+h.Addr+"; "+command)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), fmt.Errorf("communityroles: ssh %s %q: %w: %s", h.Addr, command, err, stderr.String())
	}
	return stdout.String(), nil
}

// RunPlaybook runs tool (the edxplay binary, with "run", or
// ansible-playbook) on dir/converge.yml with the host's extra vars; it
// returns the exit code and the combined output.
func RunPlaybook(ctx context.Context, tool []string, dir, inventory string, r Role, addr string) (int, string, error) {
	args := append(append([]string{}, tool[1:]...), "converge.yml", "-i", inventory, "-e", r.HostVars(addr))
	cmd := exec.CommandContext(ctx, tool[0], args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "ANSIBLE_NOCOLOR=1", "NO_COLOR=1", "ANSIBLE_ROLES_PATH="+filepath.Join(dir, "roles"),
		"ANSIBLE_RETRY_FILES_ENABLED=0")
	out, err := cmd.CombinedOutput()
	if exit, ok := err.(*exec.ExitError); ok {
		return exit.ExitCode(), string(out), nil
	}
	if err != nil {
		return -1, string(out), fmt.Errorf("communityroles: run %s: %w", tool[0], err)
	}
	return 0, string(out), nil
}

// shellQuote quotes a word for sh.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
