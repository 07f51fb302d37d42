package ansiblecfg

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDumpMatchesAnsibleConfig compares `config dump --only-changed` with
// the output of the real `ansible-config dump --only-changed` recorded by
// testdata/regen.sh for each case under testdata/dump.
func TestDumpMatchesAnsibleConfig(t *testing.T) {
	cases, err := filepath.Glob("testdata/dump/*")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			abs, err := filepath.Abs(dir)
			if err != nil {
				t.Fatal(err)
			}
			home := t.TempDir()
			vars := caseEnv(t, abs)
			vars["HOME"] = home
			env := Env{Lookup: vars.lookup, Cwd: abs, Home: home}
			cfg, err := Load(env)
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			var b strings.Builder
			if err := cfg.Dump(&b, true); err != nil {
				t.Fatal(err)
			}
			got := strings.ReplaceAll(strings.ReplaceAll(b.String(), abs, "CASE"), home, "HOME")
			want, err := os.ReadFile(filepath.Join(dir, "expected"))
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("dump differs from ansible-config's:\n--- got\n%s--- want\n%s", got, want)
			}
		})
	}
}

// envMap is an environment for tests.
type envMap map[string]string

func (m envMap) lookup(name string) (string, bool) {
	v, ok := m[name]
	return v, ok
}

// caseEnv reads a case's optional env file (NAME=VALUE lines).
func caseEnv(t *testing.T, dir string) envMap {
	t.Helper()
	m := envMap{}
	f, err := os.Open(filepath.Join(dir, "env"))
	if os.IsNotExist(err) {
		return m
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			m[k] = v
		}
	}
	return m
}
