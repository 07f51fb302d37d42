package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestInventoryGolden runs `edxplay inventory` on each case of
// testdata/inventory and compares its stdout, byte for byte, and its exit
// code with what ansible-inventory printed (testdata/inventory/regen.sh).
func TestInventoryGolden(t *testing.T) {
	cases, err := filepath.Glob("testdata/inventory/*/args")
	if err != nil || len(cases) < 10 {
		t.Fatalf("want at least 10 inventory cases, got %d (%v)", len(cases), err)
	}
	for _, argsFile := range cases {
		dir, _ := filepath.Abs(filepath.Dir(argsFile))
		t.Run(filepath.Base(dir), func(t *testing.T) {
			args := readLines(t, filepath.Join(dir, "args"))
			for _, kv := range readLines(t, filepath.Join(dir, "env")) {
				k, v, _ := strings.Cut(kv, "=")
				t.Setenv(k, v)
			}
			want, err := os.ReadFile(filepath.Join(dir, "expected.out"))
			if err != nil {
				t.Fatal(err)
			}
			wantRC, err := strconv.Atoi(strings.TrimSpace(string(readFile(t, filepath.Join(dir, "expected.rc")))))
			if err != nil {
				t.Fatal(err)
			}
			t.Chdir(dir)
			got, code := runCLI(t, append([]string{"inventory"}, args...)...)
			if code != wantRC {
				t.Errorf("exit code %d, ansible-inventory's %d (%v)", code, wantRC, lastErr)
			}
			if !bytes.Equal([]byte(got), want) {
				t.Errorf("output differs from ansible-inventory's\n--- got\n%s\n--- want\n%s", got, want)
			}
			if names := readLines(t, filepath.Join(dir, "outfile")); len(names) == 1 {
				checkOutputFile(t, filepath.Join(dir, names[0]), filepath.Join(dir, "expected.file"))
			}
		})
	}
}

// checkOutputFile compares the file --output wrote with ansible-inventory's
// and removes it.
func checkOutputFile(t *testing.T, path, golden string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("--output file: %v", err)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if want := readFile(t, golden); !bytes.Equal(got, want) {
		t.Errorf("--output file differs from ansible-inventory's\n--- got\n%s\n--- want\n%s", got, want)
	}
}

// readLines returns a file's non-empty lines (none when it is missing).
func readLines(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
