package jinja

import (
	"fmt"
	"strings"
)

// pyEqual implements Python's == on plain data.
func pyEqual(a, b any) bool {
	a, b = plain(a), plain(b)
	if fa, ok := numeric(a); ok {
		fb, ok := numeric(b)
		return ok && fa == fb
	}
	switch ta := a.(type) {
	case nil:
		return b == nil
	case string:
		tb, ok := b.(string)
		return ok && ta == tb
	case []any:
		tb, ok := b.([]any)
		return ok && seqEqual(ta, tb)
	case pyTuple:
		tb, ok := b.(pyTuple)
		return ok && seqEqual(ta, tb)
	case map[string]any:
		tb, ok := b.(map[string]any)
		if !ok || len(ta) != len(tb) {
			return false
		}
		for k, v := range ta {
			w, ok := tb[k]
			if !ok || !pyEqual(v, w) {
				return false
			}
		}
		return true
	}
	return false
}

func seqEqual(a, b []any) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !pyEqual(a[i], b[i]) {
			return false
		}
	}
	return true
}

// numeric returns the float value of bools and numbers.
func numeric(x any) (float64, bool) {
	switch x.(type) {
	case bool, int, float64:
		return toFloat(x)
	}
	return 0, false
}

// pyCompare orders two values like Python's < (strings optionally folded to
// lower case, as Jinja's sort/min/max do by default).
func pyCompare(a, b any, caseSensitive bool) (int, error) {
	if fa, ok := numeric(a); ok {
		if fb, ok := numeric(b); ok {
			return cmpFloat(fa, fb), nil
		}
	}
	switch ta := a.(type) {
	case string:
		if tb, ok := b.(string); ok {
			if !caseSensitive {
				ta, tb = strings.ToLower(ta), strings.ToLower(tb)
			}
			return strings.Compare(ta, tb), nil
		}
	case []any:
		if tb, ok := b.([]any); ok {
			return seqCompare(ta, tb, caseSensitive)
		}
	case pyTuple:
		if tb, ok := b.(pyTuple); ok {
			return seqCompare(ta, tb, caseSensitive)
		}
	}
	return 0, fmt.Errorf("'<' not supported between instances of '%s' and '%s'", pyTypeName(a), pyTypeName(b))
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func seqCompare(a, b []any, caseSensitive bool) (int, error) {
	for i := 0; i < len(a) && i < len(b); i++ {
		c, err := pyCompare(a[i], b[i], caseSensitive)
		if err != nil || c != 0 {
			return c, err
		}
	}
	return len(a) - len(b), nil
}

// pyContains implements Python's `in`.
func pyContains(container, item any) bool {
	switch t := plain(container).(type) {
	case string:
		s, ok := item.(string)
		return ok && strings.Contains(t, s)
	case []any:
		return indexOf(t, item) >= 0
	case pyTuple:
		return indexOf(t, item) >= 0
	case map[string]any:
		k, ok := item.(string)
		if !ok {
			return false
		}
		_, found := t[k]
		return found
	case *lazyMap:
		k, ok := item.(string)
		return ok && t.scope.Has(k)
	}
	return false
}

func indexOf(list []any, item any) int {
	for i, v := range list {
		if pyEqual(v, item) {
			return i
		}
	}
	return -1
}

// toList converts an iterable to a list like Python's list().
func toList(x any) ([]any, error) {
	switch t := plain(x).(type) {
	case []any:
		return t, nil
	case pyTuple:
		return []any(t), nil
	case string:
		out := []any{}
		for _, r := range t {
			out = append(out, string(r))
		}
		return out, nil
	case map[string]any:
		out := []any{}
		for _, k := range dictKeys(t) {
			out = append(out, k)
		}
		return out, nil
	case *lazyMap:
		out := []any{}
		for _, k := range t.scope.Keys() {
			out = append(out, k)
		}
		return out, nil
	case nil:
		return nil, fmt.Errorf("'NoneType' object is not iterable")
	}
	return nil, fmt.Errorf("'%s' object is not iterable", pyTypeName(x))
}
