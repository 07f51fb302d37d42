package modules

import (
	"context"
	"reflect"
	"sync"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// readLog is the host reads a module made while describing its change:
// commands (check mode runs none that change the host) and file reads.
type readLog struct {
	mu      sync.Mutex
	entries []readEntry
}

// readEntry is one read and what the host answered.
type readEntry struct {
	cmd    *connection.Command
	file   string
	become *connection.Become
	res    connection.Result
	data   []byte
	err    error
}

func (l *readLog) add(e readEntry) {
	l.mu.Lock()
	l.entries = append(l.entries, e)
	l.mu.Unlock()
}

// recordingConn passes everything to the host and logs the reads.
type recordingConn struct {
	connection.Conn
	log *readLog
}

// Run runs cmd and logs it with its answer.
func (r recordingConn) Run(ctx context.Context, cmd connection.Command) (connection.Result, error) {
	res, err := r.Conn.Run(ctx, cmd)
	c := cmd
	r.log.add(readEntry{cmd: &c, res: res, err: err})
	return res, err
}

// ReadFile reads path and logs it with its content.
func (r recordingConn) ReadFile(ctx context.Context, path string, become *connection.Become) ([]byte, error) {
	data, err := r.Conn.ReadFile(ctx, path, become)
	r.log.add(readEntry{file: path, become: become, data: data, err: err})
	return data, err
}

// CachedStat forwards to the host connection's stat cache.
func (r recordingConn) CachedStat(ctx context.Context, become *connection.Become, path string, follow, checksum bool) (hostfile.Info, bool) {
	return cachedStat(ctx, r.Conn, become, path, follow, checksum)
}

// Losses forwards to the host connection's loss counter.
func (r recordingConn) Losses() uint64 { return losses(r.Conn) }

// replayConn answers a module's reads from a readLog, in order, until
// the module does something the log does not hold (a write, or another
// command); from then on everything goes to the host.
type replayConn struct {
	connection.Conn
	mu   sync.Mutex
	log  *readLog
	next int
	off  bool
}

// replay returns the logged answer to e when it is the next logged read.
func (r *replayConn) replay(e readEntry) (readEntry, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.off || r.log == nil {
		return readEntry{}, false
	}
	r.log.mu.Lock()
	defer r.log.mu.Unlock()
	if r.next < len(r.log.entries) {
		got := r.log.entries[r.next]
		if got.err == nil && sameRead(got, e) {
			r.next++
			return got, true
		}
	}
	r.off = true
	return readEntry{}, false
}

func sameRead(a, b readEntry) bool {
	if (a.cmd == nil) != (b.cmd == nil) || a.file != b.file || !reflect.DeepEqual(a.become, b.become) {
		return false
	}
	return a.cmd == nil || reflect.DeepEqual(*a.cmd, *b.cmd)
}

// Run answers cmd from the log, or runs it on the host.
func (r *replayConn) Run(ctx context.Context, cmd connection.Command) (connection.Result, error) {
	if got, ok := r.replay(readEntry{cmd: &cmd, become: nil}); ok {
		return got.res, nil
	}
	return r.Conn.Run(ctx, cmd)
}

// ReadFile answers a read from the log, or reads the host.
func (r *replayConn) ReadFile(ctx context.Context, path string, become *connection.Become) ([]byte, error) {
	if got, ok := r.replay(readEntry{file: path, become: become}); ok {
		return got.data, nil
	}
	return r.Conn.ReadFile(ctx, path, become)
}

// WriteFile ends the replay and writes to the host.
func (r *replayConn) WriteFile(ctx context.Context, path string, data []byte, attrs connection.FileAttrs) error {
	r.mu.Lock()
	r.off = true
	r.mu.Unlock()
	return r.Conn.WriteFile(ctx, path, data, attrs)
}

// CachedStat forwards to the host connection's stat cache.
func (r *replayConn) CachedStat(ctx context.Context, become *connection.Become, path string, follow, checksum bool) (hostfile.Info, bool) {
	return cachedStat(ctx, r.Conn, become, path, follow, checksum)
}

// Losses forwards to the host connection's loss counter.
func (r *replayConn) Losses() uint64 { return losses(r.Conn) }

// cachedStat asks c's stat cache, when it has one.
func cachedStat(ctx context.Context, c connection.Conn, become *connection.Become, path string, follow, checksum bool) (hostfile.Info, bool) {
	if sc, ok := c.(hostfile.StatCache); ok {
		return sc.CachedStat(ctx, become, path, follow, checksum)
	}
	return hostfile.Info{}, false
}

// losses is c's count of broken connections (0 for transports that cannot break).
func losses(c connection.Conn) uint64 {
	if lc, ok := c.(connection.LossCounter); ok {
		return lc.Losses()
	}
	return 0
}
