// Package ansibletargets runs ansible-core 2.14's own integration targets
// (test/integration/targets of the stable-2.14 branch) the way ansible-test
// runs them, once with ansible-playbook (to record which targets pass on
// this machine) and once with edxplay standing in for ansible-playbook.
//
// The targets are not part of this repository: they are extracted at test
// time from a checkout named by EDXPLAY_ANSIBLE_SRC (a bare git directory,
// from which the stable-2.14 branch is archived, or a directory holding
// test/integration/targets). Without it the tests skip.
package ansibletargets

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// SourceEnv names the environment variable that points at the ansible-core
// checkout.
const SourceEnv = "EDXPLAY_ANSIBLE_SRC"

// Ref is the branch archived from a bare git checkout.
const Ref = "stable-2.14"

// injectorDir holds ansible-test's virtualenv.sh, which runme.sh targets
// source from PATH.
const injectorDir = "test/lib/ansible_test/_util/target/injector"

// Extract lays the checkout's test/ tree (integration targets and the
// support plugins ansible-test puts on the plugin paths) into dir and
// returns the path of test/integration/targets inside it.
func Extract(src, dir string) (string, error) {
	if st, err := os.Stat(filepath.Join(src, "test", "integration", "targets")); err == nil && st.IsDir() {
		if err := copyTree(filepath.Join(src, "test"), filepath.Join(dir, "test")); err != nil {
			return "", fmt.Errorf("copy targets: %w", err)
		}
		return filepath.Join(dir, "test", "integration", "targets"), nil
	}
	gitDir := src
	if st, err := os.Stat(filepath.Join(src, ".git")); err == nil && st.IsDir() {
		gitDir = filepath.Join(src, ".git")
	}
	var stderr bytes.Buffer
	archive := exec.Command("git", "--git-dir="+gitDir, "archive", Ref, "test/integration", "test/support/integration", injectorDir)
	archive.Stderr = &stderr
	untar := exec.Command("tar", "-x", "-C", dir)
	pipe, err := archive.StdoutPipe()
	if err != nil {
		return "", fmt.Errorf("git archive: %w", err)
	}
	untar.Stdin = pipe
	if err := archive.Start(); err != nil {
		return "", fmt.Errorf("git archive: %w", err)
	}
	untarErr := untar.Run()
	if err := archive.Wait(); err != nil {
		return "", fmt.Errorf("git archive %s in %s: %w: %s", Ref, gitDir, err, stderr.Bytes())
	}
	if untarErr != nil {
		return "", fmt.Errorf("tar: %w", untarErr)
	}
	return filepath.Join(dir, "test", "integration", "targets"), nil
}

// copyTree copies a directory tree with cp -a (symlinks kept, as
// ansible-test's copy of the content root).
func copyTree(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	if out, err := exec.Command("cp", "-a", src, dst).CombinedOutput(); err != nil {
		return fmt.Errorf("cp -a %s: %w: %s", src, err, out)
	}
	return nil
}
