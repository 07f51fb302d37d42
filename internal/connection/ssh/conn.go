// Package ssh is the SSH transport: one TCP connection per host, commands
// run in long-lived sh sessions (one per become user) framed by unique end
// markers, files moved over SFTP on the same connection. It reads
// ~/.ssh/config, checks host keys against known_hosts files, authenticates
// with the agent, key files or a password, hops through ProxyJump hosts,
// and reconnects after transient failures.
package ssh

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/pkg/sftp"
)

// Conn is a connection to one host; it implements connection.Conn and is
// safe for concurrent use.
type Conn struct {
	target *target

	mu     sync.Mutex
	cli    *client
	shells map[string]*shell
	sftp   *sftp.Client
	closed bool

	sftpStart sync.Mutex // serialises starting the SFTP client

	losses atomic.Uint64 // connections that broke (see Losses)
}

var (
	_ connection.Conn        = (*Conn)(nil)
	_ connection.LossCounter = (*Conn)(nil)
)

// Losses counts the connections to the host that broke (rather than
// being closed); see connection.LossCounter.
func (c *Conn) Losses() uint64 { return c.losses.Load() }

// ErrClosed is returned by a Conn used after Close.
var ErrClosed = errors.New("ssh connection closed")

// Dial resolves hc against ssh_config and connects. Failures wrap
// connection.ErrUnreachable.
func Dial(ctx context.Context, hc HostConfig) (*Conn, error) {
	t, err := resolve(hc)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", connection.ErrUnreachable, hc.Host, err)
	}
	c := &Conn{target: t, shells: map[string]*shell{}}
	if _, err := c.connected(ctx); err != nil {
		return nil, err
	}
	return c, nil
}

// connected returns the live client, redialling (with retries) after the
// connection broke.
func (c *Conn) connected(ctx context.Context) (*client, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, ErrClosed
	}
	if c.cli != nil {
		return c.cli, nil
	}
	cli, err := dialWithRetry(ctx, c.target)
	if err != nil {
		return nil, err
	}
	c.cli = cli
	done := make(chan struct{})
	go c.watch(cli, done)
	go keepAlive(cli, c.target.aliveInterval, c.target.aliveCountMax, done)
	return cli, nil
}

// watch forgets the client and everything on it once its connection ends.
func (c *Conn) watch(cli *client, done chan struct{}) {
	_ = cli.Wait()
	close(done)
	cli.closeJumps()
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.closed {
		c.losses.Add(1)
	}
	if c.cli == cli {
		c.forgetLocked()
	}
}

func (c *Conn) forgetLocked() {
	for _, sh := range c.shells {
		sh.close()
	}
	c.shells = map[string]*shell{}
	if c.sftp != nil {
		_ = c.sftp.Close()
	}
	c.cli, c.sftp = nil, nil
}

// keepAlive sends keepalive@openssh.com requests every interval and closes
// the client after countMax unanswered ones. It runs on a timer, not a
// goroutine of its own: a thousand idle connections would otherwise keep
// a thousand goroutines (and their stacks) asleep. The timer callback runs
// one at a time (each one re-arms the timer when it is done), so missed
// needs no lock.
func keepAlive(cli *client, interval time.Duration, countMax int, done <-chan struct{}) {
	if interval <= 0 {
		return
	}
	var (
		mu     sync.Mutex // guards t, set once the timer exists
		t      *time.Timer
		missed int
	)
	tick := func() {
		select {
		case <-done:
			return
		default:
		}
		if alive(cli, interval) {
			missed = 0
		} else if missed++; missed >= countMax {
			_ = cli.Close()
			return
		}
		mu.Lock()
		t.Reset(interval)
		mu.Unlock()
	}
	mu.Lock()
	t = time.AfterFunc(interval, tick)
	mu.Unlock()
}

// alive reports whether the server answers a keepalive request in time.
func alive(cli *client, timeout time.Duration) bool {
	reply := make(chan error, 1)
	go func() {
		_, _, err := cli.SendRequest("keepalive@openssh.com", true, nil)
		reply <- err
	}()
	select {
	case err := <-reply:
		return err == nil
	case <-time.After(timeout):
		return false
	}
}

// brokenError closes a client that stopped answering and returns err
// marked unreachable; a client that still answers keeps err as it is.
func (c *Conn) brokenError(cli *client, err error) error {
	if alive(cli, 3*time.Second) {
		return err
	}
	_ = cli.Close()
	return fmt.Errorf("%w: ssh %s: connection lost: %w", connection.ErrUnreachable, c.target.addr(), err)
}

// Close closes the connection, then the shells and the SFTP client. The
// connection goes first: it ends every channel at once, where the SFTP
// client's own close waits for a server that may hang (a stalled upload).
func (c *Conn) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil
	}
	c.closed = true
	var err error
	if c.cli != nil {
		err = c.cli.Close()
	}
	c.forgetLocked()
	return err
}

// Run executes cmd in the persistent shell of its become user, or in a
// fresh session when it has stdin data.
func (c *Conn) Run(ctx context.Context, cmd connection.Command) (connection.Result, error) {
	if err := checkEnv(cmd.Env); err != nil {
		return connection.Result{}, err
	}
	for attempt := 0; ; attempt++ {
		cli, err := c.connected(ctx)
		if err != nil {
			return connection.Result{}, err
		}
		if cmd.Stdin != nil {
			res, err := c.runSession(ctx, cli, cmd)
			if errors.Is(err, errShellGone) {
				err = c.brokenError(cli, err)
			}
			return res, err
		}
		sh, err := c.shellFor(ctx, cli, cmd.Become)
		if err != nil {
			if ctx.Err() == nil && attempt == 0 && !alive(cli, 3*time.Second) {
				_ = cli.Close()
				c.forgetClient(cli)
				continue // nothing ran yet: retry once on a new connection
			}
			return connection.Result{}, err
		}
		res, err := sh.run(ctx, cmd)
		if errors.Is(err, errShellRetired) && attempt < 3 {
			c.dropShell(becomeKey(cmd.Become), sh)
			continue
		}
		if errors.Is(err, errShellGone) {
			c.dropShell(becomeKey(cmd.Become), sh)
			err = c.brokenError(cli, err)
		}
		return res, err
	}
}

// forgetClient drops cli at once (watch would do so shortly).
func (c *Conn) forgetClient(cli *client) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cli == cli {
		c.forgetLocked()
	}
}

// shellFor returns the persistent shell for become, starting it if needed.
func (c *Conn) shellFor(ctx context.Context, cli *client, b *connection.Become) (*shell, error) {
	key := becomeKey(b)
	c.mu.Lock()
	sh := c.shells[key]
	c.mu.Unlock()
	if sh != nil && !sh.isDead() {
		return sh, nil
	}
	sh, err := startShell(ctx, cli.Client, b)
	if err != nil {
		return nil, err
	}
	sh.kill = func(pid string) { c.killGroup(cli, pid, b) }
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.shells[key]; old != nil && !old.isDead() {
		sh.close() // another goroutine won the race
		return old, nil
	}
	if c.cli != cli {
		sh.close()
		return nil, fmt.Errorf("%w: ssh %s: connection lost", connection.ErrUnreachable, c.target.addr())
	}
	c.shells[key] = sh
	return sh, nil
}

func (c *Conn) dropShell(key string, sh *shell) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.shells[key] == sh {
		delete(c.shells, key)
	}
}

func (s *shell) isDead() bool { return s.dead.Load() }
