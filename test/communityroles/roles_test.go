package communityroles

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/edxplay/edxplay/test/testbin"
	"github.com/edxplay/edxplay/test/testhosts"
)

var (
	record = flag.String("record", "", "ansible: run ansible-playbook on each role (at its mirror's HEAD) and record testdata/ROLE.json")
	only   = flag.String("roles", "", "comma-separated roles to run (default: all)")
)

// TestCommunityRoles converges each role on its own chroot host (two at a
// time): edxplay's first run succeeds, its second reports changed=0, the
// service answers and the managed files are Ansible's.
func TestCommunityRoles(t *testing.T) {
	src := os.Getenv(SourcesEnv)
	if src == "" {
		t.Skipf("%s is not set: point it at a directory holding geerlingguy+ansible-role-{nginx,mysql,redis,memcached}/repo (bare git mirrors)", SourcesEnv)
	}
	if *record != "" && *record != "ansible" {
		t.Fatalf("-record=%s: only -record=ansible", *record)
	}
	testhosts.RequireRoot(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	tool := []string{"ansible-playbook"}
	if *record == "" {
		tool = []string{buildBinary(t), "run"}
	}
	if err := testhosts.EnsureBaseRootfs(ctx); err != nil {
		t.Fatal(err)
	}
	fleet := testhosts.StartT(t, testhosts.Options{N: len(Roles), Mode: testhosts.Chroot, Prefix: "comroles"})
	t.Run("roles", func(t *testing.T) {
		for i, r := range Roles {
			if *only != "" && !strings.Contains(","+*only+",", ","+r.Name+",") {
				continue
			}
			h := NewHost(fleet, i)
			t.Run(r.Name, func(t *testing.T) {
				t.Parallel()
				if *record != "" {
					recordRole(t, ctx, src, r, h)
					return
				}
				convergeRole(t, ctx, src, r, h, tool)
			})
		}
	})
}

// convergeRole runs edxplay twice on the role at its recorded commit and
// compares the host's files with Ansible's.
func convergeRole(t *testing.T, ctx context.Context, src string, r Role, h Host, tool []string) {
	golden, err := ReadGolden(goldenPath(r))
	if err != nil {
		t.Fatalf("%v (record with -record=ansible)", err)
	}
	dir, inv := prepare(t, ctx, src, r, golden.Commit, h)
	mustRun(t, ctx, tool, dir, inv, r, h, "first run")
	out := mustRun(t, ctx, tool, dir, inv, r, h, "second run")
	if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(r.Name) + `\s+: ok=\d+\s+changed=0 `).MatchString(out) {
		t.Errorf("the second run changed something:\n%s", out)
	}
	probe(t, ctx, r, h)
	got, err := h.Collect(ctx, r.Files, runtime.NumCPU())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range Compare(golden.Files, got) {
		t.Error(d)
	}
}

// recordRole installs python3 on the host (Ansible's modules need it),
// runs ansible-playbook on the role at its mirror's HEAD and writes the
// golden file.
func recordRole(t *testing.T, ctx context.Context, src string, r Role, h Host) {
	commit, err := HeadCommit(ctx, src, r)
	if err != nil {
		t.Fatal(err)
	}
	if out, err := h.Shell(ctx, "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 >/dev/null"); err != nil {
		t.Fatalf("install python3 for Ansible: %v\n%s", err, out)
	}
	dir, inv := prepare(t, ctx, src, r, commit, h)
	mustRun(t, ctx, []string{"ansible-playbook"}, dir, inv, r, h, "ansible-playbook")
	probe(t, ctx, r, h)
	files, err := h.Collect(ctx, r.Files, runtime.NumCPU())
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteGolden(goldenPath(r), Golden{Role: r.Name, Commit: commit, Files: files}); err != nil {
		t.Fatal(err)
	}
}

// prepare extracts the role into a temporary directory and writes the
// host's inventory there.
func prepare(t *testing.T, ctx context.Context, src string, r Role, commit string, h Host) (string, string) {
	t.Helper()
	dir := t.TempDir()
	if err := Extract(ctx, src, r, commit, dir); err != nil {
		t.Fatal(err)
	}
	inv, err := h.WriteInventory(dir, r)
	if err != nil {
		t.Fatal(err)
	}
	return dir, inv
}

func mustRun(t *testing.T, ctx context.Context, tool []string, dir, inv string, r Role, h Host, what string) string {
	t.Helper()
	code, out, err := RunPlaybook(ctx, tool, dir, inv, r, h.Addr)
	if err != nil {
		t.Fatal(err)
	}
	if code != 0 {
		t.Fatalf("%s: exit %d\n%s", what, code, out)
	}
	return out
}

// probe checks that the role's service answers.
func probe(t *testing.T, ctx context.Context, r Role, h Host) {
	t.Helper()
	out, err := h.Shell(ctx, r.Probe)
	if err != nil || !strings.Contains(out, r.Want) {
		t.Errorf("%s: %q does not show %q: %v\n%s", r.Name, r.Probe, r.Want, err, out)
	}
}

func goldenPath(r Role) string { return filepath.Join("testdata", r.Name+".json") }

// buildBinary builds cmd/edxplay into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin, err := testbin.Build(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return bin
}
