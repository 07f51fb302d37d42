package jinja

import (
	"fmt"
	"sort"

	"github.com/edxplay/edxplay/internal/keyorder"
)

func dictFilters() map[string]filterFn {
	return map[string]filterFn{
		"dict2items": filterDict2Items,
		"items2dict": filterItems2Dict,
		"combine":    filterCombine,
		"dictsort":   filterDictSort,
		"items":      filterItems,
	}
}

func asMap(x any, filter string) (map[string]any, error) {
	switch t := plain(x).(type) {
	case map[string]any:
		return t, nil
	case *lazyMap:
		return materialize(t.scope), nil
	}
	return nil, fmt.Errorf("%s requires a dictionary, got %s instead.", filter, pyTypeName(x))
}

func filterDict2Items(in any, c *call) (any, error) {
	m, err := asMap(in, "dict2items")
	if err != nil {
		return nil, err
	}
	kn, vn := pyStr(c.arg(0, "key_name", "key")), pyStr(c.arg(1, "value_name", "value"))
	out := []any{}
	for _, k := range dictKeys(m) {
		out = append(out, map[string]any{kn: k, vn: m[k]})
	}
	return out, nil
}

func filterItems2Dict(in any, c *call) (any, error) {
	list, err := toList(in)
	if err != nil {
		return nil, err
	}
	kn, vn := pyStr(c.arg(0, "key_name", "key")), pyStr(c.arg(1, "value_name", "value"))
	out := map[string]any{}
	var keys []string
	for _, item := range list {
		m, ok := item.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("items2dict requires a list of dictionaries, got %s instead.", pyTypeName(item))
		}
		k, okK := m[kn]
		v, okV := m[vn]
		if !okK || !okV {
			return nil, fmt.Errorf("items2dict requires each dictionary in the list to contain the keys '%s' and '%s', got %s instead.", kn, vn, pyRepr(item))
		}
		out[keyString(k)] = v
		keys = append(keys, keyString(k))
	}
	keyorder.Record(out, keys)
	return out, nil
}

func filterCombine(in any, c *call) (any, error) {
	sources := []any{in}
	sources = append(sources, c.args...)
	recursive := truthy(c.kw["recursive"])
	listMerge := "replace"
	if lm, ok := c.kw["list_merge"].(string); ok {
		listMerge = lm
	}
	var dicts []map[string]any
	for _, s := range flatten(sources, -1, false) {
		m, err := asMap(s, "combine")
		if err != nil {
			return nil, fmt.Errorf("failed to combine variables, expected dicts but got a '%s'", pyTypeName(s))
		}
		dicts = append(dicts, m)
	}
	result := map[string]any{}
	for _, d := range dicts {
		var err error
		result, err = mergeHash(result, d, recursive, listMerge)
		if err != nil {
			return nil, err
		}
	}
	return result, nil
}

// mergeHash implements Ansible's merge_hash.
func mergeHash(x, y map[string]any, recursive bool, listMerge string) (map[string]any, error) {
	switch listMerge {
	case "replace", "keep", "append", "prepend", "append_rp", "prepend_rp":
	default:
		return nil, fmt.Errorf("merge_hash: 'list_merge' argument can only be equal to 'replace', 'keep', 'append', 'prepend', 'append_rp' or 'prepend_rp'")
	}
	out := make(map[string]any, len(x))
	for k, v := range x {
		out[k] = v
	}
	// Python's merge_hash: x's keys keep their places, y's new keys follow.
	keyorder.Record(out, append(dictKeys(x), dictKeys(y)...))
	for k, yv := range y {
		xv, exists := out[k]
		if !exists {
			out[k] = yv
			continue
		}
		xm, xIsMap := xv.(map[string]any)
		ym, yIsMap := yv.(map[string]any)
		if xIsMap && yIsMap {
			if recursive {
				merged, err := mergeHash(xm, ym, recursive, listMerge)
				if err != nil {
					return nil, err
				}
				out[k] = merged
			} else {
				out[k] = yv
			}
			continue
		}
		xl, xIsList := xv.([]any)
		yl, yIsList := yv.([]any)
		if xIsList && yIsList {
			out[k] = mergeLists(xl, yl, listMerge)
			continue
		}
		out[k] = yv
	}
	return out, nil
}

func mergeLists(x, y []any, mode string) []any {
	switch mode {
	case "keep":
		return x
	case "append":
		return append(append([]any{}, x...), y...)
	case "prepend":
		return append(append([]any{}, y...), x...)
	case "append_rp":
		return append(filterIn(x, y, false), y...)
	case "prepend_rp":
		return append(append([]any{}, y...), filterIn(x, y, false)...)
	}
	return y
}

func filterDictSort(in any, c *call) (any, error) {
	m, err := asMap(in, "dictsort")
	if err != nil {
		return nil, err
	}
	caseSensitive := truthy(c.arg(0, "case_sensitive", false))
	by := pyStr(c.arg(1, "by", "key"))
	reverse := truthy(c.arg(2, "reverse", false))
	pos := 0
	if by == "value" {
		pos = 1
	}
	items := []pyTuple{}
	for _, k := range dictKeys(m) {
		items = append(items, pyTuple{k, m[k]})
	}
	var failure error
	sort.SliceStable(items, func(i, j int) bool {
		c, err := pyCompare(items[i][pos], items[j][pos], caseSensitive)
		if err != nil {
			failure = err
		}
		if reverse {
			return c > 0
		}
		return c < 0
	})
	out := make([]any, len(items))
	for i, t := range items {
		out[i] = t
	}
	return out, failure
}

// filterItems is Jinja's items filter: the (key, value) pairs of a dict in
// its order.
func filterItems(in any, _ *call) (any, error) {
	m, err := asMap(in, "items")
	if err != nil {
		return nil, fmt.Errorf("Can only get item pairs from a mapping.")
	}
	out := make([]any, 0, len(m))
	for _, k := range dictKeys(m) {
		out = append(out, pyTuple{k, m[k]})
	}
	return out, nil
}
