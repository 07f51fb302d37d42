package pyvalue

import (
	"testing"

	"github.com/edxplay/edxplay/internal/odict"
)

// TestDumps compares with Python 3's json.dumps on the same values.
func TestDumps(t *testing.T) {
	v := odict.Of("b", []any{1, 2.5, nil, true}, "a", "é")
	tests := []struct {
		name, got, want string
	}{
		{"sort_keys=True", DumpJSON(v, -1), `{"a": "\u00e9", "b": [1, 2.5, null, true]}`},
		{"sort_keys=True, indent=4", DumpJSON(v, 4),
			"{\n    \"a\": \"\\u00e9\",\n    \"b\": [\n        1,\n        2.5,\n        null,\n        true\n    ]\n}"},
		{"unencodable", DumpJSON(struct{}{}, -1), "{}"},
		{"sized integers (a module's size, uid)", DumpJSON(map[string]any{"size": int64(3), "uid": uint32(0)}, -1),
			`{"size": 3, "uid": 0}`},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, tt.got, tt.want)
		}
	}
	w := odict.Of("b", []any{1}, "a", "é")
	if got, err := Dumps(w); err != nil || got != `{"b": [1], "a": "\u00e9"}` {
		t.Errorf("Dumps: %s, %v", got, err)
	}
}
