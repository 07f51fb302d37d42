package odict

import (
	"maps"
	"slices"
)

// PlainKeys returns the keys of a plain map[string]any, sorted. A plain Go
// map has no order of its own: dicts whose order matters are *Map.
func PlainKeys(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }
