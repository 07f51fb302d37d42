package ssh

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/edxplay/edxplay/internal/connection"
	xssh "golang.org/x/crypto/ssh"
)

// client is an SSH client together with the jump-host clients it runs over.
type client struct {
	*xssh.Client
	jumps []*xssh.Client
}

// Close closes the client, then its jump hosts, innermost first.
func (c *client) Close() error {
	err := c.Client.Close()
	for i := len(c.jumps) - 1; i >= 0; i-- {
		_ = c.jumps[i].Close()
	}
	return err
}

// dialWithRetry connects, retrying transient failures with exponential
// backoff. Every failure is wrapped with connection.ErrUnreachable.
func dialWithRetry(ctx context.Context, t *target) (*client, error) {
	backoff := 250 * time.Millisecond
	for attempt := 0; ; attempt++ {
		c, err := handshakes.do(ctx, func() (*client, error) { return dialTarget(ctx, t) })
		if err == nil {
			return c, nil
		}
		if attempt >= t.retries || !transient(err) || ctx.Err() != nil {
			return nil, fmt.Errorf("%w: ssh %s@%s: %w", connection.ErrUnreachable, t.user, t.addr(), err)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("%w: ssh %s@%s: %w", connection.ErrUnreachable, t.user, t.addr(), ctx.Err())
		case <-time.After(jitter(backoff)):
		}
		backoff *= 2
	}
}

// transient reports errors worth retrying: network trouble, not host key
// or authentication refusals.
func transient(err error) bool {
	if errors.Is(err, ErrHostKeyUnknown) || errors.Is(err, ErrHostKeyChanged) {
		return false
	}
	msg := err.Error()
	if strings.Contains(msg, "unable to authenticate") || strings.Contains(msg, "no authentication method") {
		return false
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return false
	}
	return true
}

// dialTarget connects through the jump hosts (if any) to the target.
func dialTarget(ctx context.Context, t *target) (*client, error) {
	c := &client{}
	var via *xssh.Client
	for _, hc := range t.jumps {
		jt, err := resolve(hc)
		if err != nil {
			c.closeJumps()
			return nil, fmt.Errorf("jump host %s: %w", hc.Host, err)
		}
		jc, err := handshake(ctx, jt, via)
		if err != nil {
			c.closeJumps()
			return nil, fmt.Errorf("jump host %s@%s: %w", jt.user, jt.addr(), err)
		}
		c.jumps, via = append(c.jumps, jc), jc
	}
	sc, err := handshake(ctx, t, via)
	if err != nil {
		c.closeJumps()
		return nil, err
	}
	c.Client = sc
	return c, nil
}

func (c *client) closeJumps() {
	for i := len(c.jumps) - 1; i >= 0; i-- {
		_ = c.jumps[i].Close()
	}
}

// handshake opens TCP (directly or through via) and runs the SSH handshake
// and authentication, all bounded by the connect timeout.
func handshake(ctx context.Context, t *target, via *xssh.Client) (*xssh.Client, error) {
	cfg, release, err := clientConfig(t)
	if err != nil {
		return nil, err
	}
	defer release()
	ctx, cancel := context.WithTimeout(ctx, t.connectTimeout)
	defer cancel()
	done, err := perAddr.acquire(ctx, t.addr())
	if err != nil {
		return nil, fmt.Errorf("ssh handshake with %s: %w", t.addr(), err)
	}
	defer done()
	conn, err := dialTCP(ctx, t.addr(), via)
	if err != nil {
		return nil, err
	}
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Now()) })
	sc, chans, reqs, err := xssh.NewClientConn(conn, t.addr(), cfg)
	if !stop() {
		_ = conn.Close()
		return nil, fmt.Errorf("ssh handshake with %s: %w", t.addr(), errors.Join(ctx.Err(), err))
	}
	if err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("ssh handshake with %s: %w", t.addr(), err)
	}
	return xssh.NewClient(sc, chans, reqs), nil
}

func dialTCP(ctx context.Context, addr string, via *xssh.Client) (net.Conn, error) {
	if via == nil {
		var d net.Dialer
		conn, err := d.DialContext(ctx, "tcp", addr)
		if err != nil {
			return nil, fmt.Errorf("connect: %w", err)
		}
		return conn, nil
	}
	conn, err := via.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("connect through jump host: %w", err)
	}
	return conn, nil
}

func clientConfig(t *target) (*xssh.ClientConfig, func(), error) {
	checker := hostKeyChecker{mode: t.hostKeyMode, files: t.knownHosts}
	cb, algos, err := checker.callback(t.addr())
	if err != nil {
		return nil, nil, err
	}
	methods, release, err := authMethods(t)
	if err != nil {
		return nil, nil, err
	}
	cfg := &xssh.ClientConfig{
		User:              t.user,
		Auth:              methods,
		HostKeyCallback:   cb,
		HostKeyAlgorithms: algos,
		Timeout:           t.connectTimeout,
	}
	return cfg, release, nil
}
