package edxgolden

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRenderMatchesUpstream checks `edxplay render` (no connection, the
// built-in edx-site.yml) against the files ansible-playbook rendered from
// the upstream edxapp role, for every layout; the command's output must
// not contain any secret of the override file.
func TestRenderMatchesUpstream(t *testing.T) {
	layouts, err := filepath.Glob(filepath.Join("testdata", "layouts", "*"))
	if err != nil || len(layouts) == 0 {
		t.Fatalf("no layouts under testdata/layouts: %v", err)
	}
	bin := buildEdxplay(t)
	for _, layout := range layouts {
		t.Run(filepath.Base(layout), func(t *testing.T) {
			out := t.TempDir()
			log := renderCommand(t, bin, layout, "--out", out)
			for golden, rendered := range renderedFiles {
				compareFile(t, filepath.Join(layout, "expected", golden), filepath.Join(out, rendered))
			}
			one := renderCommand(t, bin, layout, "--file", "/edx/app/edxapp/lms.env.json")
			want, err := os.ReadFile(filepath.Join(layout, "expected", "lms.env.json"))
			if err != nil || one != string(want) {
				t.Errorf("render --file lms.env.json differs from the golden file (%v)", err)
			}
			for _, secret := range layoutSecrets(t, layout) {
				if strings.Contains(log, secret) {
					t.Errorf("secret %q appears in render's output", secret)
				}
			}
		})
	}
}

// renderCommand runs `edxplay render` for the layout's host and returns stdout+stderr.
func renderCommand(t *testing.T, bin, layout string, args ...string) string {
	t.Helper()
	abs, err := filepath.Abs(layout)
	if err != nil {
		t.Fatal(err)
	}
	host, err := os.ReadFile(filepath.Join(abs, "host"))
	if err != nil {
		t.Fatalf("layout host: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	argv := append([]string{"render", "-i", filepath.Join(abs, "inventory.ini"), "--host", strings.TrimSpace(string(host)),
		"-e", "@" + filepath.Join(abs, "overrides.yml")}, args...)
	cmd := exec.CommandContext(ctx, bin, argv...)
	cmd.Dir = t.TempDir()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("edxplay %s: %v\n%s%s", strings.Join(argv, " "), err, stdout.String(), stderr.String())
	}
	if len(args) > 0 && args[0] == "--file" {
		return stdout.String()
	}
	return stdout.String() + stderr.String()
}
