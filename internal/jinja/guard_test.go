package jinja

import (
	"strings"
	"testing"
)

// TestMalformedInputIsAnError feeds input that made gonja's parser panic,
// and over-deep nesting, to every entry point: each must return an error.
func TestMalformedInputIsAnError(t *testing.T) {
	e := New(Options{})
	deep := "{{ " + strings.Repeat("[", 1000) + "1" + strings.Repeat("]", 1000) + " }}"
	cases := []struct {
		name, expr, want string
	}{
		{"dict then is", "{0 is ", ""},
		{"list then is", "[0 is ", ""},
		{"paren then is", "(0 is ", ""},
		{"deep brackets", strings.Repeat("(", 1000) + "1" + strings.Repeat(")", 1000), "recursive loop detected in template string"},
	}
	for _, c := range cases {
		scope := e.NewScope(map[string]any{})
		if _, err := e.Eval(c.expr, scope); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Eval err = %v, want one mentioning %q", c.name, err, c.want)
		}
		if _, err := e.EvalBool(c.expr, scope); err == nil {
			t.Errorf("%s: EvalBool: no error", c.name)
		}
		if _, err := e.Template("{{ "+c.expr+" }}", scope); err == nil {
			t.Errorf("%s: Template: no error", c.name)
		}
		if err := e.CheckSyntax("{{ "+c.expr+" }}", ""); err == nil {
			t.Errorf("%s: CheckSyntax: no error", c.name)
		}
	}
	if err := e.CheckSyntax(deep, ""); err == nil || !strings.Contains(err.Error(), "maximum recursion depth exceeded") {
		t.Errorf("deep list: CheckSyntax err = %v", err)
	}
}

func TestNestingWithinLimit(t *testing.T) {
	e := New(Options{})
	src := "{{ " + strings.Repeat("[", maxNesting) + "1" + strings.Repeat("]", maxNesting) + " | flatten | first }} {{ '((((' }} {{ {'a': {'b': 1}}}}"
	got, err := e.Template(src, e.NewScope(map[string]any{}))
	if err != nil || got != "1 (((( {'a': {'b': 1}}" {
		t.Errorf("got %q, %v", got, err)
	}
}

func TestRecursiveVariables(t *testing.T) {
	e := New(Options{})
	scope := e.NewScope(map[string]any{"a": "{{ b }}", "b": "{{ a }}", "c": "{{ c | upper }}", "d": "x{{ a }}"})
	cases := map[string]string{
		"{{ a }}": "recursive loop detected in template string: {{ b }}. maximum recursion depth exceeded",
		"{{ c }}": "recursive loop detected in template string: {{ c | upper }}. maximum recursion depth exceeded",
		"{{ d }}": "recursive loop detected in template string: {{ b }}. maximum recursion depth exceeded",
	}
	for src, want := range cases {
		if _, err := e.Template(src, scope.With(nil)); err == nil || err.Error() != want {
			t.Errorf("%s: err = %v, want %q", src, err, want)
		}
	}
}

func TestSizeLimits(t *testing.T) {
	e := New(Options{})
	cases := map[string]string{
		"{{ ('x' * 100000000000) | length }}":                      "result too large",
		"{{ ([1, 2] * 100000000000) | length }}":                   "result too large",
		"{{ range(100000000000) | length }}":                       "range() of 100000000000 items is too large",
		"{% for i in range(100) %}{{ 'x' * 1000000 }}{% endfor %}": "template output too large",
	}
	for src, want := range cases {
		if _, err := e.Template(src, e.NewScope(map[string]any{})); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", src, err, want)
		}
	}
	got, err := e.Template("{{ ('ab' * 3) ~ ([0] * 2) | string ~ range(3) | list | string }}", e.NewScope(map[string]any{}))
	if err != nil || got != "ababab[0, 0][0, 1, 2]" {
		t.Errorf("small values: got %q, %v", got, err)
	}
}

func TestLookupSizeLimits(t *testing.T) {
	if _, err := Sequence([]any{"start=0 end=100000000000"}); err == nil || !strings.Contains(err.Error(), "more than 1048576 items") {
		t.Errorf("sequence: err = %v", err)
	}
	if got, err := Sequence([]any{"count=3", "1-5/2"}); err != nil || len(got) != 6 {
		t.Errorf("small sequences: %v, %v", got, err)
	}
	long := make([]any, 3000)
	e := New(Options{})
	if _, err := e.Template("{{ lookup('nested', long, long) }}", e.NewScope(map[string]any{"long": long})); err == nil || !strings.Contains(err.Error(), "more than 1048576 items") {
		t.Errorf("nested: err = %v", err)
	}
}

func TestLoopBudget(t *testing.T) {
	e := New(Options{})
	src := "{% for i in range(1000) %}{% for j in range(1000) %}{% for k in range(1000) %}{% endfor %}{% endfor %}{% endfor %}"
	if _, err := e.Template(src, e.NewScope(map[string]any{})); err == nil || !strings.Contains(err.Error(), "loop iterations and calls") {
		t.Errorf("err = %v", err)
	}
	got, err := e.Template("{% for i in [1, 2] %}{% for k in {'a': 1} %}{{ i }}{{ k }}{% endfor %}{% endfor %}", e.NewScope(map[string]any{}))
	if err != nil || got != "1a2a" {
		t.Errorf("small loops: %q, %v", got, err)
	}
}

func TestSetDoneStopsLoops(t *testing.T) {
	e := New(Options{})
	done := make(chan struct{})
	e.SetDone(done)
	src := "{% for i in range(3) %}{% for j in range(3) %}{{ j }}{% endfor %}{% endfor %}"
	if got, err := e.Template(src, e.NewScope(map[string]any{})); err != nil || got != "012012012" {
		t.Fatalf("before done: %q, %v", got, err)
	}
	close(done)
	if _, err := e.Template(src, e.NewScope(map[string]any{})); err == nil || !strings.Contains(err.Error(), "templating interrupted") {
		t.Errorf("after done: err = %v", err)
	}
}

func TestFromYAMLAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [lol]\n")
	for i := 1; i < 10; i++ {
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for j := 0; j < 9; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	e := New(Options{})
	_, err := e.Template("{{ bomb | from_yaml }}", e.NewScope(map[string]any{"bomb": b.String()}))
	if err == nil || !strings.Contains(err.Error(), "yaml aliases expand to more than") {
		t.Errorf("err = %v", err)
	}
}

// TestTemplateRecursionLimits checks that recursive macros and deeply
// nested block statements end in a limit error.
func TestTemplateRecursionLimits(t *testing.T) {
	e := New(Options{})
	deepIfs := strings.Repeat("{% if true %}", maxNesting+1) + "x" + strings.Repeat("{% endif %}", maxNesting+1)
	okIfs := strings.Repeat("{% if true %}", maxNesting) + "x" + strings.Repeat("{% endif %}", maxNesting)
	tests := []struct{ name, src, want string }{
		{"recursive macro", "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}", "maximum recursion depth exceeded"},
		{"deep ifs", deepIfs, "nesting limit"},
		{"ifs within the limit", okIfs, ""},
		{"macro within the limit", "{% macro m(n) %}{% if n < 50 %}{{ m(n + 1) }}{% else %}{{ n }}{% endif %}{% endmacro %}{{ m(0) }}", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.Template(tt.src, e.NewScope(map[string]any{}))
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("unexpected error %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("err = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}
