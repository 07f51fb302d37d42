package modules_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/connection/local"
	"github.com/edxplay/edxplay/modules"
)

// goldenCase is one entry of testdata/golden/cases.json.
type goldenCase struct {
	Name   string         `json:"name"`
	Module string         `json:"module"`
	Input  *string        `json:"input"`
	Args   map[string]any `json:"args"`
	// Files are written into the scratch directory @D@ before the run.
	Files map[string]string `json:"files"`
	// Keys are dotted paths into the result compared with Ansible's.
	Keys []string `json:"keys"`
	// Check runs the case in check mode.
	Check bool `json:"check"`
	// Volatile names fields whose values depend on the machine the case
	// was recorded on (package versions): they are compared as present,
	// non-empty strings, not by value, so an image upgrade keeps the
	// case valid.
	Volatile []string `json:"volatile"`
}

// golden is what real ansible-core produced (testdata/regen.sh).
type golden struct {
	Changed bool    `json:"changed"`
	Msg     string  `json:"msg"`
	Failed  bool    `json:"failed"`
	Output  *string `json:"output"`
	Skipped bool    `json:"skipped"`
	// Data holds the values at the case's keys.
	Data map[string]any `json:"data"`
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// TestGoldenAgainstAnsible replays the cases ansible-core recorded and
// compares file bytes, changed and msg.
func TestGoldenAgainstAnsible(t *testing.T) {
	var cases []goldenCase
	readJSON(t, "testdata/golden/cases.json", &cases)
	conn, err := local.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			var want golden
			readJSON(t, filepath.Join("testdata/golden", c.Name+".json"), &want)
			tmp := t.TempDir()
			f, d := filepath.Join(tmp, "f"), filepath.Join(tmp, "d")
			writeCaseFiles(t, d, c.Files)
			if c.Input != nil {
				if err := os.WriteFile(f, []byte(*c.Input), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			mod, ok := modules.Lookup(c.Module)
			if !ok {
				t.Fatalf("module %s not registered", c.Module)
			}
			a := map[string]any{}
			for _, arg := range mod.Spec().Args {
				if arg.Default != nil {
					a[arg.Name] = arg.Default
				}
			}
			for k, v := range c.Args {
				if s, ok := v.(string); ok {
					v = strings.ReplaceAll(strings.ReplaceAll(s, "@F@", f), "@D@", d)
				}
				a[k] = v
			}
			res, err := mod.Run(context.Background(), &modules.Call{Args: a, Conn: conn, Check: c.Check})
			if err != nil {
				t.Fatal(err)
			}
			if res.Changed != want.Changed || res.Msg != want.Msg || res.Failed != want.Failed || res.Skipped != want.Skipped {
				t.Errorf("changed=%v msg=%q failed=%v skipped=%v; ansible: changed=%v msg=%q failed=%v skipped=%v",
					res.Changed, res.Msg, res.Failed, res.Skipped, want.Changed, want.Msg, want.Failed, want.Skipped)
			}
			compareKeys(t, res, c.Keys, c.Volatile, want.Data)
			got, err := os.ReadFile(f)
			switch {
			case want.Output == nil && err == nil:
				t.Errorf("file exists, ansible left none")
			case want.Output != nil && string(got) != *want.Output:
				t.Errorf("file = %q, ansible wrote %q", got, *want.Output)
			}
		})
	}
}

// writeCaseFiles writes a case's files into the directory d.
func writeCaseFiles(t *testing.T, d string, files map[string]string) {
	t.Helper()
	if err := os.Mkdir(d, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(d, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// compareKeys compares the values at dotted keys of the result (its
// data, facts under ansible_facts) with Ansible's, as JSON.
func compareKeys(t *testing.T, res *modules.Result, keys, volatile []string, want map[string]any) {
	t.Helper()
	top := map[string]any{"ansible_facts": res.Facts}
	for k, v := range res.Data {
		top[k] = v
	}
	for _, k := range keys {
		var v any = top
		for _, part := range strings.Split(k, ".") {
			m, _ := v.(map[string]any)
			v = m[part]
		}
		got, _ := json.Marshal(maskVolatile(plainJSON(v), volatile))
		exp, _ := json.Marshal(maskVolatile(want[k], volatile))
		if string(got) != string(exp) {
			t.Errorf("%s = %s, ansible: %s", k, got, exp)
		}
	}
}

// plainJSON turns a result value into the shapes encoding/json decodes
// to (map[string]any, []any), as the golden side has them.
func plainJSON(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	var out any
	if json.Unmarshal(b, &out) != nil {
		return v
	}
	return out
}

// maskVolatile replaces the non-empty string values of the volatile
// fields, at any depth, with a placeholder.
func maskVolatile(v any, volatile []string) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			if s, ok := e.(string); ok && s != "" && slices.Contains(volatile, k) {
				e = "<volatile>"
			}
			out[k] = maskVolatile(e, volatile)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = maskVolatile(e, volatile)
		}
		return out
	}
	return v
}
