package ssh

import (
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

// fileStamp identifies one version of a file: a changed file (or one that
// appeared or went away) gets another stamp.
type fileStamp struct {
	exists bool
	size   int64
	mod    time.Time
}

func stampFiles(paths []string) []fileStamp {
	out := make([]fileStamp, len(paths))
	for i, p := range paths {
		if fi, err := os.Stat(p); err == nil {
			out[i] = fileStamp{exists: true, size: fi.Size(), mod: fi.ModTime()}
		}
	}
	return out
}

// parsedFiles caches what was parsed from a set of files, for as long as
// none of them changes, so that a run over a thousand hosts parses its
// known_hosts and ssh_config once instead of once per host (and does not
// keep a thousand copies of them alive, one per connection).
type parsedFiles[T any] struct {
	mu      sync.Mutex
	entries map[string]parsedEntry[T]
}

type parsedEntry[T any] struct {
	stamps []fileStamp
	value  T
}

// get returns the value cached under key while the files of paths are
// unchanged, or calls parse (one caller at a time) and caches its result
// when it says it is cacheable.
func (c *parsedFiles[T]) get(key string, paths []string, parse func() (value T, cacheable bool, err error)) (T, error) {
	key += "\x00" + strings.Join(paths, "\x00")
	stamps := stampFiles(paths)
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[key]; ok && slices.Equal(e.stamps, stamps) {
		return e.value, nil
	}
	v, cacheable, err := parse()
	if err != nil || !cacheable {
		return v, err
	}
	if c.entries == nil {
		c.entries = map[string]parsedEntry[T]{}
	}
	c.entries[key] = parsedEntry[T]{stamps: stamps, value: v}
	return v, nil
}

// forget drops every cached value (after this process changed a file).
func (c *parsedFiles[T]) forget() {
	c.mu.Lock()
	c.entries = nil
	c.mu.Unlock()
}
