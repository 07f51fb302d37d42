package engine

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/jinja"
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
	upcoming func() probeList
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
func (p *probeConn) startTask(upcoming func() probeList) {
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
		list := up()
		got, err := hostfile.BatchProbe(ctx, p.Conn, become, append(list.paths, path), list.reads, list.extras)
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

// CachedStatExtras implements hostfile.StatExtrasCache.
func (p *probeConn) CachedStatExtras(become *connection.Become, path string) (string, bool) {
	p.mu.Lock()
	stats := p.cache[becomeCacheKey(become)]
	p.mu.Unlock()
	if stats == nil {
		return "", false
	}
	return stats.StatExtras(path)
}

func becomeCacheKey(b *connection.Become) string {
	if b == nil {
		return ""
	}
	return b.Method + "\x00" + b.User
}

// probeList is what a batch prefetches: the paths to stat, those of
// them whose text to read as well, and those of stat tasks, whose stat
// module extras (mime type, attributes) to gather.
type probeList struct {
	paths, reads, extras []string
}

// probeArgs are, per module, the arguments naming paths a batch stats
// (the file modules' path, the creates/removes of commands).
var probeArgs = map[string][]string{
	"file": filePathArgs, "copy": filePathArgs, "template": filePathArgs, "stat": filePathArgs,
	"lineinfile": filePathArgs, "blockinfile": filePathArgs, "replace": filePathArgs,
	"command": guardArgs, "shell": guardArgs,
}

var (
	filePathArgs = []string{"dest", "path", "name"}
	guardArgs    = []string{"creates", "removes"}
)

// readActions are the modules that read the whole file they edit: a
// batch reads their files' text too.
var readActions = map[string]bool{"lineinfile": true, "blockinfile": true, "replace": true}

// lookahead bounds how many upcoming tasks a batch covers.
const lookahead = 30

// upcomingPaths returns a function listing the path arguments of t and of
// the tasks after it in the same list, templated for the host (tasks
// whose paths cannot be templated yet are left out).
func upcomingPaths(t *playbook.Task, rest []*playbook.Task, hc *hostCtx) func() probeList {
	return func() probeList {
		var raws []any
		var kinds []probeKind
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
				if u.Loop != nil {
					continue
				}
				for _, k := range probeArgs[u.Action] {
					if raw, ok := u.Args[k]; ok {
						raws, kinds = append(raws, raw), append(kinds, kindOf(u))
					}
				}
			}
		}
		visit(append([]*playbook.Task{t}, rest...))
		return splitReads(raws, kinds, hc)
	}
}

// probeKind is what a batch gathers for a path besides its stat.
type probeKind int

const (
	probeStat   probeKind = iota
	probeRead             // the text too (readActions)
	probeExtras           // the stat module's extras
)

// kindOf is what the batch gathers for task u's paths: a stat task that
// does not follow links gets its extras.
func kindOf(u *playbook.Task) probeKind {
	switch {
	case readActions[u.Action]:
		return probeRead
	case u.Action == "stat" && u.Args["follow"] == nil:
		return probeExtras
	}
	return probeStat
}

// splitReads renders the path arguments and sorts out those to read and
// those to gather stat extras of.
func splitReads(raws []any, kinds []probeKind, hc *hostCtx) probeList {
	var l probeList
	for i, p := range renderPaths(raws, hc) {
		if p == "" {
			continue
		}
		l.paths = append(l.paths, p)
		switch kinds[i] {
		case probeRead:
			l.reads = append(l.reads, p)
		case probeExtras:
			l.extras = append(l.extras, p)
		}
	}
	return l
}

// pathSeparator joins the path templates of a batch into one template.
const pathSeparator = "\x00"

// renderPaths renders the path arguments of a batch for hc, one result
// per argument ("" for one that cannot be templated yet or is empty).
// The paths are only a guess at what the tasks will stat (a task renders
// its own arguments when it runs; a wrong guess costs a cache miss, never
// a wrong result), so the string templates are rendered together, joined
// by a NUL byte: one template parse per batch instead of one per path (the
// parse is most of what templating a path costs). When the joined
// template fails or does not split back into as many parts, each path is
// rendered alone, as a task would.
func renderPaths(raws []any, hc *hostCtx) []string {
	out := make([]string, len(raws))
	var joined []string
	var at []int
	for i, raw := range raws {
		s, ok := raw.(string)
		switch {
		case ok && !jinja.IsTemplate(s):
			out[i] = s
		case ok && !strings.Contains(s, pathSeparator):
			joined, at = append(joined, s), append(at, i)
		default:
			out[i] = renderPath(raw, hc)
		}
	}
	if len(joined) == 0 {
		return out
	}
	if v, err := hc.Template(strings.Join(joined, pathSeparator)); err == nil {
		if text, ok := v.(string); ok {
			if parts := strings.Split(text, pathSeparator); len(parts) == len(joined) {
				for j, p := range parts {
					out[at[j]] = p
				}
				return out
			}
		}
	}
	for j, s := range joined {
		out[at[j]] = renderPath(s, hc)
	}
	return out
}

// renderPath renders one path argument; "" when it cannot be templated
// yet or is empty.
func renderPath(raw any, hc *hostCtx) string {
	v, err := hc.Template(raw)
	if err != nil || v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}
