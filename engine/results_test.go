package engine

import (
	"testing"

	"github.com/edxplay/edxplay/internal/taint"
)

// TestTaintMarks: what comes from hosts is stored unsafe, set_fact keeps
// the marks of what its arguments read, include_vars is left alone, and
// no_log makes everything secret.
func TestTaintMarks(t *testing.T) {
	if _, f := taint.Unwrap(registered(map[string]any{"stdout": "x"}, false)); f != taint.Unsafe {
		t.Errorf("registered result: %v", f)
	}
	if _, f := taint.Unwrap(registered(map[string]any{}, true)); f != taint.Unsafe|taint.Secret {
		t.Errorf("registered no_log result: %v", f)
	}
	facts := map[string]any{"a": "1", "b": "2"}
	tests := []struct {
		name     string
		fromArgs bool
		included bool
		noLog    bool
		want     map[string]taint.Flags
	}{
		{"host facts (setup)", false, false, false, map[string]taint.Flags{"a": taint.Unsafe, "b": taint.Unsafe}},
		{"set_fact", true, false, false, map[string]taint.Flags{"a": taint.Unsafe, "b": 0}},
		{"set_fact no_log", true, false, true, map[string]taint.Flags{"a": taint.Unsafe | taint.Secret, "b": taint.Secret}},
		{"include_vars", true, true, false, map[string]taint.Flags{"a": 0, "b": 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := markFacts(facts, tt.fromArgs, tt.included, map[string]taint.Flags{"a": taint.Unsafe}, tt.noLog)
			for k, want := range tt.want {
				if _, f := taint.Unwrap(got[k]); f != want {
					t.Errorf("%s: %v, want %v", k, f, want)
				}
			}
		})
	}
	items := markItems([]any{"x", "y"}, 0, true)
	if _, f := taint.Unwrap(items[1]); f != taint.Unsafe {
		t.Errorf("with_items item: %v", f)
	}
	if items := markItems([]any{"x"}, 0, false); items[0] != "x" {
		t.Errorf("loop item of safe data: %#v", items[0])
	}
}
