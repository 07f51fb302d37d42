package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// runCLI runs the edxplay CLI in-process and returns stdout and the exit code.
func runCLI(t *testing.T, args ...string) (string, int) {
	t.Helper()
	var out bytes.Buffer

	code := runWithWriter(append([]string{"edxplay"}, args...), &out)
	return out.String(), code
}

// TestInventoryListMatchesAnsible checks `edxplay inventory --list` against
// the JSON ansible-inventory printed for every INI inventory of the
// inventory package's test data (recorded by inventory/testdata/regen.sh).
func TestInventoryListMatchesAnsible(t *testing.T) {
	files, err := filepath.Glob("../../inventory/testdata/ini/*.ini")
	if err != nil || len(files) < 12 {
		t.Fatalf("want at least 12 INI inventories, got %d (%v)", len(files), err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			want, err := os.ReadFile(strings.TrimSuffix(f, ".ini") + ".list.json")
			if err != nil {
				t.Fatal(err)
			}
			got, code := runCLI(t, "inventory", "-i", f, "--list")
			if code != 0 {
				t.Fatalf("exit code %d: %s", code, got)
			}
			var g, w any
			if err := json.Unmarshal([]byte(got), &g); err != nil {
				t.Fatalf("output is not JSON: %v\n%s", err, got)
			}
			if err := json.Unmarshal(want, &w); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(g, w) {
				t.Errorf("inventory --list differs from ansible-inventory\n got: %s\nwant: %s", got, want)
			}
		})
	}
}

// TestMalformedInventoryNamesLine checks that a broken inventory exits
// non-zero with file:line.
func TestMalformedInventoryNamesLine(t *testing.T) {
	dir := t.TempDir()
	inv := filepath.Join(dir, "bad.ini")
	if err := os.WriteFile(inv, []byte("[web]\nweb1\n[web:vars]\nnot a var line\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, code := runCLI(t, "inventory", "-i", inv, "--list")
	if code == 0 {
		t.Fatalf("want non-zero exit, got 0: %s", out)
	}
	if lastErr == nil || !strings.Contains(lastErr.Error(), "bad.ini:4") {
		t.Fatalf("error should name bad.ini:4, got %v", lastErr)
	}
}
