// Package keyorder remembers the insertion order of Go maps that stand for
// Python dicts, so that templating, JSON and repr output can list keys in
// the order the YAML, JSON or template defined them, as Ansible does.
//
// Orders are kept on the side, keyed by the identity of the map, so that
// map[string]any values can keep flowing through the code unchanged. An
// entry is dropped when its map is garbage collected. Maps without a
// recorded order list their keys sorted.
package keyorder

import (
	"reflect"
	"runtime"
	"slices"
	"sort"
	"sync"
	"unsafe"
)

// entry is one recorded order; entries are immutable once stored.
type entry struct {
	keys []string
}

// orders maps a map's identity (its runtime pointer) to its *entry.
var orders sync.Map

// identity returns the runtime pointer of a map, or nil for a nil map.
func identity(m any) unsafe.Pointer {
	rv := reflect.ValueOf(m)
	if rv.Kind() != reflect.Map || rv.IsNil() {
		return nil
	}
	return rv.UnsafePointer()
}

// Record remembers keys as the order of m. Keys that m lacks are ignored
// when the order is read; keys of m missing from keys come last, sorted.
func Record[M ~map[string]V, V any](m M, keys []string) {
	p := identity(m)
	if p == nil {
		return
	}
	id := uintptr(p)
	e := &entry{keys: dedupe(keys)}
	orders.Store(id, e)
	// Drop the entry once the map is unreachable, unless a newer map at the
	// same address has replaced it by then.
	runtime.AddCleanup((*byte)(p), func(old *entry) { orders.CompareAndDelete(id, old) }, e)
}

func dedupe(keys []string) []string {
	seen := make(map[string]bool, len(keys))
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// recorded returns the stored order of m, if any.
func recorded(p unsafe.Pointer) []string {
	if p == nil {
		return nil
	}
	if v, ok := orders.Load(uintptr(p)); ok {
		return v.(*entry).keys
	}
	return nil
}

// Keys returns the keys of m: first those of the recorded order that m
// still holds, then the others sorted. Without a recorded order the keys
// are sorted.
func Keys[M ~map[string]V, V any](m M) []string {
	order := recorded(identity(m))
	out := make([]string, 0, len(m))
	for _, k := range order {
		if _, ok := m[k]; ok {
			out = append(out, k)
		}
	}
	if len(out) == len(m) {
		return out
	}
	listed := make(map[string]bool, len(out))
	for _, k := range out {
		listed[k] = true
	}
	var rest []string
	for k := range m {
		if !listed[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// Has reports whether an order was recorded for m.
func Has[M ~map[string]V, V any](m M) bool {
	return recorded(identity(m)) != nil
}

// Copy records the order of src (as Keys reads it) for dst, typically a
// converted copy of src. Nothing is recorded when src has no order.
func Copy[D ~map[string]V, S ~map[string]W, V, W any](dst D, src S) {
	if Has(src) {
		Record(dst, Keys(src))
	}
}

// Append records k as the last key of m unless m's order already lists it;
// use it after adding a key to a map whose order matters.
func Append[M ~map[string]V, V any](m M, k string) {
	order := recorded(identity(m))
	if slices.Contains(order, k) {
		return
	}
	if order == nil {
		order = Keys(m)
		if slices.Contains(order, k) {
			order = slices.DeleteFunc(order, func(s string) bool { return s == k })
		}
	}
	Record(m, append(slices.Clip(order), k))
}
