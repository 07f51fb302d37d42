package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/edxplay/edxplay/test/testbin"
)

// caseTimeout bounds one edxplay run; ansible itself needs under 2 s per case.
const caseTimeout = 60 * time.Second

// edxplayBin is the binary built once by TestMain; buildErr is set when the build failed.
var (
	edxplayBin string
	buildErr   error
)

func TestMain(m *testing.M) {
	// The goldens were recorded with umask 022; default file modes depend on it.
	syscall.Umask(0o022)
	dir, err := os.MkdirTemp("", "edxplay-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: create temp dir:", err)
		os.Exit(1)
	}
	if bin := os.Getenv("EDXPLAY_E2E_BIN"); bin != "" {
		// Run the cases against another binary, e.g. testdata/ansible-shim.sh
		// to check that the goldens reproduce with real ansible.
		edxplayBin = bin
	} else {
		edxplayBin, buildErr = testbin.Build(dir)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// requireBinary fails the test when the edxplay binary could not be built.
func requireBinary(t *testing.T) string {
	t.Helper()
	if buildErr != nil {
		t.Fatalf("edxplay binary unavailable: %v", buildErr)
	}
	return edxplayBin
}

// runResult is what one edxplay invocation produced.
type runResult struct {
	rc     int
	stdout string
	stderr string
}

// runEdxplay runs `edxplay run site.yml -i inventory.ini -e out=<out> <args>` in caseDir.
func runEdxplay(ctx context.Context, t *testing.T, caseDir, out string, args []string) runResult {
	t.Helper()
	bin := requireBinary(t)
	ctx, cancel := context.WithTimeout(ctx, caseTimeout)
	defer cancel()
	argv := append([]string{"run", "site.yml", "-i", "inventory.ini", "-e", "out=" + out}, args...)
	cmd := exec.CommandContext(ctx, bin, argv...)
	cmd.Dir = caseDir
	env, err := readEnv(caseDir)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Env = append(append(os.Environ(), "NO_COLOR=1", "ANSIBLE_NOCOLOR=1"), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	res := runResult{stdout: stdout.String(), stderr: stderr.String()}
	var exitErr *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exitErr) && exitErr.ExitCode() >= 0:
		res.rc = exitErr.ExitCode()
	default:
		t.Fatalf("run edxplay %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(argv, " "), err, res.stdout, res.stderr)
	}
	return res
}

// readArgs returns the extra command-line arguments of a case: one per
// non-blank line of its optional `args` file.
func readArgs(caseDir string) ([]string, error) { return readLines(caseDir, "args") }

// readEnv returns the extra environment of a case: one NAME=VALUE per
// non-blank line of its optional `env` file.
func readEnv(caseDir string) ([]string, error) { return readLines(caseDir, "env") }

// readLines returns the non-blank lines of a case's optional file name.
func readLines(caseDir, name string) ([]string, error) {
	data, err := os.ReadFile(filepath.Join(caseDir, name))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	var lines []string
	for _, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) != "" {
			lines = append(lines, line)
		}
	}
	return lines, nil
}

// caseDirs lists the case directories under root in name order.
func caseDirs(t *testing.T, root string) []string {
	t.Helper()
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatalf("list cases: %v", err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	if len(dirs) == 0 {
		t.Fatalf("no cases under %s", root)
	}
	return dirs
}
