package pyvalue

import (
	"math"
	"testing"
)

// inventoryJSON encodes like ansible-inventory's json.dumps call.
func inventoryJSON(v any) string {
	s, _ := JSON(v, JSONStyle{Indent: 4, ItemSep: ",", KeySep: ": ", SortKeys: true, Unicode: true})
	return s
}

func TestFormatting(t *testing.T) {
	tests := []struct {
		v         any
		json, str string
	}{
		{1.0, "1.0", "1.0"},
		{1e16, "1e+16", "1e+16"},
		{1234567890123456.0, "1234567890123456.0", "1234567890123456.0"},
		{0.0001, "0.0001", "0.0001"},
		{0.00001, "1e-05", "1e-05"},
		{math.Inf(1), "Infinity", "inf"},
		{"it's", `"it's"`, "it's"},
		{[]any{"it's", `a"b`, "a'b\"c", nil, true}, "", `["it's", 'a"b', 'a\'b"c', None, True]`},
		{"<&>\u00e9\n", `"<&>é\n"`, "<&>é\n"},
		{"\x01", `"\u0001"`, "\x01"},
	}
	for _, tt := range tests {
		if tt.json != "" {
			if got := inventoryJSON(tt.v); got != tt.json {
				t.Errorf("JSON(%#v) = %s, want %s", tt.v, got, tt.json)
			}
		}
		if got := Str(tt.v); got != tt.str {
			t.Errorf("Str(%#v) = %s, want %s", tt.v, got, tt.str)
		}
	}
}
