package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const listingRoot = "testdata/listing"

// TestListing runs `edxplay run site.yml --syntax-check` and `--list-tasks`
// in every case under testdata/listing and compares the exit code and
// stdout with what ansible-playbook printed (testdata/listing/regen.sh).
func TestListing(t *testing.T) {
	bin := requireBinary(t)
	for _, name := range caseDirs(t, listingRoot) {
		for _, mode := range []string{"syntax-check", "list-tasks"} {
			t.Run(name+"/"+mode, func(t *testing.T) {
				dir := filepath.Join(listingRoot, name)
				want, err := os.ReadFile(filepath.Join(dir, "expected."+mode))
				if err != nil {
					t.Fatal(err)
				}
				args, err := readArgs(dir)
				if err != nil {
					t.Fatal(err)
				}
				got := listing(t, bin, dir, append([]string{"run", "site.yml", "-i", "localhost,", "--" + mode}, args...))
				if got != string(want) {
					t.Errorf("edxplay:\n%s\nansible-playbook:\n%s", got, want)
				}
			})
		}
	}
}

// listing runs one load-only command and returns "rc=N\n" and its stdout.
func listing(t *testing.T, bin, dir string, args []string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "ANSIBLE_NOCOLOR=1", "LC_ALL=C.UTF-8")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	rc := 0
	if ee, ok := err.(*exec.ExitError); ok {
		rc = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if rc != 0 {
		t.Logf("stderr: %s", strings.TrimSpace(stderr.String()))
	}
	return fmt.Sprintf("rc=%d\n", rc) + stdout.String()
}
