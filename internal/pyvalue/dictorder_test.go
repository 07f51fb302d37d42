package pyvalue

import (
	"testing"

	"github.com/edxplay/edxplay/internal/odict"
)

// TestDictOrderRoundTrips checks that dicts parsed from literals and JSON
// keep their order through repr and json.dumps, as Python's do.
func TestDictOrderRoundTrips(t *testing.T) {
	oneLine := JSONStyle{Indent: -1, ItemSep: ", ", KeySep: ": "}
	tests := []struct {
		name, in, repr, json string
		parse                func(string) (any, error)
	}{
		{"literal", "{'b': 1, 'a': {'z': [1], 'y': None}}", "{'b': 1, 'a': {'z': [1], 'y': None}}", `{"b": 1, "a": {"z": [1], "y": null}}`,
			func(s string) (any, error) { return LiteralEval(s, LiteralOptions{}) }},
		{"literal repeated key keeps first place", "{'b': 1, 'a': 2, 'b': 3}", "{'b': 3, 'a': 2}", `{"b": 3, "a": 2}`,
			func(s string) (any, error) { return LiteralEval(s, LiteralOptions{}) }},
		{"json", `{"z": {"b": true, "a": []}, "y": 1}`, "{'z': {'b': True, 'a': []}, 'y': 1}", `{"z": {"b": true, "a": []}, "y": 1}`, ParseJSON},
		{"empty", "{}", "{}", "{}", func(s string) (any, error) { return LiteralEval(s, LiteralOptions{}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := tt.parse(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := v.(*odict.Map); !ok {
				t.Fatalf("parsed a %T, want *odict.Map", v)
			}
			if got := Repr(v); got != tt.repr {
				t.Errorf("Repr = %s, want %s", got, tt.repr)
			}
			if got, err := JSON(v, oneLine); err != nil || got != tt.json {
				t.Errorf("JSON = %s, %v, want %s", got, err, tt.json)
			}
			if Truthy(v) != (tt.in != "{}") {
				t.Errorf("Truthy = %v", Truthy(v))
			}
		})
	}
}
