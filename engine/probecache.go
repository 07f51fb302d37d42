package engine

import (
	"context"
	"fmt"
	"sync"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// probeConn decorates a host's connection with a cache of file stats:
// when a task that changes nothing is followed by file tasks, the files
// of the next tasks are stat'ed in ONE command (hostfile.BatchStat), and
// their modules find their probes answered without a round trip. Any
// command that may change the host and every file write drops the cache.
type probeConn struct {
	connection.Conn
	mu sync.Mutex
	// cache holds stats per become user; nil after a change.
	cache map[string]*hostfile.Batch
	// upcoming lists the files the current and next tasks will look at;
	// nil when this task may not batch (the previous task changed things).
	upcoming func() []string
	// dirty records a change since the current task started.
	dirty bool
}

// newProbeConn wraps a host's connection.
func newProbeConn(c connection.Conn) *probeConn {
	return &probeConn{Conn: c, cache: map[string]*hostfile.Batch{}}
}

// startTask is called before each task on the host. A batch is allowed
// only when the previous task changed nothing (in a converged run most
// tasks change nothing; in a first run batching would be wasted work).
func (p *probeConn) startTask(upcoming func() []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.dirty {
		p.upcoming, p.dirty = nil, false
		return
	}
	p.upcoming = upcoming
}

func (p *probeConn) invalidate() {
	p.mu.Lock()
	p.cache = map[string]*hostfile.Batch{}
	p.dirty = true
	p.mu.Unlock()
}

// Run drops the cache unless the command only reads.
func (p *probeConn) Run(ctx context.Context, cmd connection.Command) (connection.Result, error) {
	if !cmd.Inline && !cmd.ReadOnly {
		p.invalidate()
	}
	return p.Conn.Run(ctx, cmd)
}

// WriteFile drops the cache.
func (p *probeConn) WriteFile(ctx context.Context, path string, data []byte, attrs connection.FileAttrs) error {
	p.invalidate()
	return p.Conn.WriteFile(ctx, path, data, attrs)
}

// CachedStat implements hostfile.StatCache.
func (p *probeConn) CachedStat(ctx context.Context, become *connection.Become, path string, follow, checksum bool) (hostfile.Info, bool) {
	key := becomeCacheKey(become)
	p.mu.Lock()
	stats, up := p.cache[key], p.upcoming
	if stats == nil && up != nil {
		p.upcoming = nil // one batch per task at most
	}
	p.mu.Unlock()
	if stats == nil {
		if up == nil {
			return hostfile.Info{}, false
		}
		got, err := hostfile.BatchStat(ctx, p.Conn, become, append(up(), path))
		if err != nil {
			return hostfile.Info{}, false
		}
		p.mu.Lock()
		p.cache[key] = got
		p.mu.Unlock()
		stats = got
	}
	info, ok := stats.Lookup(hostfile.Key{Path: path, Follow: follow})
	if !ok || (checksum && info.IsFile() && info.Readable && info.Checksum == "") {
		return hostfile.Info{}, false
	}
	return info, true
}

func becomeCacheKey(b *connection.Become) string {
	if b == nil {
		return ""
	}
	return b.Method + "\x00" + b.User
}

// fileActions are the modules whose path arguments a batch prefetches.
var fileActions = map[string]bool{"file": true, "copy": true, "template": true, "lineinfile": true,
	"blockinfile": true, "replace": true, "stat": true}

// lookahead bounds how many upcoming tasks a batch covers.
const lookahead = 30

// upcomingPaths returns a function listing the path arguments of t and of
// the tasks after it in the same list, templated for the host (tasks
// whose paths cannot be templated yet are left out).
func upcomingPaths(t *playbook.Task, rest []*playbook.Task, hc *hostCtx) func() []string {
	return func() []string {
		var out []string
		n := 0
		var visit func(list []*playbook.Task)
		visit = func(list []*playbook.Task) {
			for _, u := range list {
				if n >= lookahead {
					return
				}
				n++
				if u.IsBlock() {
					visit(u.Block)
					continue
				}
				if !fileActions[u.Action] || u.Loop != nil {
					continue
				}
				out = append(out, templatedPaths(u, hc)...)
			}
		}
		visit(append([]*playbook.Task{t}, rest...))
		return out
	}
}

// templatedPaths renders a file task's dest/path/name arguments.
func templatedPaths(t *playbook.Task, hc *hostCtx) []string {
	var out []string
	for _, k := range []string{"dest", "path", "name"} {
		raw, ok := t.Args[k]
		if !ok {
			continue
		}
		v, err := hc.Template(raw)
		if err != nil {
			continue
		}
		if s, ok := v.(string); ok && s != "" {
			out = append(out, s)
		} else if v != nil {
			out = append(out, fmt.Sprint(v))
		}
	}
	return out
}
