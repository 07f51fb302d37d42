package jinja

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

func listFilters() map[string]filterFn {
	return map[string]filterFn{
		"first":     func(in any, _ *call) (any, error) { return pick(in, 0) },
		"last":      func(in any, _ *call) (any, error) { return pick(in, -1) },
		"list":      func(in any, _ *call) (any, error) { return toList(in) },
		"length":    filterLength,
		"count":     filterLength,
		"unique":    filterUnique,
		"sort":      filterSort,
		"reverse":   filterReverse,
		"flatten":   filterFlatten,
		"union":     setOp(func(a, b []any) []any { return unique(append(append([]any{}, a...), b...)) }),
		"intersect": setOp(intersect),
		"difference": setOp(func(a, b []any) []any {
			return unique(filterIn(a, b, false))
		}),
		"symmetric_difference": setOp(func(a, b []any) []any {
			isect := intersect(a, b)
			return filterIn(unique(append(append([]any{}, a...), b...)), isect, false)
		}),
		"join":         filterJoin,
		"min":          extremum(-1),
		"max":          extremum(1),
		"sum":          filterSum,
		"zip":          filterZip,
		"zip_longest":  filterZipLongest,
		"shuffle":      filterShuffle,
		"permutations": filterPermutations,
		"combinations": filterCombinations,
		"product":      filterProduct,
		"subelements":  filterSubelements,
		"batch":        filterBatch,
		"slice":        filterSlice,
		"random":       filterRandom,
	}
}

// pick returns the element at index i (negative from the end).
func pick(in any, i int) (any, error) {
	list, err := toList(in)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, &UndefinedError{Name: "first", Hint: "No first item, sequence was empty."}
	}
	if i < 0 {
		i += len(list)
	}
	return list[i], nil
}

func filterLength(in any, _ *call) (any, error) {
	switch t := in.(type) {
	case string:
		return len([]rune(t)), nil
	case map[string]any:
		return len(t), nil
	case *lazyMap:
		return len(t.scope.Keys()), nil
	}
	list, err := toList(in)
	if err != nil {
		return nil, fmt.Errorf("object of type '%s' has no len()", pyTypeName(in))
	}
	return len(list), nil
}

// unique removes duplicates keeping first occurrences.
func unique(list []any) []any {
	out := []any{}
	for _, v := range list {
		if indexOf(out, v) < 0 {
			out = append(out, v)
		}
	}
	return out
}

func filterUnique(in any, c *call) (any, error) {
	list, err := toList(in)
	if err != nil {
		return nil, err
	}
	attr, hasAttr := c.kw["attribute"].(string)
	caseSensitive := truthy(c.kw["case_sensitive"])
	out := []any{}
	var seen []any
	for _, v := range list {
		key := v
		if hasAttr {
			key, _ = getAttr(v, attr)
		}
		if s, ok := key.(string); ok && !caseSensitive {
			key = strings.ToLower(s)
		}
		if indexOf(seen, key) < 0 {
			seen = append(seen, key)
			out = append(out, v)
		}
	}
	return out, nil
}

func filterSort(in any, c *call) (any, error) {
	list, err := toList(in)
	if err != nil {
		return nil, err
	}
	reverse := truthy(c.arg(0, "reverse", false))
	caseSensitive := truthy(c.arg(1, "case_sensitive", false))
	attr, _ := c.arg(2, "attribute", nil).(string)
	return sortList(list, attr, reverse, caseSensitive)
}

// sortList sorts a copy of list by an optional attribute.
func sortList(list []any, attr string, reverse, caseSensitive bool) ([]any, error) {
	out := append([]any{}, list...)
	keys := make([]any, len(out))
	for i, v := range out {
		keys[i] = v
		if attr != "" {
			keys[i], _ = getAttr(v, attr)
		}
	}
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	var failure error
	sort.SliceStable(idx, func(i, j int) bool {
		c, err := pyCompare(keys[idx[i]], keys[idx[j]], caseSensitive)
		if err != nil {
			failure = err
		}
		if reverse {
			return c > 0
		}
		return c < 0
	})
	sorted := make([]any, len(out))
	for i, k := range idx {
		sorted[i] = out[k]
	}
	return sorted, failure
}

func filterReverse(in any, _ *call) (any, error) {
	if s, ok := in.(string); ok {
		r := []rune(s)
		for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
			r[i], r[j] = r[j], r[i]
		}
		return string(r), nil
	}
	list, err := toList(in)
	if err != nil {
		return nil, err
	}
	out := make([]any, len(list))
	for i, v := range list {
		out[len(list)-1-i] = v
	}
	return out, nil
}

func filterFlatten(in any, c *call) (any, error) {
	list, err := toList(in)
	if err != nil {
		return nil, err
	}
	levels := -1
	if l := c.arg(0, "levels", nil); l != nil {
		levels = asInt(l, -1)
	}
	return flatten(list, levels, truthy(c.arg(1, "skip_nulls", true))), nil
}

