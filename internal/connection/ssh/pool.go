package ssh

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/edxplay/edxplay/internal/connection"
)

// Pool hands out one cached connection per host for a whole run.
type Pool struct {
	mu      sync.Mutex
	entries map[string]*poolEntry
	closed  bool
}

// poolEntry is one host's connection, or the dial in progress for it.
type poolEntry struct {
	ready chan struct{}
	conn  *Conn
	err   error
}

// NewPool returns an empty pool.
func NewPool() *Pool { return &Pool{entries: map[string]*poolEntry{}} }

// Get returns the pooled connection for hc, dialling it on first use.
// Concurrent callers for one host share a single dial; a failed dial is
// not cached, so a later Get tries again.
func (p *Pool) Get(ctx context.Context, hc HostConfig) (connection.Conn, error) {
	key := poolKey(hc)
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil, ErrClosed
	}
	e, found := p.entries[key]
	if !found {
		e = &poolEntry{ready: make(chan struct{})}
		p.entries[key] = e
	}
	p.mu.Unlock()
	if found {
		select {
		case <-e.ready:
			if e.err != nil {
				return nil, e.err
			}
			return e.conn, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	e.conn, e.err = Dial(ctx, hc)
	if e.err != nil {
		e.conn = nil
		p.mu.Lock()
		delete(p.entries, key)
		p.mu.Unlock()
	}
	close(e.ready)
	if e.err != nil {
		return nil, e.err
	}
	return e.conn, nil
}

// poolKey identifies a host connection by everything that changes where
// or as whom it connects.
func poolKey(hc HostConfig) string {
	return strings.Join([]string{hc.Host, fmt.Sprint(hc.Port), hc.User, hc.ProxyJump, hc.ConfigFile,
		strings.Join(hc.PrivateKeyFiles, ","), string(hc.HostKeyChecking), hc.Password}, "\x00")
}

// Close closes every pooled connection; the pool cannot be used afterwards.
func (p *Pool) Close() error {
	p.mu.Lock()
	p.closed = true
	entries := p.entries
	p.entries = map[string]*poolEntry{}
	p.mu.Unlock()
	var errs []error
	for _, e := range entries {
		<-e.ready
		if e.conn != nil {
			errs = append(errs, e.conn.Close())
		}
	}
	return errors.Join(errs...)
}
