package ssh

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/test/testhosts"
)

// TestPendingCleanup: temporary files noted by a shell that is gone are
// removed by the next shell, odd names included; those of a shell that
// still runs, and listed paths that are not temporary files, stay.
func TestPendingCleanup(t *testing.T) {
	t.Parallel()
	f := startFleet(t, testhosts.Options{N: 1, Prefix: "sshpend"})
	hc := hostConfig(t, f, 0)
	srv := filepath.Join(f.Dir, "hosts", f.Hosts[0].Name, "srv")
	odd := "odd \\dir\nname"
	if err := os.MkdirAll(filepath.Join(srv, odd), 0o755); err != nil {
		t.Fatal(err)
	}
	gone, live := dialT(t, hc), dialT(t, hc)
	note := func(c *Conn, paths ...string) {
		t.Helper()
		ctx := context.Background()
		cli, err := c.connected(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.recordPending(ctx, cli, nil, paths...); err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			if err := os.WriteFile(filepath.Join(srv, p[len("/srv/"):]), []byte("partial"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	stale := []string{"/srv/" + odd + "/" + connection.TempPrefix + "1-f", "/srv/" + connection.TempPrefix + "2-\\n"}
	note(gone, append(stale, "/srv/not-a-temp-file")...)
	note(live, "/srv/"+connection.TempPrefix+"3-live")
	if err := gone.Close(); err != nil {
		t.Fatal(err)
	}
	// The closed connection's shell ends a moment after the close.
	next := dialT(t, hc)
	var left []string
	for range 100 {
		runT(t, next, connection.Command{Cmd: "true"})
		next.Close()
		next = dialT(t, hc)
		left = left[:0]
		for _, p := range stale {
			if _, err := os.Lstat(filepath.Join(srv, p[len("/srv/"):])); err == nil {
				left = append(left, p)
			}
		}
		if len(left) == 0 {
			break
		}
	}
	if len(left) > 0 {
		t.Errorf("temporary files of a closed connection are still there: %q", left)
	}
	for _, keep := range []string{"not-a-temp-file", connection.TempPrefix + "3-live"} {
		if _, err := os.Stat(filepath.Join(srv, keep)); err != nil {
			t.Errorf("%s: %v", keep, err)
		}
	}
	runT(t, live, connection.Command{Cmd: "true"})
}
