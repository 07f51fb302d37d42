package engine

import (
	"reflect"
	"testing"

	"github.com/edxplay/edxplay/internal/modspec"
)

func TestEvaluateTags(t *testing.T) {
	cases := []struct {
		tags, only, skip []string
		want             bool
	}{
		{nil, []string{"all"}, nil, true},
		{[]string{"never"}, []string{"all"}, nil, false},
		{[]string{"never", "deploy"}, []string{"deploy"}, nil, true},
		{[]string{"always"}, []string{"deploy"}, nil, true},
		{[]string{"always"}, []string{"all"}, []string{"always"}, false},
		{[]string{"x"}, []string{"tagged"}, nil, true},
		{nil, []string{"tagged"}, nil, false},
		{nil, []string{"untagged"}, nil, true},
		{[]string{"deploy"}, []string{"all"}, []string{"deploy"}, false},
		{[]string{"always"}, []string{"all"}, []string{"all"}, true},
	}
	for _, c := range cases {
		if got := evaluateTags(c.tags, c.only, c.skip); got != c.want {
			t.Errorf("tags %v only %v skip %v: got %v, want %v", c.tags, c.only, c.skip, got, c.want)
		}
	}
}

func TestSerialBatches(t *testing.T) {
	hosts := []string{"a", "b", "c", "d", "e"}
	cases := []struct {
		serial []any
		want   [][]string
	}{
		{nil, [][]string{hosts}},
		{[]any{2}, [][]string{{"a", "b"}, {"c", "d"}, {"e"}}},
		{[]any{"40%"}, [][]string{{"a", "b"}, {"c", "d"}, {"e"}}},
		{[]any{1, "50%"}, [][]string{{"a"}, {"b", "c"}, {"d", "e"}}},
		{[]any{"10%"}, [][]string{{"a"}, {"b"}, {"c"}, {"d"}, {"e"}}},
	}
	for _, c := range cases {
		if got := serialBatches(c.serial, hosts); !reflect.DeepEqual(got, c.want) {
			t.Errorf("serial %v: got %v, want %v", c.serial, got, c.want)
		}
	}
}

func TestConvertArgs(t *testing.T) {
	spec := modspec.Spec{Name: "demo", Args: []modspec.Arg{
		{Name: "path", Type: modspec.Path, Required: true, Aliases: []string{"dest"}},
		{Name: "force", Type: modspec.Bool, Default: true},
		{Name: "mode", Type: modspec.Mode},
		{Name: "count", Type: modspec.Int},
		{Name: "state", Type: modspec.String, Choices: []string{"present", "absent"}, Default: "present"},
	}}
	got, err := ConvertArgs(spec, map[string]any{"dest": "/x", "force": "no", "mode": 420, "count": "3"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"path": "/x", "force": false, "mode": "0644", "count": 3, "state": "present"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	for _, bad := range []map[string]any{{}, {"path": "/x", "bogus": 1}, {"path": "/x", "state": "gone"}, {"path": "/x", "force": "maybe"}} {
		if _, err := ConvertArgs(spec, bad); err == nil {
			t.Errorf("args %v: want an error", bad)
		}
	}
}
