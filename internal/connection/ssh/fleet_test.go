package ssh

import (
	"context"
	"testing"
	"time"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/test/testhosts"
)

// startFleet starts real sshd hosts for one test (skipped without root,
// failing under CI=true).
func startFleet(t testing.TB, opts testhosts.Options) *testhosts.Fleet {
	t.Helper()
	return testhosts.StartT(t, opts)
}

// hostConfig is a HostConfig for host i of the fleet with the fleet's client
// key and known_hosts, isolated from the machine's ~/.ssh and agent.
func hostConfig(t testing.TB, f *testhosts.Fleet, i int) HostConfig {
	h := f.Hosts[i]
	return HostConfig{
		Host:            h.Addr,
		Port:            h.Port,
		User:            "root",
		PrivateKeyFiles: []string{f.ClientKeyFile},
		KnownHostsFiles: []string{f.KnownHostsFile},
		ConfigFile:      "none",
		DisableAgent:    true,
		HomeDir:         t.TempDir(),
		ConnectTimeout:  5 * time.Second,
	}
}

func dialT(t testing.TB, hc HostConfig) *Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := Dial(ctx, hc)
	if err != nil {
		t.Fatalf("dial %s: %v", hc.Host, err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func runT(t testing.TB, c connection.Conn, cmd connection.Command) connection.Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := c.Run(ctx, cmd)
	if err != nil {
		t.Fatalf("run %q: %v", cmd.Cmd, err)
	}
	return res
}
