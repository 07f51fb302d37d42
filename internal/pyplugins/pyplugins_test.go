package pyplugins

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/ctlpython"
	"github.com/edxplay/edxplay/internal/jinja"
)

// needPython skips the test when no controller Python has ansible-core.
func needPython(t *testing.T) {
	t.Helper()
	for _, py := range ctlpython.Candidates() {
		if exec.Command(py, "-c", "import ansible").Run() == nil {
			return
		}
	}
	t.Skipf("no controller Python with ansible-core (set %s): Python plugins cannot run", ctlpython.Env)
}

// playbookDir copies the plugins of testdata into a fresh directory, as
// a playbook's directory.
func playbookDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"filter_plugins/edx_filters.py", "test_plugins/edx_tests.py", "role/filter_plugins/role_filters.py"} {
		data, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// engine is a jinja engine whose unknown names go to a bridge over dir.
func engine(t *testing.T, dir string) (*jinja.Engine, *Bridge) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var warnings []string
	b := New(ctx, Options{BaseDir: dir, Warn: func(m string) { warnings = append(warnings, m) }})
	t.Cleanup(func() {
		_ = b.Close()
		cancel()
		if len(warnings) > 0 {
			t.Errorf("warnings: %q", warnings)
		}
	})
	return jinja.New(jinja.Options{BaseDir: dir, Plugins: b}), b
}

type goldenCase struct {
	Out json.RawMessage `json:"out"`
	Msg *string         `json:"msg"`
}

// TestAgainstAnsible renders each expression of testdata/cases.txt as
// ansible-playbook did (testdata/regen.sh recorded its results).
func TestAgainstAnsible(t *testing.T) {
	needPython(t)
	exprs := readLines(t, "testdata/cases.txt")
	var golden []goldenCase
	data, err := os.ReadFile("testdata/ansible.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &golden); err != nil {
		t.Fatal(err)
	}
	if len(golden) != len(exprs) {
		t.Fatalf("golden has %d results for %d cases: run testdata/regen.sh", len(golden), len(exprs))
	}
	e, _ := engine(t, playbookDir(t))
	for i, expr := range exprs {
		t.Run(expr, func(t *testing.T) {
			got, err := e.Template("{{ ("+expr+") | to_json }}", e.NewScope(nil))
			if want := golden[i].Msg; want != nil {
				if msg, ok := jinja.AnsibleMessage(err); !ok || msg != *want {
					t.Fatalf("error %v, want message %q", err, *want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(golden[i].Out) == "true" || string(golden[i].Out) == "false" {
				// set_fact turns the text true/false into a boolean
				got = fmt.Sprint(got)
				golden[i].Out, _ = json.Marshal(string(golden[i].Out))
			}
			var buf bytes.Buffer
			enc := jsonEncoder(&buf)
			if err := enc.Encode(got); err != nil {
				t.Fatal(err)
			}
			if gotJSON := strings.TrimSpace(buf.String()); gotJSON != string(golden[i].Out) {
				t.Fatalf("got %s, want %s", gotJSON, golden[i].Out)
			}
		})
	}
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// jsonEncoder is a JSON encoder that leaves <, > and & as they are, as
// Python's json does.
func jsonEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}
