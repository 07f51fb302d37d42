package ssh

import (
	"context"
	"os"
	"strconv"
	"sync"
	"testing"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/test/testhosts"
)

// BenchmarkCommands runs 20 commands on each of N hosts (EDX_BENCH_HOSTS,
// default 10) concurrently, once through the persistent shell and once with
// a new SSH session per command (what a plain exec transport does).
func BenchmarkCommands(b *testing.B) {
	n := 10
	if v, err := strconv.Atoi(os.Getenv("EDX_BENCH_HOSTS")); err == nil && v > 0 {
		n = v
	}
	f := startFleet(b, testhosts.Options{N: n, Prefix: "sshbench"})
	pool := NewPool()
	defer pool.Close()
	conns := make([]*Conn, n)
	for i := range conns {
		c, err := pool.Get(context.Background(), hostConfig(b, f, i))
		if err != nil {
			b.Fatal(err)
		}
		conns[i] = c.(*Conn)
	}
	const perHost = 20
	run := func(b *testing.B, one func(c *Conn) error) {
		for b.Loop() {
			var wg sync.WaitGroup
			for _, c := range conns {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for range perHost {
						if err := one(c); err != nil {
							b.Error(err)
							return
						}
					}
				}()
			}
			wg.Wait()
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n*perHost), "µs/command")
	}
	cmd := connection.Command{Cmd: "echo hello; test -d /srv"}
	b.Run("persistent-shell", func(b *testing.B) {
		run(b, func(c *Conn) error {
			_, err := c.Run(context.Background(), cmd)
			return err
		})
	})
	b.Run("session-per-command", func(b *testing.B) {
		run(b, func(c *Conn) error {
			cli, err := c.connected(context.Background())
			if err != nil {
				return err
			}
			sess, err := cli.NewSession()
			if err != nil {
				return err
			}
			defer sess.Close()
			_, err = sess.Output(cmd.Cmd)
			return err
		})
	})
}
