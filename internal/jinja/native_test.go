package jinja

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/pyvalue"
)

// normalizeJSON round-trips a value through encoding/json.
func normalizeJSON(t *testing.T, v any) any {
	t.Helper()
	s, err := pyvalue.JSON(plain(v), pyvalue.JSONStyle{Indent: -1, ItemSep: ", ", KeySep: ": "})
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestTemplateNativeTypes(t *testing.T) {
	e, scope := testEngine(t)
	cases := loadVars(t, "testdata/native.yml")["native_cases"].(*odict.Map).Plain()
	data, err := os.ReadFile("testdata/golden/native.json")
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]any
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if len(want) != len(cases) {
		t.Fatalf("golden has %d cases, native.yml %d", len(want), len(cases))
	}
	for name, raw := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := e.Template(raw, scope)
			if err != nil {
				t.Fatalf("template %v: %v", raw, err)
			}
			if g := normalizeJSON(t, got); !reflect.DeepEqual(g, want[name]) {
				t.Errorf("Template(%q) = %#v (%T), want %#v", raw, g, got, want[name])
			}
		})
	}
}

func TestTemplateLeavesPlainStrings(t *testing.T) {
	e, scope := testEngine(t)
	for _, s := range []string{"plain", "{not a template}", "100", "a } b"} {
		got, err := e.Template(s, scope)
		if err != nil || got != s {
			t.Errorf("Template(%q) = %#v, %v; want unchanged", s, got, err)
		}
	}
}

func TestErrors(t *testing.T) {
	e, scope := testEngine(t)
	tests := []struct {
		name string
		tmpl string
		want []string
	}{
		{"undefined var", "line1\n{{ foo }}", []string{"string:2:", "'foo' is undefined"}},
		{"undefined attribute", "{{ a_dict.bar }}", []string{"'dict object' has no attribute 'bar'"}},
		{"undefined in if", "{% if a_int %}\n\n{% if missing_var > 1 %}x{% endif %}{% endif %}", []string{"'missing_var' is undefined"}},
		{"undefined in for", "{% for x in nope_list %}{{ x }}{% endfor %}", []string{"'nope_list' is undefined"}},
		{"mandatory", "{{ nope | mandatory }}", []string{"Mandatory variable 'nope'  not defined."}},
		{"syntax", "{{ a_int + }}", []string{"string"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.Template(tc.tmpl, scope)
			if err == nil {
				t.Fatalf("expected an error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestRenderFileErrorNamesTemplateAndLine(t *testing.T) {
	e, scope := testEngine(t)
	path := t.TempDir() + "/bad.j2"
	if err := os.WriteFile(path, []byte("ok\n{% for u in users %}\n{{ u.nope }}\n{% endfor %}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := e.RenderFile(path, scope, nil)
	if err == nil {
		t.Fatal("expected an error")
	}
	want := path + ":3:5: 'dict object' has no attribute 'nope'"
	if err.Error() != want {
		t.Errorf("got %q, want %q", err, want)
	}
	if !IsUndefined(err) {
		t.Errorf("IsUndefined(%v) = false", err)
	}
}

func TestCycleDetection(t *testing.T) {
	e := New(Options{})
	scope := e.NewScope(map[string]any{"a": "{{ b }}", "b": "{{ a }}", "ok": "{{ a | default('d') }}"})
	_, err := e.Template("{{ a }}", scope)
	if err == nil || !strings.Contains(err.Error(), "recursive loop detected in template string") {
		t.Fatalf("expected recursive loop error, got %v", err)
	}
}

func TestLazyScopeSeesOverrides(t *testing.T) {
	e := New(Options{})
	base := e.NewScope(map[string]any{"x": "{{ item }}-x", "item": "base"})
	child := base.With(map[string]any{"item": "loop"})
	got, err := e.Template("{{ x }}", child)
	if err != nil || got != "loop-x" {
		t.Fatalf("got %#v, %v; want loop-x", got, err)
	}
	got, err = e.Template("{{ x }}", base)
	if err != nil || got != "base-x" {
		t.Fatalf("got %#v, %v; want base-x", got, err)
	}
}

func TestEvalAndEvalBool(t *testing.T) {
	e, scope := testEngine(t)
	evals := []struct {
		expr string
		want any
	}{
		{"a_int + 1", 4},
		{"a_list | unique", []any{3, 1, 2}},
		{"a_dict.beta", "two"},
		{"a_none", nil},
		{"lazy_a", "6-a"},
	}
	for _, tc := range evals {
		got, err := e.Eval(tc.expr, scope)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Eval(%q) = %#v, %v; want %#v", tc.expr, got, err, tc.want)
		}
	}
	bools := []struct {
		expr string
		want bool
	}{
		{"a_int == 3", true},
		{"a_none", false},
		{"a_str", true},
		{"nope is defined", false},
		{"'false'", true},
		{"'false' | bool", false},
		{"{{ a_bool }}", true},
		{"{{ 'no' | bool }}", false},
		{"True", true},
		{"", false},
	}
	for _, tc := range bools {
		got, err := e.EvalBool(tc.expr, scope)
		if err != nil || got != tc.want {
			t.Errorf("EvalBool(%q) = %v, %v; want %v", tc.expr, got, err, tc.want)
		}
	}
	if _, err := e.EvalBool("nope > 1", scope); err == nil || !IsUndefined(err) {
		t.Errorf("EvalBool on undefined should fail with an undefined error, got %v", err)
	}
}

func TestDoStatementAndOmit(t *testing.T) {
	e, scope := testEngine(t)
	got, err := e.Template("{% set l = [1] %}{% do l.append(2) %}{{ l | length }}", scope)
	if err != nil || got != "2" {
		t.Errorf("do statement: got %#v, %v; want \"2\"", got, err)
	}
	got, err = e.Template("{{ omit }}", scope)
	if err != nil || got != OmitPlaceholder {
		t.Errorf("omit: got %#v, %v", got, err)
	}
}
