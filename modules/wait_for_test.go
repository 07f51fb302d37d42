package modules_test

import (
	"net"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"
)

func TestWaitFor(t *testing.T) {
	conn := hostConn(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	dir := t.TempDir()
	later := filepath.Join(dir, "ready")
	go func() {
		time.Sleep(1500 * time.Millisecond)
		_ = os.WriteFile(later, []byte("service ready on 8080\n"), 0o644)
	}()
	tests := []struct {
		name    string
		args    map[string]any
		failMsg string
	}{
		{"port open", map[string]any{"port": port, "timeout": 5}, ""},
		{"file appears with regex", map[string]any{"path": later, "search_regex": `ready on (\d+)`, "timeout": 10}, ""},
		{"file absent", map[string]any{"path": filepath.Join(dir, "nope"), "state": "absent", "timeout": 2}, ""},
		{"file never appears", map[string]any{"path": filepath.Join(dir, "never"), "timeout": 1}, "Timeout when waiting for file " + filepath.Join(dir, "never")},
		{"port stays open", map[string]any{"port": port, "state": "stopped", "timeout": 1}, "Timeout when waiting for 127.0.0.1:" + itoa(port) + " to stop."},
		{"both port and path", map[string]any{"port": port, "path": later}, "port and path parameter can not both be passed to wait_for"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := applyModule(t, conn, "wait_for", tt.args, false)
			if res.Failed != (tt.failMsg != "") || (tt.failMsg != "" && res.Msg != tt.failMsg) {
				t.Fatalf("failed=%v msg=%q, want failure %q", res.Failed, res.Msg, tt.failMsg)
			}
			if tt.args["search_regex"] != nil && !reflect.DeepEqual(res.Data["match_groups"], []any{"8080"}) {
				t.Errorf("match_groups = %v", res.Data["match_groups"])
			}
		})
	}
	ln.Close()
	if res := applyModule(t, conn, "wait_for", map[string]any{"port": port, "state": "stopped", "timeout": 5}, false); res.Failed {
		t.Errorf("closed port: %+v", res)
	}
	if res := applyModule(t, conn, "wait_for", map[string]any{"port": port}, true); !res.Skipped {
		t.Errorf("check mode: %+v", res)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
