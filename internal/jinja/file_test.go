package jinja

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRenderFileOptions: the template module's delimiter overrides,
// whitespace options and newline_sequence (expected outputs as rendered by
// ansible-core 2.14's template module for the same sources and options).
func TestRenderFileOptions(t *testing.T) {
	e := New(Options{})
	scope := e.NewScope(map[string]any{"x": "X", "items": []any{1, 2}})
	tests := []struct {
		name, src string
		opts      FileOptions
		want      string
	}{
		{"variable delimiters", "[% x %] {{ x }}\n", FileOptions{TrimBlocks: true,
			Overrides: map[string]string{"variable_start_string": "[%", "variable_end_string": "%]"}}, "X {{ x }}\n"},
		{"block delimiters", "<% for i in items %><< i >><% endfor %>\n", FileOptions{TrimBlocks: true,
			Overrides: map[string]string{"block_start_string": "<%", "block_end_string": "%>",
				"variable_start_string": "<<", "variable_end_string": ">>"}}, "12\n"},
		{"comment delimiters", "a[# c #]b {# kept #}\n", FileOptions{TrimBlocks: true,
			Overrides: map[string]string{"comment_start_string": "[#", "comment_end_string": "#]"}}, "ab {# kept #}\n"},
		{"trim_blocks off", "{% if x %}\nyes\n{% endif %}\n", FileOptions{}, "\nyes\n"},
		{"lstrip_blocks", "  {% if x %}\nyes\n  {% endif %}\n", FileOptions{TrimBlocks: true, LstripBlocks: true}, "yes\n"},
		{"newline_sequence", "a\nb {{ x }}\n", FileOptions{TrimBlocks: true, NewlineSequence: "\r\n"}, "a\r\nb X\r\n"},
		{"override line", "#jinja2: variable_start_string: '[[', variable_end_string: ']]'\n[[ x ]]\n", FileOptions{TrimBlocks: true}, "X\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "t.j2")
			if err := os.WriteFile(path, []byte(tt.src), 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := e.RenderFileWith(path, scope, nil, tt.opts)
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// TestTemplateLookupOptions: lookup('template') with delimiters, template
// vars and convert_data, as ansible-core's lookup_template target checks.
func TestTemplateLookupOptions(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{"hello.txt": "Hello [% who %]!\n", "dict.j2": "{'a': {{ n }}}\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	e := New(Options{BaseDir: dir})
	scope := e.NewScope(map[string]any{"who": "world", "n": 1})
	tests := []struct{ tpl, want string }{
		{"{{ lookup('template', 'hello.txt', variable_start_string='[%', variable_end_string='%]') | trim }}", "Hello world!"},
		{"{{ lookup('template', 'hello.txt', variable_start_string='[%', variable_end_string='%]', template_vars={'who': 'you'}) | trim }}", "Hello you!"},
		{"{{ lookup('template', 'dict.j2') is mapping }}", "True"},
		{"{{ lookup('template', 'dict.j2', convert_data=False) is mapping }}", "False"},
	}
	for _, tt := range tests {
		got, err := e.Template(tt.tpl, scope)
		if err != nil || PyStr(got) != tt.want {
			t.Errorf("%s: got %#v, %v; want %q", tt.tpl, got, err, tt.want)
		}
	}
	if _, err := e.Template("{{ lookup('template', 'missing.j2') }}", scope); err == nil || !strings.Contains(err.Error(), "could not be found") {
		t.Errorf("missing template: err = %v", err)
	}
}

// TestRenderFileErrorClass: the template module names the Jinja2
// exception a template file raises (ansible-core 2.14's template action
// reports "TemplateSyntaxError: Could not load ..."), but not for an
// undefined variable, whose message stays Jinja2's.
func TestRenderFileErrorClass(t *testing.T) {
	e := New(Options{})
	scope := e.NewScope(map[string]any{"l": []any{1}})
	tests := []struct{ src, want, not string }{
		{`{{ l | select("asdf ") | list }}`, `TemplateSyntaxError: Could not load "asdf ": 'invalid plugin name: ansible.builtin.asdf '`, ""},
		{`{{ l | select("nope") | list }}`, `TemplateSyntaxError: Could not load "nope": 'nope'`, ""},
		{`{{ l + 1 }}`, `TypeError: can only concatenate list (not "int") to list`, ""},
		{`{{ undefined_thing }}`, `'undefined_thing' is undefined`, "UndefinedError"},
	}
	for _, tt := range tests {
		path := filepath.Join(t.TempDir(), "t.j2")
		if err := os.WriteFile(path, []byte(tt.src), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := e.RenderFile(path, scope, nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) || (tt.not != "" && strings.Contains(err.Error(), tt.not)) {
			t.Errorf("%s: error %v, want it to contain %q", tt.src, err, tt.want)
		}
	}
}