// flatten implements Ansible's flatten (levels < 0 means unlimited).
func flatten(list []any, levels int, skipNulls bool) []any {
	out := []any{}
	for _, e := range list {
		if skipNulls && (e == nil || e == "None" || e == "null") {
			continue
		}
		sub, isList := e.([]any)
		if t, ok := e.(pyTuple); ok {
			sub, isList = t, true
		}
		switch {
		case isList && levels < 0:
			out = append(out, flatten(sub, -1, skipNulls)...)
		case isList && levels >= 1:
			out = append(out, flatten(sub, levels-1, skipNulls)...)
		default:
			out = append(out, e)
		}
	}
	return out
}

// setOp builds a two-list filter.
func setOp(fn func(a, b []any) []any) filterFn {
	return func(in any, c *call) (any, error) {
		a, err := toList(in)
		if err != nil {
			return nil, err
		}
		b, err := toList(c.arg(0, "b", []any{}))
		if err != nil {
			return nil, err
		}
		return fn(a, b), nil
	}
}

func intersect(a, b []any) []any { return unique(filterIn(a, b, true)) }

// filterIn keeps the elements of a that are (or are not) in b.
func filterIn(a, b []any, keep bool) []any {
	out := []any{}
	for _, v := range a {
		if (indexOf(b, v) >= 0) == keep {
			out = append(out, v)
		}
	}
	return out
}

func filterJoin(in any, c *call) (any, error) {
	list, err := toList(in)
	if err != nil {
		return nil, err
	}
	sep := pyStr(c.arg(0, "d", ""))
	attr, _ := c.arg(1, "attribute", nil).(string)
	parts := make([]string, len(list))
	for i, v := range list {
		if attr != "" {
			v, _ = getAttr(v, attr)
		}
		parts[i] = pyStr(v)
	}
	return strings.Join(parts, sep), nil
}

// extremum builds min (dir -1) or max (dir 1).
func extremum(dir int) filterFn {
	return func(in any, c *call) (any, error) {
		list, err := toList(in)
		if err != nil {
			return nil, err
		}
		if len(list) == 0 {
			return nil, &UndefinedError{Name: "min", Hint: "No aggregated item, sequence was empty."}
		}
		attr, _ := c.kw["attribute"].(string)
		caseSensitive := truthy(c.kw["case_sensitive"])
		best := list[0]
		for _, v := range list[1:] {
			a, b := v, best
			if attr != "" {
				a, _ = getAttr(v, attr)
				b, _ = getAttr(best, attr)
			}
			cmp, err := pyCompare(a, b, caseSensitive)
			if err != nil {
				return nil, err
			}
			if cmp*dir > 0 {
				best = v
			}
		}
		return best, nil
	}
}

func filterSum(in any, c *call) (any, error) {
	list, err := toList(in)
	if err != nil {
		return nil, err
	}
	attr, _ := c.arg(0, "attribute", nil).(string)
	total := c.arg(1, "start", 0)
	for _, v := range list {
		if attr != "" {
			v, _ = getAttr(v, attr)
		}
		total, err = pyAdd(total, v)
		if err != nil {
			return nil, err
		}
	}
	return total, nil
}

// pyAdd implements + for numbers, strings and lists.
func pyAdd(a, b any) (any, error) {
	if ia, ok := a.(int); ok {
		if ib, ok := b.(int); ok {
			return ia + ib, nil
		}
	}
	if fa, ok := numeric(a); ok {
		if fb, ok := numeric(b); ok {
			return fa + fb, nil
		}
	}
	if la, ok := a.([]any); ok {
		if lb, ok := b.([]any); ok {
			return append(append([]any{}, la...), lb...), nil
		}
	}
	if sa, ok := a.(string); ok {
		if sb, ok := b.(string); ok {
			return sa + sb, nil
		}
	}
	return nil, fmt.Errorf("unsupported operand type(s) for +: '%s' and '%s'", pyTypeName(a), pyTypeName(b))
}

// getAttr reads a dotted attribute path ("a.b.0") like Jinja's attrgetter.
func getAttr(item any, path string) (any, error) {
	cur := plain(item)
	for _, part := range strings.Split(path, ".") {
		switch t := cur.(type) {
		case map[string]any:
			v, ok := t[part]
			if !ok {
				return nil, &UndefinedError{Name: part, Hint: fmt.Sprintf("'dict object' has no attribute '%s'", part)}
			}
			cur = v
		case *lazyMap:
			v, ok, err := t.scope.resolve(part, newState())
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, &UndefinedError{Name: part, Hint: fmt.Sprintf("'dict object' has no attribute '%s'", part)}
			}
			cur = plain(v)
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i >= len(t) || i < -len(t) {
				return nil, &UndefinedError{Name: part, Hint: fmt.Sprintf("'list object' has no attribute '%s'", part)}
			}
			if i < 0 {
				i += len(t)
			}
			cur = t[i]
		default:
			return nil, &UndefinedError{Name: part, Hint: fmt.Sprintf("'%s object' has no attribute '%s'", pyTypeName(cur), part)}
		}
	}
	return cur, nil
}
