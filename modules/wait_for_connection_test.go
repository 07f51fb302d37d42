package modules

import (
	"context"
	"testing"

	"github.com/edxplay/edxplay/internal/connection/local"
)

// TestWaitForConnection runs wait_for_connection on the local connection:
// its arguments, the delay, and check mode's skip.
func TestWaitForConnection(t *testing.T) {
	conn, err := local.New()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		args    map[string]any
		check   bool
		failed  string
		skipped bool
		minTime int
	}{
		{name: "reachable", args: map[string]any{"timeout": 5, "sleep": 1, "connect_timeout": 5}},
		{name: "delay", args: map[string]any{"delay": 1, "timeout": 5}, minTime: 1},
		{name: "unknown option", args: map[string]any{"foo": "bar", "bar": 1}, failed: "Invalid options for wait_for_connection: bar,foo"},
		{name: "check mode", args: map[string]any{}, check: true, skipped: true},
	}
	for _, c := range cases {
		res, err := WaitForConnection{}.Run(context.Background(), &Call{Args: c.args, Conn: conn, Check: c.check})
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		switch {
		case res.Failed != (c.failed != "") || res.Msg != c.failed:
			t.Errorf("%s: failed=%v msg=%q, want %q", c.name, res.Failed, res.Msg, c.failed)
		case res.Skipped != c.skipped:
			t.Errorf("%s: skipped=%v", c.name, res.Skipped)
		case !c.skipped && c.failed == "" && res.Data["elapsed"].(int) < c.minTime:
			t.Errorf("%s: elapsed %v < %d", c.name, res.Data["elapsed"], c.minTime)
		}
	}
}
