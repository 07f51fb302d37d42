package jinja2

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Dict is a Python dict: its keys keep insertion order.
type Dict struct {
	keys  []Value
	vals  []Value
	index map[string]int
}

// NewDict returns an empty dict.
func NewDict() *Dict { return &Dict{index: map[string]int{}} }

// Len returns the number of entries.
func (d *Dict) Len() int { return len(d.keys) }

// Keys returns the keys in insertion order (shared, not copied).
func (d *Dict) Keys() []Value { return d.keys }

// Values returns the values in insertion order (shared, not copied).
func (d *Dict) Values() []Value { return d.vals }

// Get returns the value for key.
func (d *Dict) Get(key Value) (Value, bool) {
	h, ok := hashKey(key)
	if !ok {
		return None, false
	}
	i, ok := d.index[h]
	if !ok {
		return None, false
	}
	return d.vals[i], true
}

// GetStr returns the value for a string key.
func (d *Dict) GetStr(key string) (Value, bool) { return d.Get(Str(key)) }

// Set stores value under key, keeping the position of an existing key.
func (d *Dict) Set(key, value Value) error {
	h, ok := hashKey(key)
	if !ok {
		return typeErrorf("unhashable type: '%s'", typeName(key))
	}
	if i, ok := d.index[h]; ok {
		d.vals[i] = value
		return nil
	}
	d.index[h] = len(d.keys)
	d.keys = append(d.keys, key)
	d.vals = append(d.vals, value)
	return nil
}

// SetStr stores value under a string key.
func (d *Dict) SetStr(key string, value Value) { _ = d.Set(Str(key), value) }

// Delete removes key and reports whether it was present.
func (d *Dict) Delete(key Value) bool {
	h, ok := hashKey(key)
	if !ok {
		return false
	}
	i, ok := d.index[h]
	if !ok {
		return false
	}
	d.keys = append(d.keys[:i:i], d.keys[i+1:]...)
	d.vals = append(d.vals[:i:i], d.vals[i+1:]...)
	delete(d.index, h)
	for j := i; j < len(d.keys); j++ {
		hj, _ := hashKey(d.keys[j])
		d.index[hj] = j
	}
	return true
}

// Copy returns a shallow copy.
func (d *Dict) Copy() *Dict {
	c := &Dict{
		keys:  append([]Value(nil), d.keys...),
		vals:  append([]Value(nil), d.vals...),
		index: make(map[string]int, len(d.index)),
	}
	for k, v := range d.index {
		c.index[k] = v
	}
	return c
}

// hashKey returns the key under which Python would find v in a dict:
// equal numbers (1, 1.0, True) share one key. Lists, dicts and undefined
// values are unhashable.
func hashKey(v Value) (string, bool) {
	switch v.kind {
	case NoneKind:
		return "N", true
	case BoolKind, IntKind:
		if v.ref != nil {
			return "n" + v.BigValue().String(), true
		}
		return "n" + strconv.FormatInt(v.n, 10), true
	case FloatKind:
		if v.f == math.Trunc(v.f) && math.Abs(v.f) < 1e18 {
			return "n" + strconv.FormatInt(int64(v.f), 10), true
		}
		return "f" + strconv.FormatFloat(v.f, 'g', -1, 64), true
	case StrKind:
		return "s" + v.s, true
	case TupleKind:
		var b strings.Builder
		b.WriteString("t(")
		for _, it := range v.Items() {
			h, ok := hashKey(it)
			if !ok {
				return "", false
			}
			b.WriteString(strconv.Itoa(len(h)))
			b.WriteByte(':')
			b.WriteString(h)
		}
		return b.String(), true
	case ObjectKind:
		return fmt.Sprintf("o%p", v.ref), true
	}
	return "", false
}
