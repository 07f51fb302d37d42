package edxdemo

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestDemo is the README's demo as an integration test: two chroot hosts,
// edx-site.yml with the stand-in, the page through nginx, an unchanged
// second run, a --check --diff run changing only PLATFORM_NAME, and then
// the change applied for real (the restart handlers make the page show it).
func TestDemo(t *testing.T) {
	if os.Geteuid() != 0 {
		if os.Getenv("CI") == "true" {
			t.Fatal("the demo needs root (chroot hosts); CI=true: not skipping")
		}
		t.Skip("the demo needs root (chroot hosts)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Start(ctx, Config{Edxplay: buildEdxplay(t, root), RepoRoot: root})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := d.Stop(); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	steps := []struct {
		name  string
		extra []string
		check func(*Result) error
		page  string
	}{
		{"first run", nil, CheckSucceeded, PlatformName},
		{"second run", nil, CheckUnchanged, PlatformName},
		{"check diff", CheckArgs(), CheckOnlyPlatformNameChanges, PlatformName},
		{"apply the change", []string{"-e", fmt.Sprintf(`{"EDXAPP_PLATFORM_NAME": %q}`, NewPlatformName)}, CheckSucceeded, NewPlatformName},
	}
	for _, s := range steps {
		res, err := d.Run(ctx, s.extra...)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if err := s.check(res); err != nil {
			t.Fatalf("%s: %v\n%s", s.name, err, res.Output)
		}
		page, err := d.Page(ctx)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if err := CheckPage(page, s.page); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
	}
}

// buildEdxplay compiles cmd/edxplay into a temporary directory.
func buildEdxplay(t *testing.T, root string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "edxplay")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/edxplay")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/edxplay: %v\n%s", err, out)
	}
	return bin
}
