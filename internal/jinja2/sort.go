package jinja2

import "strings"

// sortValues sorts items by key as CPython's list.sort does, comparing
// in the same order (a run, then binary insertion), so a comparison Python
// cannot make fails with the same TypeError. reverse keeps stability as
// CPython does: reverse, sort, reverse.
func sortValues(items []Value, reverse bool, key func(Value) (Value, error)) ([]Value, error) {
	type pair struct{ k, v Value }
	ps := make([]pair, len(items))
	for i, it := range items {
		k, err := key(it)
		if err != nil {
			return nil, err
		}
		ps[i] = pair{k, it}
	}
	rev := func() {
		for i, j := 0, len(ps)-1; i < j; i, j = i+1, j-1 {
			ps[i], ps[j] = ps[j], ps[i]
		}
	}
	if reverse {
		rev()
	}
	lt := func(x, y pair) (bool, error) { return Less(x.k, y.k) }
	if err := binarySort(len(ps), func(i, j int) (bool, error) { return lt(ps[i], ps[j]) },
		func(i int) { ps[i], ps[i+1] = ps[i+1], ps[i] }, func(i, j int) { ps[i], ps[j] = ps[j], ps[i] }); err != nil {
		return nil, err
	}
	if reverse {
		rev()
	}
	out := make([]Value, len(ps))
	for i, p := range ps {
		out[i] = p.v
	}
	return out, nil
}

// binarySort is CPython's count_run followed by binarysort over n items.
func binarySort(n int, less func(i, j int) (bool, error), _ func(int), swap func(i, j int)) error {
	if n < 2 {
		return nil
	}
	run := 2
	desc, err := less(1, 0)
	if err != nil {
		return err
	}
	for ; run < n; run++ {
		l, err := less(run, run-1)
		if err != nil {
			return err
		}
		if l != desc {
			break
		}
	}
	if desc {
		for i, j := 0, run-1; i < j; i, j = i+1, j-1 {
			swap(i, j)
		}
	}
	for start := run; start < n; start++ {
		lo, hi := 0, start
		for lo < hi {
			p := lo + (hi-lo)/2
			l, err := less(start, p)
			if err != nil {
				return err
			}
			if l {
				hi = p
			} else {
				lo = p + 1
			}
		}
		for i := start; i > lo; i-- {
			swap(i, i-1)
		}
	}
	return nil
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
