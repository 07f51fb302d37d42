package ctlpython

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestCandidates checks the order: the env variable alone, else the
// ansible-playbook script's interpreter first.
func TestCandidates(t *testing.T) {
	t.Setenv(Env, "/opt/py/bin/python3")
	if got := Candidates(); !slices.Equal(got, []string{"/opt/py/bin/python3"}) {
		t.Errorf("with %s: %v", Env, got)
	}
	t.Setenv(Env, "")
	dir := t.TempDir()
	script := "#!/opt/venv/bin/python3.11 -E\nimport ansible\n"
	if err := os.WriteFile(filepath.Join(dir, "ansible-playbook"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	got := Candidates()
	if len(got) == 0 || got[0] != "/opt/venv/bin/python3.11" {
		t.Errorf("candidates %v, want the script's interpreter first", got)
	}
}

// TestScriptInterpreter reads only a Python #! line.
func TestScriptInterpreter(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ text, want string }{
		{"#!/usr/bin/python3\n", "/usr/bin/python3"},
		{"#! /usr/bin/python3 -s\nx", "/usr/bin/python3"},
		{"#!/bin/sh\n", ""},
		{"no shebang\n", ""},
		{"", ""},
	} {
		p := filepath.Join(dir, "s")
		if err := os.WriteFile(p, []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := scriptInterpreter(p); got != c.want {
			t.Errorf("scriptInterpreter(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}
