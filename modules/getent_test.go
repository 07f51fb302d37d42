package modules_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/shellwords"
)

// TestGetentAgainstAnsible compares getent's facts with ansible-core's,
// recorded by testdata/getent/regen.sh, where the test host's getent(1)
// prints what the recording parsed.
func TestGetentAgainstAnsible(t *testing.T) {
	conn := hostConn(t)
	var cases []struct {
		Name string
		Args map[string]any
	}
	readJSON(t, "testdata/getent/cases.json", &cases)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			var want struct {
				Input        string
				Failed       bool
				Msg          string
				AnsibleFacts map[string]any `json:"ansible_facts"`
			}
			readJSON(t, "testdata/getent/"+c.Name+".json", &want)
			argv := []string{"getent", c.Args["database"].(string)}
			if k, ok := c.Args["key"].(string); ok {
				argv = append(argv, k)
			}
			raw, err := conn.Run(t.Context(), cmd(shellwords.Join(argv)))
			if err != nil {
				t.Fatal(err)
			}
			if raw.Stdout != want.Input {
				t.Skipf("this host's %s differs from the recording's", strings.Join(argv, " "))
			}
			for _, check := range []bool{true, false} {
				res := applyModule(t, conn, "getent", c.Args, check)
				if res.Failed != want.Failed || res.Msg != want.Msg || res.Changed {
					t.Fatalf("check=%v: failed=%v msg=%q changed=%v, want failed=%v msg=%q", check, res.Failed, res.Msg, res.Changed, want.Failed, want.Msg)
				}
				if res.Facts != nil && !res.CacheableFacts {
					t.Fatal("getent's facts must be ansible_facts")
				}
				var got map[string]any
				data, _ := json.Marshal(res.Facts)
				_ = json.Unmarshal(data, &got)
				if len(want.AnsibleFacts) == 0 && len(got) == 0 {
					continue
				}
				if !reflect.DeepEqual(got, want.AnsibleFacts) {
					t.Fatalf("facts:\n got %v\nwant %v", got, want.AnsibleFacts)
				}
			}
		})
	}
}
