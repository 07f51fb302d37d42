package modules

import (
	"context"
	"reflect"
	"testing"
)

// TestSetStatsResult checks set_stats' ansible_stats and its failures,
// worded as ansible-core's action words them.
func TestSetStatsResult(t *testing.T) {
	cases := []struct {
		args map[string]any
		want map[string]any
		msg  string
	}{
		{map[string]any{"data": map[string]any{"n": 1}},
			map[string]any{"data": map[string]any{"n": 1}, "per_host": false, "aggregate": true}, ""},
		{map[string]any{"data": map[string]any{"n": 1}, "per_host": "yes", "aggregate": "x"},
			map[string]any{"data": map[string]any{"n": 1}, "per_host": true, "aggregate": false}, ""},
		{map[string]any{"data": []any{1, 2}}, nil, "The 'data' option needs to be a dictionary/hash"},
		{map[string]any{"data": map[string]any{".bad": 1}}, nil,
			"The variable name '.bad' is not valid. Variables must start with a letter or underscore character, and contain only letters, numbers and underscores."},
	}
	for _, c := range cases {
		res, err := SetStats{}.Run(context.Background(), &Call{Args: c.args})
		if err != nil {
			t.Fatalf("%v: %v", c.args, err)
		}
		if c.msg != "" {
			if !res.Failed || res.Msg != c.msg {
				t.Errorf("%v: failed=%v msg=%q, want %q", c.args, res.Failed, res.Msg, c.msg)
			}
			continue
		}
		if res.Changed || !reflect.DeepEqual(res.Data["ansible_stats"], c.want) {
			t.Errorf("%v: %v, want %v", c.args, res.Data, c.want)
		}
	}
}
