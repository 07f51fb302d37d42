package pyvalue

import (
	"reflect"
	"testing"

	"github.com/edxplay/edxplay/internal/odict"
)

func TestLiteralEval(t *testing.T) {
	tests := []struct {
		in   string
		want any
	}{
		{"42", 42},
		{"-7", -7},
		{"+3", 3},
		{"0x1F", 31},
		{"0o17", 15},
		{"0b101", 5},
		{"1_000", 1000},
		{"00", 0},
		{"010", "010"},
		{"1e3", 1000.0},
		{".5", 0.5},
		{"5.", 5.0},
		{"True", true},
		{"None", nil},
		{"true", "true"},
		{"'a' \"b\"", "ab"},
		{`'a\tb\x41\u00e9'`, "a\tbAé"},
		{`r'\n'`, `\n`},
		{`'\q'`, `\q`},
		{"[1, 'two', 3.0]", []any{1, "two", 3.0}},
		{"(1, 2)", []any{1, 2}},
		{"1,", []any{1}},
		{"1, 2", []any{1, 2}},
		{"()", []any{}},
		{"(5)", 5},
		{"{'a': {'b': [None]}, 1: 2}", map[string]any{"a": map[string]any{"b": []any{nil}}, "1": 2}},
		{"5 # comment", 5},
		{"hello # comment", "hello # comment"},
		{"1.2.3.4", "1.2.3.4"},
		{"[1, 2", "[1, 2"},
		{"b'x'", "b'x'"},
		{"f'x'", "f'x'"},
		{"1j", "1j"},
		{"", ""},
		{"-'a'", "-'a'"},
		{"inf", "inf"},
	}
	for _, tt := range tests {
		got, err := LiteralEval(tt.in, LiteralOptions{})
		if err != nil {
			got = tt.in // not a literal: the ini plugin keeps the text
		}
		if !reflect.DeepEqual(odict.DeepPlain(got), tt.want) {
			t.Errorf("LiteralEval(%q) = %#v, want %#v", tt.in, got, tt.want)
		}
	}
}
