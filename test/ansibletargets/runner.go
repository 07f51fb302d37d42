package ansibletargets

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Runner runs targets as ansible-test does: a fresh copy of the targets in a
// work directory, an inventory with one local testhost, an empty
// ansible.cfg, ansible-test's environment, setup targets first.
type Runner struct {
	// Targets is the extracted test/integration/targets directory.
	Targets string
	// Support is the extracted test/support/integration directory (its
	// plugins go on the plugin paths, as ansible-test does); may be absent.
	Support string
	// Injector is the extracted directory of ansible-test's injector
	// scripts (virtualenv.sh), put on PATH.
	Injector string
	// Shims, when set, is put first on PATH: it holds the ansible-playbook
	// that stands for the tool under test.
	Shims string
	// Timeout bounds one target run (setup targets included).
	Timeout time.Duration
	// All maps every target's name to it, for setup targets.
	All map[string]Target
}

// Outcome is the result of one target run.
type Outcome struct {
	// Passed is true when every step exited 0.
	Passed bool
	// Log is the combined output of the run.
	Log []byte
	// TimedOut is true when the run was killed at the timeout.
	TimedOut bool
}

// Run runs target t (and its setup targets) in a fresh work directory.
func (r Runner) Run(ctx context.Context, t Target) (Outcome, error) {
	work, err := os.MkdirTemp("", "edxplay-target-"+t.Name+"-")
	if err != nil {
		return Outcome{}, err
	}
	defer os.RemoveAll(work)
	integ := filepath.Join(work, "test", "integration")
	if err := copyTree(r.Targets, filepath.Join(integ, "targets")); err != nil {
		return Outcome{}, err
	}
	if err := r.writeScaffold(work, integ); err != nil {
		return Outcome{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, r.Timeout)
	defer cancel()
	var log bytes.Buffer
	steps := append(t.Setup(), t.Name)
	for i, name := range steps {
		step, ok := r.All[name]
		if !ok {
			return Outcome{Log: log.Bytes()}, fmt.Errorf("target %s: unknown setup target %s", t.Name, name)
		}
		fmt.Fprintf(&log, "=== %s\n", name)
		if err := r.runStep(ctx, step, work, integ, &log, i < len(steps)-1); err != nil {
			fmt.Fprintf(&log, "=== %s: %v\n", name, err)
			return Outcome{Log: log.Bytes(), TimedOut: ctx.Err() != nil}, nil
		}
	}
	return Outcome{Passed: true, Log: log.Bytes()}, nil
}

// writeScaffold writes the inventory, the empty ansible.cfg and the output
// directory ansible-test provides.
func (r Runner) writeScaffold(work, integ string) error {
	inv := "[testgroup]\ntesthost ansible_connection=local ansible_pipelining=yes ansible_python_interpreter=/usr/bin/python3\n"
	if err := os.WriteFile(filepath.Join(integ, "inventory"), []byte(inv), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(work, "ansible.cfg"), nil, 0o644); err != nil {
		return err
	}
	return os.MkdirAll(filepath.Join(work, "output"), 0o755)
}

// runStep runs one target: runme.sh in its directory, or a role through a
// generated playbook in the integration directory. A setup step starts
// with a fresh output directory, as ansible-test's run_setup_targets.
func (r Runner) runStep(ctx context.Context, t Target, work, integ string, log *bytes.Buffer, setup bool) error {
	out := filepath.Join(work, "output")
	if setup {
		if err := os.RemoveAll(out); err != nil {
			return err
		}
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err
		}
	}
	var cmd *exec.Cmd
	if t.Script {
		dir := filepath.Join(integ, "targets", t.Name)
		cmd = exec.CommandContext(ctx, "./runme.sh")
		cmd.Dir = dir
		cmd.Env = r.environ(work, integ, dir)
	} else {
		pb, err := writeRolePlaybook(integ, t, out)
		if err != nil {
			return err
		}
		env := append(r.environ(work, integ, integ), "ANSIBLE_ROLES_PATH="+filepath.Join(integ, "targets"))
		cmd = exec.CommandContext(ctx, lookPath("ansible-playbook", env), pb, "-i", "inventory")
		cmd.Dir = integ
		cmd.Env = env
	}
	cmd.Stdout, cmd.Stderr = log, log
	cmd.Stdin = nil
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	return cmd.Run()
}

