package pymodule_test

import (
	"encoding/json"
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/modules/pymodule"
)

// ansibleFilter runs ansible-core's own _filter_non_json_lines (objects
// only) on data: the filtered text and warnings, or ok=false when it
// raises.
const ansibleFilter = `
import json, sys
from ansible.module_utils.json_utils import _filter_non_json_lines
try:
    out, warnings = _filter_non_json_lines(sys.stdin.read(), objects_only=True)
    print(json.dumps([True, out, warnings]))
except ValueError:
    print(json.dumps([False, "", []]))
`

// TestFilterNonJSON compares FilterNonJSON with ansible-core's function.
func TestFilterNonJSON(t *testing.T) {
	needAnsible(t)
	cases := []string{
		`{"a": 1}`,
		"junk\n{\"a\": 1}\n",
		"junk\n  {\"a\": 1}  \ntrailing\n\nmore",
		"[1, 2]\n{\"a\": [\n1]}\n\n",
		"{\"a\": 1}\n   \n",
		"no json here",
		"{ opened but never closed",
		"a\r\n{\"b\": 2}\r\nc\r\n",
		"",
	}
	for _, in := range cases {
		cmd := exec.Command("/usr/bin/python3", "-c", ansibleFilter)
		cmd.Stdin = stringsReader(in)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("ansible's filter on %q: %v", in, err)
		}
		var want []any
		if err := json.Unmarshal(out, &want); err != nil {
			t.Fatal(err)
		}
		got, warnings, err := pymodule.FilterNonJSON(in)
		if ok := err == nil; ok != want[0].(bool) {
			t.Errorf("%q: error %v, ansible raised: %v", in, err, !want[0].(bool))
			continue
		}
		if err != nil {
			continue
		}
		ws := []any{}
		for _, w := range warnings {
			ws = append(ws, w)
		}
		if got != want[1] || !reflect.DeepEqual(ws, want[2]) {
			t.Errorf("%q: got %q %q, ansible %q %q", in, got, ws, want[1], want[2])
		}
	}
}

func stringsReader(s string) *strings.Reader { return strings.NewReader(s) }
