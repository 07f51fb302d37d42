package modules_test

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitRepo makes a repository with two commits on main, a tag v1 on the
// first and a branch "next" with a third commit.
func gitRepo(t *testing.T) (dir string, shas map[string]string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "src")
	run := func(args ...string) string {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(cmd.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@e", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@e")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	if out, err := exec.Command("git", "init", "-q", "-b", "main", dir).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v %s", err, out)
	}
	shas = map[string]string{}
	for i, name := range []string{"one", "two"} {
		run("commit", "-q", "--allow-empty", "-m", name)
		shas[name] = run("rev-parse", "HEAD")
		if i == 0 {
			run("tag", "-a", "v1", "-m", "v1")
		}
	}
	run("checkout", "-q", "-b", "next")
	run("commit", "-q", "--allow-empty", "-m", "three")
	shas["three"] = run("rev-parse", "HEAD")
	run("checkout", "-q", "main")
	return dir, shas
}

func TestGitCheckout(t *testing.T) {
	conn := hostConn(t)
	repo, shas := gitRepo(t)
	dest := filepath.Join(t.TempDir(), "deep", "checkout")
	head := func() string {
		out, _ := exec.Command("git", "-C", dest, "rev-parse", "HEAD").Output()
		return strings.TrimSpace(string(out))
	}
	first := assertConverges(t, conn, "git", map[string]any{"repo": repo, "dest": dest}, head)
	if head() != shas["two"] || first.Data["after"] != shas["two"] || first.Data["before"] != nil {
		t.Fatalf("clone at %s, result %v", head(), first.Data)
	}
	tag := assertConverges(t, conn, "git", map[string]any{"repo": repo, "dest": dest, "version": "v1"}, head)
	if head() != shas["one"] || tag.Data["before"] != shas["two"] {
		t.Fatalf("tag checkout at %s, result %v", head(), tag.Data)
	}
	assertConverges(t, conn, "git", map[string]any{"repo": repo, "dest": dest, "version": "next"}, head)
	if head() != shas["three"] {
		t.Fatalf("branch checkout at %s", head())
	}
	assertConverges(t, conn, "git", map[string]any{"repo": repo, "dest": dest, "version": shas["two"][:12]}, head)
	if head() != shas["two"] {
		t.Fatalf("sha checkout at %s", head())
	}
	if err := exec.Command("sh", "-c", "cd "+dest+" && git commit -q --allow-empty -m x >/dev/null 2>&1; echo dirty > tracked && git add tracked").Run(); err != nil {
		t.Fatal(err)
	}
	dirty := applyModule(t, conn, "git", map[string]any{"repo": repo, "dest": dest, "version": "main"}, false)
	if !dirty.Failed || !strings.HasPrefix(dirty.Msg, "Local modifications exist") {
		t.Errorf("dirty checkout: %+v", dirty)
	}
	forced := applyModule(t, conn, "git", map[string]any{"repo": repo, "dest": dest, "version": "main", "force": true}, false)
	if forced.Failed || head() != shas["two"] {
		t.Errorf("forced checkout: %+v at %s", forced, head())
	}
	if res := applyModule(t, conn, "git", map[string]any{"repo": repo, "dest": dest, "version": "nope"}, true); !res.Failed {
		t.Errorf("unknown version in check mode: %+v", res)
	}
}
