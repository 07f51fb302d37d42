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

	"gopkg.in/yaml.v3"
)

// renderedFiles maps each golden file to where the edxapp role writes it,
// relative to edxapp_config_root.
var renderedFiles = map[string]string{
	"lms.env.json":  "edx/app/edxapp/lms.env.json",
	"lms.auth.json": "edx/app/edxapp/lms.auth.json",
	"cms.env.json":  "edx/app/edxapp/cms.env.json",
	"cms.auth.json": "edx/app/edxapp/cms.auth.json",
	"lms.yml":       "edx/etc/lms.yml",
	"studio.yml":    "edx/etc/studio.yml",
}

// renderPlaybook applies only the edxapp role's config-rendering tasks
// (include_role loads edxapp's meta dependency common_vars and its defaults).
const renderPlaybook = `- hosts: stateless
  gather_facts: false
  tasks:
    - include_role:
        name: edxapp
        tasks_from: config.yml
`

func TestEdxappConfigMatchesUpstream(t *testing.T) {
	layouts, err := filepath.Glob(filepath.Join("testdata", "layouts", "*"))
	if err != nil || len(layouts) == 0 {
		t.Fatalf("no layouts under testdata/layouts: %v", err)
	}
	bin := buildEdxplay(t)
	for _, layout := range layouts {
		layout := layout
		t.Run(filepath.Base(layout), func(t *testing.T) {
			out := t.TempDir()
			log := renderLayout(t, bin, layout, out)
			for golden, rendered := range renderedFiles {
				compareFile(t, filepath.Join(layout, "expected", golden), filepath.Join(out, rendered))
			}
			for _, secret := range layoutSecrets(t, layout) {
				if strings.Contains(log, secret) {
					t.Errorf("secret %q appears in the run's output", secret)
				}
			}
		})
	}
}

// buildEdxplay compiles the edxplay command into a temp dir.
func buildEdxplay(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "edxplay")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/edxplay")
	cmd.Dir = moduleRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/edxplay: %v\n%s", err, out)
	}
	return bin
}

// renderLayout runs the render playbook for the layout's host with the
// layout's inventory (and its group_vars/host_vars) and override file,
// writing under out. It returns the run's combined output.
func renderLayout(t *testing.T, bin, layout, out string) string {
	t.Helper()
	abs, err := filepath.Abs(layout)
	if err != nil {
		t.Fatal(err)
	}
	host, err := os.ReadFile(filepath.Join(abs, "host"))
	if err != nil {
		t.Fatalf("layout host: %v", err)
	}
	pb := filepath.Join(t.TempDir(), "render.yml")
	if err := os.WriteFile(pb, []byte(renderPlaybook), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "run", "-c", "local", "--diff",
		"-i", filepath.Join(abs, "inventory.ini"), "--limit", strings.TrimSpace(string(host)),
		"-e", "@"+filepath.Join(abs, "overrides.yml"), "-e", "edxapp_config_root="+out, "-e", "ansible_become=false", pb)
	cmd.Env = append(os.Environ(), "ANSIBLE_ROLES_PATH="+filepath.Join(moduleRoot(t), "roles"))
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	if err := cmd.Run(); err != nil {
		t.Fatalf("edxplay run: %v\n%s", err, buf.String())
	}
	return buf.String()
}

// compareFile reports the first differing line between golden and got.
func compareFile(t *testing.T, golden, got string) {
	t.Helper()
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("golden: %v", err)
	}
	have, err := os.ReadFile(got)
	if err != nil {
		t.Errorf("rendered file: %v", err)
		return
	}
	if bytes.Equal(want, have) {
		checkMode(t, got)
		return
	}
	wl, hl := strings.Split(string(want), "\n"), strings.Split(string(have), "\n")
	for i := 0; i < len(wl) || i < len(hl); i++ {
		var w, h string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(hl) {
			h = hl[i]
		}
		if w != h {
			t.Errorf("%s differs from %s at line %d:\n want %q\n  got %q", got, golden, i+1, w, h)
			return
		}
	}
	t.Errorf("%s differs from %s (line endings)", got, golden)
}

// checkMode asserts the config files are not world-readable (0640).
func checkMode(t *testing.T, path string) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o640 {
		t.Errorf("%s has mode %o, want 640", path, st.Mode().Perm())
	}
}

// layoutSecrets returns the string values of the override file's
// top-level password/secret/key variables.
func layoutSecrets(t *testing.T, layout string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(layout, "overrides.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var vars map[string]any
	if err := yaml.Unmarshal(data, &vars); err != nil {
		t.Fatalf("overrides.yml: %v", err)
	}
	var out []string
	for name, v := range vars {
		s, ok := v.(string)
		upper := strings.ToUpper(name)
		if ok && len(s) >= 6 && (strings.Contains(upper, "PASS") || strings.Contains(upper, "SECRET") || strings.HasSuffix(upper, "_KEY")) {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s/overrides.yml sets no secret to look for", layout)
	}
	return out
}

// moduleRoot is the repository root (the directory holding go.mod).
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		t.Fatalf("module root: %v", err)
	}
	return dir
}
