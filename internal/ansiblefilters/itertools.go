package ansiblefilters

import (
	j "github.com/edxplay/edxplay/internal/jinja2"
)

// maxCombos bounds the tuples product, permutations and combinations
// build, so no template exhausts memory.
const maxCombos = 1 << 20

func errTooMany(name string) error {
	return j.NewError("MemoryError", "%s() would build more than %d tuples", name, maxCombos)
}

// iterables iterates the value and the positional arguments of a
// zip-like filter.
func iterables(v j.Value, args []j.Value) ([][]j.Value, error) {
	all := append([]j.Value{v}, args...)
	out := make([][]j.Value, len(all))
	for i, it := range all {
		items, err := j.Iterate(it)
		if err != nil {
			return nil, err
		}
		out[i] = items
	}
	return out, nil
}

// noKeywords fails when a builtin that takes no such keyword gets one.
func noKeywords(fname string, kw *j.Dict, allowed ...string) error {
	for _, k := range kw.Keys() {
		ok := false
		for _, a := range allowed {
			ok = ok || k.StrValue() == a
		}
		if !ok {
			return typeError("%s() got an unexpected keyword argument %s", fname, j.QuoteString(k.StrValue()))
		}
	}
	return nil
}

// zipFilter is Python's zip(value, *args) as a list of tuples.
func zipFilter(_ *j.CallContext, v j.Value, args []j.Value, kw *j.Dict) (j.Value, error) {
	if err := noKeywords("zip", kw, "strict"); err != nil {
		return j.None, err
	}
	its, err := iterables(v, args)
	if err != nil {
		return j.None, err
	}
	n := len(its[0])
	for _, it := range its {
		n = min(n, len(it))
	}
	return tuples(its, n, j.None), nil
}

// zipLongest is itertools.zip_longest(value, *args, fillvalue=None).
func zipLongest(_ *j.CallContext, v j.Value, args []j.Value, kw *j.Dict) (j.Value, error) {
	if err := noKeywords("zip_longest", kw, "fillvalue"); err != nil {
		return j.None, err
	}
	fill, _ := kw.GetStr("fillvalue")
	its, err := iterables(v, args)
	if err != nil {
		return j.None, err
	}
	n := 0
	for _, it := range its {
		n = max(n, len(it))
	}
	return tuples(its, n, fill), nil
}

func tuples(its [][]j.Value, n int, fill j.Value) j.Value {
	out := make([]j.Value, n)
	for i := range n {
		t := make([]j.Value, len(its))
		for k, it := range its {
			t[k] = fill
			if i < len(it) {
				t[k] = it[i]
			}
		}
		out[i] = j.NewTuple(t...)
	}
	return j.NewList(out...)
}

// product is itertools.product(value, *args, repeat=1).
func product(_ *j.CallContext, v j.Value, args []j.Value, kw *j.Dict) (j.Value, error) {
	if err := noKeywords("product", kw, "repeat"); err != nil {
		return j.None, err
	}
	its, err := iterables(v, args)
	if err != nil {
		return j.None, err
	}
	if r, ok := kw.GetStr("repeat"); ok {
		n, err := toInt(r)
		if err != nil {
			return j.None, err
		}
		if n < 0 {
			return j.None, valueError("repeat argument cannot be negative")
		}
		if n*int64(len(its)) > maxCombos {
			return j.None, errTooMany("product")
		}
		pools := its
		its = nil
		for range min(n, maxCombos) {
			its = append(its, pools...)
		}
	}
	total := 1
	for _, it := range its {
		total *= len(it)
		if total > maxCombos {
			return j.None, errTooMany("product")
		}
	}
	out := []j.Value{j.NewTuple()}
	for _, pool := range its {
		var next []j.Value
		for _, prefix := range out {
			for _, x := range pool {
				t := append(append([]j.Value{}, prefix.Items()...), x)
				next = append(next, j.NewTuple(t...))
			}
		}
		out = next
	}
	return j.NewList(out...), nil
}

// tupleSize reads the r argument of permutations and combinations.
func tupleSize(v j.Value, n int) (int, error) {
	if v.IsNone() {
		return n, nil
	}
	if v.Kind() != j.IntKind && v.Kind() != j.BoolKind {
		return 0, typeError("Expected int as r")
	}
	r, err := toInt(v)
	if err != nil {
		return 0, err
	}
	if r < 0 {
		return 0, valueError("r must be non-negative")
	}
	return int(min(r, int64(n)+1)), nil
}

// permutations is itertools.permutations(value, r=None).
func permutations(_ *j.CallContext, a []j.Value) (j.Value, error) {
	pool, err := j.Iterate(a[0])
	if err != nil {
		return j.None, err
	}
	r, err := tupleSize(a[1], len(pool))
	if err != nil || r > len(pool) {
		return j.NewList(), err
	}
	var out []j.Value
	used := make([]bool, len(pool))
	cur := make([]j.Value, 0, r)
	var walk func() error
	walk = func() error {
		if len(cur) == r {
			if len(out) >= maxCombos {
				return errTooMany("permutations")
			}
			out = append(out, j.NewTuple(append([]j.Value{}, cur...)...))
			return nil
		}
		for i := range pool {
			if used[i] {
				continue
			}
			used[i] = true
			cur = append(cur, pool[i])
			err := walk()
			cur = cur[:len(cur)-1]
			used[i] = false
			if err != nil {
				return err
			}
		}
		return nil
	}
	err = walk()
	return j.NewList(out...), err
}

// combinationsFilter binds itertools.combinations' arguments, with its
// own message for a missing r.
func combinationsFilter(c *j.CallContext, v j.Value, args []j.Value, kw *j.Dict) (j.Value, error) {
	if _, ok := kw.GetStr("r"); !ok && len(args) == 0 {
		return j.None, typeError("combinations() missing required argument 'r' (pos 2)")
	}
	a, err := j.BindArgs("combinations", []j.Param{req("iterable"), req("r")}, append([]j.Value{v}, args...), kw)
	if err != nil {
		return j.None, err
	}
	return combinations(c, a)
}

// combinations is itertools.combinations(value, r).
func combinations(_ *j.CallContext, a []j.Value) (j.Value, error) {
	pool, err := j.Iterate(a[0])
	if err != nil {
		return j.None, err
	}
	r, err := tupleSize(a[1], len(pool))
	if err != nil || r > len(pool) {
		return j.NewList(), err
	}
	var out []j.Value
	cur := make([]j.Value, 0, r)
	var walk func(start int) error
	walk = func(start int) error {
		if len(cur) == r {
			if len(out) >= maxCombos {
				return errTooMany("combinations")
			}
			out = append(out, j.NewTuple(append([]j.Value{}, cur...)...))
			return nil
		}
		for i := start; i < len(pool); i++ {
			cur = append(cur, pool[i])
			err := walk(i + 1)
			cur = cur[:len(cur)-1]
			if err != nil {
				return err
			}
		}
		return nil
	}
	err = walk(0)
	return j.NewList(out...), err
}