// writeRolePlaybook writes the one-play playbook ansible-test generates for
// a role target and returns its file name (relative to integ).
func writeRolePlaybook(integ string, t Target, out string) (string, error) {
	play := map[string]any{
		"hosts":        "testhost",
		"gather_facts": t.GatherFacts(),
		"vars_files":   []string{},
		"vars":         map[string]any{"output_dir": out},
		"roles":        []string{t.Name},
	}
	data, err := json.MarshalIndent([]any{play}, "", "    ")
	if err != nil {
		return "", err
	}
	name := t.Name + "-edxplay-harness.yml"
	return name, os.WriteFile(filepath.Join(integ, name), data, 0o644)
}

// environ is ansible-test's environment for integration targets
// (ansible_environment and integration_environment).
func (r Runner) environ(work, integ, cwd string) []string {
	path := r.Injector + string(os.PathListSeparator) + os.Getenv("PATH")
	if r.Shims != "" {
		path = r.Shims + string(os.PathListSeparator) + path
	}
	env := []string{
		"PATH=" + path, "HOME=" + os.Getenv("HOME"), "LC_ALL=C.UTF-8", "SHELL=/bin/sh",
		"USER=" + os.Getenv("USER"), "TMPDIR=" + os.TempDir(),
		"ANSIBLE_FORCE_COLOR=false", "ANSIBLE_FORCE_HANDLERS=true", "ANSIBLE_HOST_PATTERN_MISMATCH=error",
		"ANSIBLE_INVENTORY=/dev/null", "ANSIBLE_DEPRECATION_WARNINGS=false", "ANSIBLE_HOST_KEY_CHECKING=false",
		"ANSIBLE_RETRY_FILES_ENABLED=false", "ANSIBLE_CONFIG=" + filepath.Join(work, "ansible.cfg"),
		"ANSIBLE_LIBRARY=/dev/null", "ANSIBLE_DEVEL_WARNING=false", "PAGER=/bin/cat",
		"ANSIBLE_PYTHON_INTERPRETER=/set/ansible_python_interpreter/in/inventory",
		"ANSIBLE_TEST_CI=", "ANSIBLE_TEST_COVERAGE=", "ANSIBLE_PYTHON_MODULE_RLIMIT_NOFILE=1024",
		"ANSIBLE_TEST_PYTHON_INTERPRETER=/usr/bin/python3", "ANSIBLE_TEST_PYTHON_VERSION=" + pythonVersion(),
		"OUTPUT_DIR=" + filepath.Join(work, "output"),
		"INVENTORY_PATH=" + filepath.Join(integ, "inventory"),
		"ANSIBLE_PLAYBOOK_DIR=" + cwd,
	}
	for key, sub := range map[string]string{"ANSIBLE_FILTER_PLUGINS": "filter", "ANSIBLE_LIBRARY": "modules", "ANSIBLE_MODULE_UTILS": "module_utils"} {
		dir := filepath.Join(r.Support, "plugins", sub)
		if st, err := os.Stat(dir); err == nil && st.IsDir() && r.Support != "" {
			env = append(env, key+"="+dir)
		}
	}
	return env
}

// lookPath finds name on the PATH of env (the shims first).
func lookPath(name string, env []string) string {
	for _, kv := range env {
		if !strings.HasPrefix(kv, "PATH=") {
			continue
		}
		for _, dir := range filepath.SplitList(strings.TrimPrefix(kv, "PATH=")) {
			p := filepath.Join(dir, name)
			if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
				return p
			}
		}
	}
	return name
}

// pythonVersion is the controller's python3 version (major.minor), as
// ansible-test passes it to the targets.
func pythonVersion() string {
	out, err := exec.Command("python3", "-c", "import sys; print('%d.%d' % sys.version_info[:2])").Output()
	if err != nil {
		return "3"
	}
	return strings.TrimSpace(string(out))
}
