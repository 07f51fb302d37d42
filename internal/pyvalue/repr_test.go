package pyvalue

import (
	"math"
	"strings"
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

func TestDeepValues(t *testing.T) {
	var deep any = 1
	for i := 0; i < MaxDepth+10; i++ {
		deep = []any{deep}
	}
	if _, err := JSON(deep, JSONStyle{Indent: 4, ItemSep: ",", KeySep: ": "}); err == nil ||
		err.Error() != "maximum recursion depth exceeded while encoding a JSON object" {
		t.Errorf("JSON of a too deep value: err = %v", err)
	}
	if s := Repr(deep); !strings.Contains(s, "[...]") || strings.Count(s, "[") != MaxDepth+1 {
		t.Errorf("Repr of a too deep value: %d brackets", strings.Count(s, "["))
	}
	shallow := []any{[]any{map[string]any{"a": []any{1}}}}
	if got, err := JSON(shallow, JSONStyle{Indent: -1, ItemSep: ", ", KeySep: ": "}); err != nil || got != `[[{"a": [1]}]]` {
		t.Errorf("JSON of a shallow value: %q, %v", got, err)
	}
}
