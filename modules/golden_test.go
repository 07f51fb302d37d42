package modules_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
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
}

// golden is what real ansible-core produced (testdata/regen.sh).
type golden struct {
	Changed bool    `json:"changed"`
	Msg     string  `json:"msg"`
	Failed  bool    `json:"failed"`
	Output  *string `json:"output"`
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
			f := filepath.Join(t.TempDir(), "f")
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
					v = strings.ReplaceAll(s, "@F@", f)
				}
				a[k] = v
			}
			res, err := mod.Run(context.Background(), &modules.Call{Args: a, Conn: conn})
			if err != nil {
				t.Fatal(err)
			}
			if res.Changed != want.Changed || res.Msg != want.Msg || res.Failed != want.Failed {
				t.Errorf("changed=%v msg=%q failed=%v; ansible: changed=%v msg=%q failed=%v", res.Changed, res.Msg, res.Failed, want.Changed, want.Msg, want.Failed)
			}
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
