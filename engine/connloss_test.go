package engine

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/connection/ssh"
	"github.com/edxplay/edxplay/modules"
	"github.com/edxplay/edxplay/test/testhosts"
)

// TestLostMidTask breaks a real SSH connection: a task that failed after
// that is unreachable, whatever the module made of the error; a task that
// succeeded, was cancelled, or failed while the connection held is not.
func TestLostMidTask(t *testing.T) {
	f := testhosts.StartT(t, testhosts.Options{N: 1, Prefix: "engloss"})
	h := f.Hosts[0]
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	hc := ssh.HostConfig{Host: h.Addr, Port: h.Port, User: "root", ConfigFile: "none",
		PrivateKeyFiles: []string{f.ClientKeyFile}, KnownHostsFiles: []string{f.KnownHostsFile},
		DisableAgent: true, HomeDir: t.TempDir(), ConnectTimeout: 5 * time.Second}
	closed, err := ssh.Dial(ctx, hc)
	if err != nil {
		t.Fatal(err)
	}
	_ = closed.Close()
	sc, err := ssh.Dial(ctx, hc)
	if err != nil {
		t.Fatal(err)
	}
	defer sc.Close()
	if n := closed.Losses(); n != 0 {
		t.Errorf("a connection closed on purpose counts %d losses", n)
	}
	conn := newProbeConn(sc)
	failed := &modules.Result{Failed: true, Msg: "apt-get failed"}
	before := connLosses(conn)
	if o := lostMidTask(conn, before, failed, nil); o != nil {
		t.Fatalf("failure with the connection intact reported unreachable: %v", o.result)
	}
	if err := f.KillSSHD(0); err != nil {
		t.Fatal(err)
	}
	_, _ = conn.Run(ctx, connection.Command{Cmd: "true"})
	deadline := time.Now().Add(10 * time.Second)
	for connLosses(conn) == before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	tests := []struct {
		name        string
		res         *modules.Result
		err         error
		unreachable bool
	}{
		{"module failure", failed, nil, true},
		{"module error", nil, connection.ErrUnreachable, true},
		{"success", &modules.Result{}, nil, false},
		{"cancelled", nil, context.Canceled, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := lostMidTask(conn, before, tt.res, tt.err)
			if got := o != nil && o.unreachable; got != tt.unreachable {
				t.Fatalf("unreachable = %v, want %v (losses %d → %d)", got, tt.unreachable, before, connLosses(conn))
			}
			if o != nil && !strings.Contains(o.result["msg"].(string), "connection to the host lost") {
				t.Errorf("msg = %q", o.result["msg"])
			}
		})
	}
}
