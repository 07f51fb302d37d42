package modules_test

import (
	"context"
	"testing"
	"time"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/connection/ssh"
	"github.com/edxplay/edxplay/test/conformance"
	"github.com/edxplay/edxplay/test/testhosts"
)

// TestConformanceSSH runs the shared module suite (apply, apply twice with
// no change, check mode, diff) over the SSH transport against a real sshd
// test host: the same cases as on the local connection.
func TestConformanceSSH(t *testing.T) {
	fleet := testhosts.StartT(t, testhosts.Options{N: 1, Prefix: "modconf"})
	h := fleet.Hosts[0]
	pool := ssh.NewPool()
	t.Cleanup(func() { _ = pool.Close() })
	conformance.Run(t, func(t *testing.T) connection.Conn {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pool.Get(ctx, ssh.HostConfig{Host: h.Addr, Port: h.Port, User: "root", ConfigFile: "none",
			PrivateKeyFiles: []string{fleet.ClientKeyFile}, KnownHostsFiles: []string{fleet.KnownHostsFile},
			DisableAgent: true})
		if err != nil {
			t.Fatalf("connect to %s: %v", h.Name, err)
		}
		return c
	})
}
