package jinja

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/odict"
	"gopkg.in/yaml.v3"

	"github.com/edxplay/edxplay/internal/yaml11"
)

// hostvars is a Lazy mapping of host name to that host's scope.
type hostvars map[string]*Scope

func (h hostvars) Get(key string) (any, bool, error) {
	s, ok := h[key]
	return s, ok, nil
}

func (h hostvars) Keys() []string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// loadVars reads a YAML variables file.
func loadVars(t *testing.T, path string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		t.Fatal(err)
	}
	v, err := (&yaml11.Decoder{Key: func(k any) (string, error) { return keyString(k), nil }}).Value(&n)
	if err != nil {
		t.Fatal(err)
	}
	return v.(*odict.Map).Plain()
}

// testEngine builds an engine resolving files like the golden playbook.
func testEngine(t *testing.T) (*Engine, *Scope) {
	t.Helper()
	find := func(kind, name string) (string, error) {
		dir := map[string]string{"file": "testdata/files", "template": "testdata/templates"}[kind]
		p, err := filepath.Abs(filepath.Join(dir, name))
		if err != nil {
			return "", err
		}
		if _, err := os.Stat(p); err != nil {
			return "", err
		}
		return p, nil
	}
	env := func(k string) (string, bool) {
		if k == "JINJA_GOLDEN_ENV" {
			return "golden-env", true
		}
		return "", false
	}
	base, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	e := New(Options{Find: find, LookupEnv: env, BaseDir: base})
	vars := loadVars(t, "testdata/vars.yml")
	hv := hostvars{}
	vars["hostvars"] = hv
	scope := e.NewScope(vars)
	// the golden playbook passes vars.yml with -e @vars.yml: its values are
	// YAML text (AnsibleUnicode strings), all but hostvars
	scope.SetLoaded(func(name string) bool { return name != "hostvars" })
	hv["localhost"] = scope
	return e, scope
}

func TestGoldenTemplates(t *testing.T) {
	e, scope := testEngine(t)
	paths, err := filepath.Glob("testdata/templates/*.j2")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 30 {
		t.Fatalf("expected at least 30 golden templates, found %d", len(paths))
	}
	for _, path := range paths {
		name := strings.TrimSuffix(filepath.Base(path), ".j2")
		t.Run(name, func(t *testing.T) {
			golden := filepath.Join("testdata/golden", name+".out")
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			dest, _ := filepath.Abs(golden)
			got, err := e.RenderFile(path, scope, map[string]any{"template_destpath": dest})
			if err != nil {
				t.Fatalf("render: %v", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s\n--- got ---\n%s\n--- want ---\n%s", golden, got, want)
			}
		})
	}
}
