package modules_test

import "testing"

func TestPing(t *testing.T) {
	conn := hostConn(t)
	for _, check := range []bool{false, true} {
		if res := applyModule(t, conn, "ping", nil, check); res.Failed || res.Changed || res.Data["ping"] != "pong" {
			t.Fatalf("ping (check=%v): %+v", check, res)
		}
	}
	if res := applyModule(t, conn, "ping", map[string]any{"data": "hello"}, false); res.Data["ping"] != "hello" {
		t.Fatalf("ping data: %+v", res)
	}
	if res := applyModule(t, conn, "ping", map[string]any{"data": "crash"}, false); !res.Failed {
		t.Fatalf("ping crash did not fail: %+v", res)
	}
}
