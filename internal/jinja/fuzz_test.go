package jinja

import (
	"regexp"
	"testing"
)

// reachesOut matches template text that could run commands or read files
// (lookups, includes), which fuzzing must not do.
var reachesOut = regexp.MustCompile(`lookup|query|\bq\b|include|import|extends|from`)

// maxFuzzInput caps fuzz inputs; the engine's own size limits bound what
// a short template can build.
const maxFuzzInput = 4 << 10

// FuzzTemplate renders arbitrary template text and expressions in a scope
// with a few variables (one of them self-referencing): errors are fine,
// panics and runaway memory are not.
func FuzzTemplate(f *testing.F) {
	for _, s := range []string{
		"{{ a | default('x') ~ b[0] }}", "{% for i in range(3) %}{{ i }}{% endfor %}", "{{ d.k if c else 'no' }}",
		"{{ [0 is ", "{0 is ", "{{ self }}", "{% set x = {'a': [1, (2, 3)]} %}{{ x | to_json }}",
		"{{ '%s-%d' % ('a', 1) }}", "{{ 'abc' | regex_replace('b', 'x') | upper }}", "{% raw %}{{ x }}{% endraw %}",
	} {
		f.Add(s)
	}
	e := New(Options{Find: func(kind, name string) (string, error) { return "", errNoFiles }})
	vars := map[string]any{"a": 1, "b": []any{"x", 2}, "c": true, "d": map[string]any{"k": "v"}, "self": "{{ self }}"}
	// Smaller limits keep each run small and quick.
	text, items := maxTextSize, maxItems
	f.Cleanup(func() { maxTextSize, maxItems = text, items })
	maxTextSize, maxItems = 1<<20, 1<<14
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > maxFuzzInput || reachesOut.MatchString(s) {
			return
		}
		scope := e.NewScope(vars)
		_, _ = e.Template(s, scope)
		_, _ = e.Eval(s, scope)
		_, _ = e.EvalBool(s, scope)
		_ = e.CheckSyntax(s, "")
	})
}

// errNoFiles keeps fuzzed includes and lookups off the disk.
var errNoFiles = errorString("no files while fuzzing")

type errorString string

func (e errorString) Error() string { return string(e) }
