package engine

import (
	"reflect"
	"testing"

	"github.com/edxplay/edxplay/internal/odict"
)

// TestAggregateStat follows ansible-core's update_custom_stats: numbers
// add, strings and lists join, mappings merge, other types stay.
func TestAggregateStat(t *testing.T) {
	cases := []struct {
		old, v, want any
		ok           bool
	}{
		{10, 15, 25, true},
		{1.5, 1.0, 2.5, true},
		{"a", "b", "ab", true},
		{[]any{1}, []any{2}, []any{1, 2}, true},
		{map[string]any{"a": 1}, map[string]any{"b": 2}, nil, true},
		{10, "x", nil, false},
	}
	for _, c := range cases {
		got, ok := aggregateStat(c.old, c.v)
		if ok != c.ok {
			t.Errorf("%v + %v: ok = %v", c.old, c.v, ok)
			continue
		}
		if c.want != nil && !reflect.DeepEqual(got, c.want) {
			t.Errorf("%v + %v = %v, want %v", c.old, c.v, got, c.want)
		}
		if _, isMap := c.old.(map[string]any); isMap {
			if gm, ok := odict.Plain(got); !ok || gm["a"] != 1 || gm["b"] != 2 {
				t.Errorf("merge: %#v", got)
			}
		}
	}
}
