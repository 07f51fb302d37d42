package jinja

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestRewriteConditionalsLeavesOtherSyntax(t *testing.T) {
	for _, src := range []string{
		"plain text if else",
		"{{ a_if | b_else }}",
		"{{ 'a if b else c' }}",
		"{% if a %}x{% elif b %}y{% else %}z{% endif %}",
		"{% for x in items if x.ok %}{{ x }}{% endfor %}",
		"{% raw %}{{ (1 if c else 2) }}{% endraw %}",
		"{# {{ (1 if c else 2) }} #}",
		"{{ {'a': {'b': 1}} }} if",
		"{{ (1 if c else 2) ",
	} {
		if got := rewriteConditionals(src); got != src {
			t.Errorf("rewriteConditionals(%q) = %q, want it unchanged", src, got)
		}
	}
}

func TestRewriteConditionalsKeepsLines(t *testing.T) {
	src := "{{ [\n (1\n if c\n else 2),\n 3] }}\n{% set v = x\n if c %}\n{{ f(a=1\n if c\n else 2) }}"
	got := rewriteConditionals(src)
	if got == src {
		t.Fatalf("nothing rewritten in %q", src)
	}
	if strings.Count(got, "\n") != strings.Count(src, "\n") {
		t.Errorf("line count changed: %q", got)
	}
}

func TestConditionalEvaluatesOnlyTheChosenBranch(t *testing.T) {
	e, scope := testEngine(t)
	tests := []struct {
		tmpl string
		want any
	}{
		{"{{ (nope.x.y if nope is defined else 'z') }}", "z"},
		{"{{ ('z' if nope is undefined else nope.x) }}", "z"},
		{"{{ [a_int if a_bool else nope] }}", []any{3}},
		{"{{ (nope | mandatory if false else 1) }}", "1"},
		{"{{ (1 if a_none else nope) | default('d') }}", "d"},
		{"{{ 1 if a_none else 2 if nope is defined else 3 }}", "3"},
	}
	for _, tc := range tests {
		got, err := e.Template(tc.tmpl, scope)
		if err != nil {
			t.Errorf("Template(%q): %v", tc.tmpl, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Template(%q) = %#v, want %#v", tc.tmpl, got, tc.want)
		}
	}
}

func TestConditionalErrors(t *testing.T) {
	e, scope := testEngine(t)
	tests := []struct {
		tmpl      string
		want      string
		undefined bool
	}{
		{"{{ (nope if a_bool else 2) }}", "'nope' is undefined", true},
		{"{{ (1 if nope else 2) }}", "'nope' is undefined", true},
		{"{{ [(1 if a_none else a_dict.nope)] }}", "'dict object' has no attribute 'nope'", true},
		{"{{ ('a' if a_none) is match('a') }}", "no else section was defined", true},
		{"{{ ('a' if a_none) | mandatory }}", "Mandatory variable  not defined.", false},
	}
	for _, tc := range tests {
		_, err := e.Template(tc.tmpl, scope)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Template(%q) error = %v, want %q", tc.tmpl, err, tc.want)
			continue
		}
		if IsUndefined(err) != tc.undefined {
			t.Errorf("Template(%q): IsUndefined(%v) = %v", tc.tmpl, err, !tc.undefined)
		}
	}
}

func TestConditionalErrorKeepsLine(t *testing.T) {
	e, scope := testEngine(t)
	path := t.TempDir() + "/cond.j2"
	src := "{{ [\n (1\n if a_bool\n else 2)] }}\n{{ (a_int if a_bool else 0) }}\n{{ nope }}\n"
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := e.RenderFile(path, scope, nil)
	if want := path + ":6: 'nope' is undefined"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}

func TestConditionalInEvalAndSyntaxCheck(t *testing.T) {
	e, scope := testEngine(t)
	got, err := e.Eval("(a_list if a_bool else []) | length", scope)
	if err != nil || got != 4 {
		t.Errorf("Eval = %#v, %v; want 4", got, err)
	}
	ok, err := e.EvalBool("a_int > 5 if a_none else a_bool", scope)
	if err != nil || !ok {
		t.Errorf("EvalBool = %v, %v; want true", ok, err)
	}
	if err := e.CheckSyntax("{{ [(1 if x else 2)] + ([3] if y) }}", ""); err != nil {
		t.Errorf("CheckSyntax: %v", err)
	}
}
