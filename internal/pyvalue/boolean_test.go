package pyvalue

import "testing"

// TestBoolean compares with ansible-core 2.14's
// module_utils.parsing.convert_bool.boolean (ok false where it raises).
func TestBoolean(t *testing.T) {
	tests := []struct {
		in        any
		value, ok bool
	}{
		{true, true, true}, {false, false, true}, {1, true, true}, {0, false, true},
		{1.0, true, true}, {0.0, false, true}, {2, false, false},
		{"y", true, true}, {"Y", true, true}, {"yes", true, true}, {" Yes ", true, true}, {"on", true, true},
		{"1", true, true}, {"true", true, true}, {"TRUE", true, true}, {"t", true, true},
		{"n", false, true}, {"no", false, true}, {"off", false, true}, {"0", false, true},
		{"false", false, true}, {"f", false, true}, {"F", false, true},
		{"1.0", false, false}, {"0.0", false, false}, {"", false, false}, {"maybe", false, false}, {nil, false, false},
	}
	for _, tt := range tests {
		if v, ok := Boolean(tt.in); v != tt.value || ok != tt.ok {
			t.Errorf("Boolean(%#v) = %v, %v; want %v, %v", tt.in, v, ok, tt.value, tt.ok)
		}
	}
}
