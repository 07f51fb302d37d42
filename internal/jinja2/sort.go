package jinja2

import (
	"sort"
	"strings"
)

// sortValues sorts items stably by key as Python's sorted() does; a
// comparison Python cannot make fails with its TypeError.
func sortValues(items []Value, reverse bool, key func(Value) (Value, error)) ([]Value, error) {
	keys := make([]Value, len(items))
	for i, it := range items {
		k, err := key(it)
		if err != nil {
			return nil, err
		}
		keys[i] = k
	}
	idx := make([]int, len(items))
	for i := range idx {
		idx[i] = i
	}
	var cmpErr error
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := keys[idx[a]], keys[idx[b]]
		if reverse {
			x, y = y, x
		}
		lt, err := Less(x, y)
		if err != nil && cmpErr == nil {
			cmpErr = err
		}
		return lt
	})
	if cmpErr != nil {
		return nil, cmpErr
	}
	out := make([]Value, len(items))
	for i, j := range idx {
		out[i] = items[j]
	}
	return out, nil
}

// ignoreCase lowercases strings (Jinja2's ignore_case postprocessor).
func ignoreCase(v Value) Value {
	if v.kind == StrKind {
		return Str(strings.ToLower(v.s)).WithMark(v.mark)
	}
	return v
}

// attrGetter is make_attrgetter: a dotted path of attributes or indexes.
func attrGetter(attribute Value, post func(Value) Value, def *Value) func(Value) (Value, error) {
	if attribute.kind == NoneKind {
		return func(v Value) (Value, error) {
			if post != nil {
				v = post(v)
			}
			return v, nil
		}
	}
	var parts []Value
	if attribute.kind == StrKind {
		for _, p := range strings.Split(attribute.s, ".") {
			if n, err := parsePyNumber(p); err == nil && n.kind == IntKind && isAllDigits(p) {
				parts = append(parts, n)
			} else {
				parts = append(parts, Str(p))
			}
		}
	} else {
		parts = []Value{attribute}
	}
	return func(v Value) (Value, error) {
		for _, p := range parts {
			var err error
			if v, err = getItem(v, p); err != nil {
				return None, err
			}
			if v.kind == UndefinedKind && def != nil {
				v = *def
				break
			}
		}
		if post != nil {
			v = post(v)
		}
		return v, nil
	}
}

func isAllDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}
