package jinja

import (
	"container/list"
	"sync"

	"github.com/edxplay/edxplay/internal/jinja2"
)

// Bounds of an engine's parse cache: a run templates the same task
// arguments on every host, and keeping their parses is what saves the
// time; a playbook with more distinct strings than this re-parses the
// least recently used ones.
const (
	parseCacheEntries = 4096
	parseCacheBytes   = 32 << 20
	// parseNodeBytes estimates the parsed tree's size per source byte
	// (tokens, nodes, values).
	parseNodeBytes = 24
	// parseEntryBytes is what an entry costs besides its tree.
	parseEntryBytes = 512
)

// parseKey is everything a parse depends on: the source, the template
// name its errors and nodes carry, the options (delimiters, trim_blocks,
// newline_sequence...) and the role whose plugins resolve the filter and
// test names the parse checks ("" without Options.Plugins).
type parseKey struct {
	cfg     jinja2.Config
	name    string
	roleDir string
	source  string
}

// parseEntry is one cached parse, detached from its environment.
type parseEntry struct {
	key  parseKey
	tmpl *jinja2.Template
	cost int
}

// parseCache is a bounded LRU of successful parses, shared by every
// rendering of an engine (all hosts of a run). It is safe for concurrent
// use. Failed parses are not kept: they re-parse, and fail as before.
// A parsed jinja2.Template is never changed by rendering (its body is
// only read), so one parse serves all renderings once bound to each
// rendering's environment.
type parseCache struct {
	mu         sync.Mutex
	entries    map[parseKey]*list.Element
	lru        list.List // front: most recently used
	bytes      int
	maxEntries int
	maxBytes   int
}

func newParseCache(maxEntries, maxBytes int) *parseCache {
	return &parseCache{entries: map[parseKey]*list.Element{}, maxEntries: maxEntries, maxBytes: maxBytes}
}

// get returns the cached parse of key (detached: bind it before use).
func (c *parseCache) get(key parseKey) (*jinja2.Template, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		return nil, false
	}
	c.lru.MoveToFront(el)
	return el.Value.(*parseEntry).tmpl, true
}

// put keeps the detached parse t of key, evicting the least recently
// used parses past the bounds. A parse too large for the cache is not
// kept.
func (c *parseCache) put(key parseKey, t *jinja2.Template) {
	cost := parseEntryBytes + len(key.name) + len(key.roleDir) + len(key.source)*(1+parseNodeBytes)
	if c == nil || cost > c.maxBytes/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[key]; ok { // another rendering parsed it meanwhile
		c.lru.MoveToFront(el)
		return
	}
	c.entries[key] = c.lru.PushFront(&parseEntry{key: key, tmpl: t, cost: cost})
	c.bytes += cost
	for len(c.entries) > c.maxEntries || c.bytes > c.maxBytes {
		old := c.lru.Back()
		e := old.Value.(*parseEntry)
		c.lru.Remove(old)
		delete(c.entries, e.key)
		c.bytes -= e.cost
	}
}

// len returns the number of cached parses and their estimated bytes.
func (c *parseCache) len() (int, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries), c.bytes
}
