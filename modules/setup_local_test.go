package modules

import (
	"reflect"
	"testing"
)

func TestParseFactINI(t *testing.T) {
	cases := []struct {
		name, text string
		want       map[string]any
		ok         bool
	}{
		{"section", "[general]\nbar=loaded\n", map[string]any{"general": map[string]any{"bar": "loaded"}}, true},
		{"colon, case, comments", "; c\n[s]\n# c\nFoo : 1\n", map[string]any{"s": map[string]any{"foo": "1"}}, true},
		{"continuation", "[s]\na = x\n  y\n", map[string]any{"s": map[string]any{"a": "x\ny"}}, true},
		{"no section header", "wontbeseen=ever\n", nil, false},
		{"empty", "", map[string]any{}, true},
	}
	for _, c := range cases {
		got, ok := parseFactINI(c.text)
		if ok != c.ok || (ok && !reflect.DeepEqual(got, c.want)) {
			t.Errorf("%s: got %v, %v; want %v, %v", c.name, got, ok, c.want, c.ok)
		}
	}
}
