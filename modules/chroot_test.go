package modules_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/connection/ssh"
	"github.com/edxplay/edxplay/test/testhosts"
)

// newChrootConn starts a real sshd test host in chroot mode (its own
// Debian root filesystem, an overlay over the cached debootstrap base) and
// returns an SSH connection to it as root: the modules that change the
// system (apt, services, users, cron) are tested over the real transport.
func newChrootConn(t *testing.T) chrootHost {
	t.Helper()
	testhosts.RequireRoot(t)
	prefix := fmt.Sprintf("mod%d", chrootSeq.Add(1))
	fleet := testhosts.StartT(t, testhosts.Options{N: 1, Mode: testhosts.Chroot, Prefix: prefix})
	h := fleet.Hosts[0]
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := ssh.Dial(ctx, ssh.HostConfig{Host: h.Addr, Port: h.Port, User: "root", ConfigFile: "none",
		PrivateKeyFiles: []string{fleet.ClientKeyFile}, KnownHostsFiles: []string{fleet.KnownHostsFile},
		DisableAgent: true})
	if err != nil {
		t.Fatalf("connect to the chroot test host: %v", err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return chrootHost{conn}
}

// chrootSeq numbers the chroot fleets of this test binary (unique prefixes).
var chrootSeq atomic.Int64

// chrootHost is a connection to a chroot test host with a helper to run
// shell commands in tests.
type chrootHost struct{ connection.Conn }

// sh runs cmd on the host and fails the test unless it exits 0.
func (c chrootHost) sh(t *testing.T, cmd string) string {
	t.Helper()
	res, err := c.Run(context.Background(), connection.Command{Cmd: cmd})
	if err != nil || res.RC != 0 {
		t.Fatalf("%s: rc %d, %v: %s", cmd, res.RC, err, res.Stderr)
	}
	return res.Stdout
}
