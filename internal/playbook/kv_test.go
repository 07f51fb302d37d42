package playbook

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"
)

// TestParseKVMatchesAnsible replays inputs recorded with Ansible's own
// parse_kv (testdata/kv_regen.py).
func TestParseKVMatchesAnsible(t *testing.T) {
	data, err := os.ReadFile("testdata/golden/kv.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Input    string
		CheckRaw bool `json:"check_raw"`
		Result   map[string]any
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		got, err := parseKV(c.Input, c.CheckRaw)
		if c.Result == nil {
			if err == nil {
				t.Errorf("parseKV(%q, %v) = %v, want an error", c.Input, c.CheckRaw, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("parseKV(%q, %v): %v", c.Input, c.CheckRaw, err)
			continue
		}
		if !reflect.DeepEqual(got, c.Result) {
			t.Errorf("parseKV(%q, %v) = %#v, want %#v", c.Input, c.CheckRaw, got, c.Result)
		}
	}
}

func TestSplitArgsUnbalanced(t *testing.T) {
	for _, in := range []string{`a="open`, `x={{ foo`, `{% if a`} {
		if _, err := splitArgs(in); err == nil {
			t.Errorf("splitArgs(%q): want error", in)
		}
	}
}
