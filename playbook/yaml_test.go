package playbook

import (
	"encoding/json"
	"math"
	"os"
	"reflect"
	"testing"
)

// jsonLike converts decoded values to what encoding/json yields for the
// golden: numbers become float64, infinity the string "+Inf".
func jsonLike(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range t {
			out[k] = jsonLike(x)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = jsonLike(x)
		}
		return out
	case int:
		return float64(t)
	case float64:
		if math.IsInf(t, 1) {
			return "+Inf"
		}
	}
	return v
}

// TestYAMLValuesMatchAnsible compares decoding with Ansible's loader
// (testdata/yaml_regen.py).
func TestYAMLValuesMatchAnsible(t *testing.T) {
	d, err := parseFile(source{}, "testdata/yaml/values.yml")
	if err != nil {
		t.Fatal(err)
	}
	got, err := d.value(d.root)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("testdata/golden/values.json")
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]any
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	g := jsonLike(got).(map[string]any)
	for k, w := range want {
		if !reflect.DeepEqual(g[k], w) {
			t.Errorf("%s: got %#v, want %#v", k, g[k], w)
		}
	}
	if len(g) != len(want) {
		t.Errorf("got %d keys, want %d", len(g), len(want))
	}
}

func TestResolvePlainTypes(t *testing.T) {
	tests := []struct {
		in   string
		want any
	}{
		{"0644", 420}, {"08", "08"}, {"1_000", 1000}, {"1e3", "1e3"}, {"1.0e+3", 1000.0},
		{"yes", true}, {"Off", false}, {"y", "y"}, {"~", nil}, {"", nil}, {"0x1F", 31},
		{"-0b11", -3}, {"1:30", 90}, {"1.10", 1.1}, {"+7", 7}, {"True", true}, {"tRue", "tRue"},
	}
	for _, tc := range tests {
		if got := resolvePlain(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("resolvePlain(%q) = %#v, want %#v", tc.in, got, tc.want)
		}
	}
}
