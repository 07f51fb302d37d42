// Package odict provides Map, a dict with string keys that keeps the
// order in which keys were first inserted, as a Python dict does. It is
// the representation of Python dicts (YAML mappings, JSON objects, dict
// literals, combined and templated dicts) wherever their key order can be
// seen: debug output, to_json, repr, loops over dict items.
//
// Keys are strings: engine-side dicts are what Ansible writes out as JSON,
// and producers turn other key kinds into strings (the YAML decoder uses
// Python's str() of the key) before storing them.
package odict

import (
	"iter"
	"slices"
)

// Map is an insertion-ordered dict with string keys. The zero value is an
// empty map ready to use; a nil *Map reads as empty. A Map is not safe for
// concurrent writes; concurrent reads are fine.
type Map struct {
	keys []string
	vals map[string]any
}

// New returns an empty map with room for n keys.
func New(n int) *Map {
	return &Map{keys: make([]string, 0, n), vals: make(map[string]any, n)}
}

// FromMap returns a Map holding the entries of m in the order PlainKeys
// gives (sorted for a map of unknown order). m is copied.
func FromMap(m map[string]any) *Map {
	out := &Map{keys: PlainKeys(m), vals: make(map[string]any, len(m))}
	for k, v := range m {
		out.vals[k] = v
	}
	return out
}

// Of returns a Map of alternating keys and values, in that order; a key
// given twice keeps its first position and its last value.
func Of(kv ...any) *Map {
	out := New(len(kv) / 2)
	for i := 0; i+1 < len(kv); i += 2 {
		out.Set(kv[i].(string), kv[i+1])
	}
	return out
}

// Len returns the number of keys.
func (m *Map) Len() int {
	if m == nil {
		return 0
	}
	return len(m.keys)
}

// Get returns the value of key and whether the map holds it.
func (m *Map) Get(key string) (any, bool) {
	if m == nil {
		return nil, false
	}
	v, ok := m.vals[key]
	return v, ok
}

// Has reports whether the map holds key.
func (m *Map) Has(key string) bool {
	_, ok := m.Get(key)
	return ok
}

// Set stores value under key. A new key goes last; an existing key keeps
// its position, as assigning to a Python dict does.
func (m *Map) Set(key string, value any) {
	if m.vals == nil {
		m.vals = map[string]any{}
	}
	if _, ok := m.vals[key]; !ok {
		m.keys = append(m.keys, key)
	}
	m.vals[key] = value
}

// Delete removes key and reports whether it was present; the other keys
// keep their order.
func (m *Map) Delete(key string) bool {
	if m == nil {
		return false
	}
	if _, ok := m.vals[key]; !ok {
		return false
	}
	delete(m.vals, key)
	if i := slices.Index(m.keys, key); i >= 0 {
		// A new array: slices that Keys returned earlier stay as they were.
		m.keys = append(slices.Clip(m.keys[:i]), m.keys[i+1:]...)
	}
	return true
}

// Keys returns the keys in order. The slice is the map's own: callers
// must not modify it, and it is not updated by later writes.
func (m *Map) Keys() []string {
	if m == nil {
		return nil
	}
	return slices.Clip(m.keys)
}

// Range calls fn for each key and value in order until fn returns false.
// fn must not add or delete keys.
func (m *Map) Range(fn func(key string, value any) bool) {
	if m == nil {
		return
	}
	for _, k := range m.keys {
		if !fn(k, m.vals[k]) {
			return
		}
	}
}

// All returns an iterator over the keys and values in order.
func (m *Map) All() iter.Seq2[string, any] {
	return func(yield func(string, any) bool) { m.Range(yield) }
}

// Clone returns a shallow copy: the same keys in the same order, the same
// values. A nil map clones to an empty one.
func (m *Map) Clone() *Map {
	if m == nil {
		return New(0)
	}
	out := &Map{keys: slices.Clone(m.keys), vals: make(map[string]any, len(m.vals))}
	for k, v := range m.vals {
		out.vals[k] = v
	}
	return out
}

// Plain returns the map's entries as a Go map for reading by code that
// does not care about order. The map is the Map's own: callers must not
// modify it.
func (m *Map) Plain() map[string]any {
	if m == nil {
		return nil
	}
	if m.vals == nil {
		m.vals = map[string]any{}
	}
	return m.vals
}
