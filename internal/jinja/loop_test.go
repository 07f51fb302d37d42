package jinja

import (
	"testing"

	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/taint"
)

// TestLoopLookup runs with_<lookup> loops through LoopLookup: the terms
// templated in the scope, items in the lookup's order and marked unsafe
// (wrap_var), errors in the lookup's words. internal/lookups' golden
// suite holds Ansible's recorded results of the lookups themselves.
func TestLoopLookup(t *testing.T) {
	e := New(Options{})
	scope := e.NewScope(map[string]any{"l": []any{"a", "b"}, "d": odict.Of("b", 1, "a", 2)})
	tests := []struct {
		name  string
		terms any
		want  []any
		err   string
	}{
		{"items", "{{ l }}", []any{"a", "b"}, ""},
		{"dict", "{{ d }}", []any{odict.Of("key", "b", "value", 1), odict.Of("key", "a", "value", 2)}, ""},
		{"indexed_items", []any{"x"}, []any{pyTuple{0, "x"}}, ""},
		{"together", []any{[]any{}, []any{1}}, []any{[]any{nil, 1}}, ""},
		{"sequence", "start=0 junk=3", nil, "unrecognized arguments to with_sequence: ['junk']"},
		{"nosuch", []any{1}, nil, "Unexpected failure in finding the lookup named 'nosuch' in the available lookup plugins"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			items, err := e.LoopLookup(tc.name, tc.terms, scope, "files")
			if tc.err != "" {
				if msg, _ := AnsibleMessage(err); msg != tc.err {
					t.Fatalf("error = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []any
			for _, it := range items {
				v, f := taint.Unwrap(it)
				if !f.Has(taint.Unsafe) && tc.name != "together" {
					t.Errorf("item %v is not marked unsafe", v)
				}
				got = append(got, v)
			}
			if PyRepr(got) != PyRepr(tc.want) {
				t.Errorf("items = %#v, want %#v", got, tc.want)
			}
		})
	}
}
