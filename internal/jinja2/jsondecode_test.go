package jinja2

import (
	"strings"
	"testing"
)

// TestDecodeJSON checks key order, big integers and floats as Python's
// json.loads gives them (repr), and the nesting bound.
func TestDecodeJSON(t *testing.T) {
	tests := []struct{ in, repr string }{
		{`{"b": [1, 2.5, null, true], "a": 123456789012345678901234567890}`, "{'b': [1, 2.5, None, True], 'a': 123456789012345678901234567890}"},
		{`"x"`, "'x'"},
		{`[]`, "[]"},
	}
	for _, tt := range tests {
		v, err := DecodeJSON([]byte(tt.in))
		if err != nil || Repr(v) != tt.repr {
			t.Errorf("DecodeJSON(%s) = %s, %v; want %s", tt.in, Repr(v), err, tt.repr)
		}
	}
	deep := strings.Repeat("[", jsonMaxDepth+2) + strings.Repeat("]", jsonMaxDepth+2)
	if _, err := DecodeJSON([]byte(deep)); err == nil {
		t.Error("no error for JSON nested past the bound")
	}
}
