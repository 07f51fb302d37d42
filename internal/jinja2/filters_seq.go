package jinja2

func addSeqFilters(m map[string]FilterFunc) {
	m["map"] = fMap
	m["select"] = selectFilter(false, false)
	m["reject"] = selectFilter(true, false)
	m["selectattr"] = selectFilter(false, true)
	m["rejectattr"] = selectFilter(true, true)
	m["sort"] = filterSig("sort", []param{opt("reverse", Bool(false)), opt("case_sensitive", Bool(false)), opt("attribute", None)}, fSort)
	m["unique"] = filterSig("unique", []param{opt("case_sensitive", None), opt("attribute", None)}, fUnique)
	m["min"] = filterSig("min", []param{opt("case_sensitive", Bool(false)), opt("attribute", None)}, minMax(-1))
	m["max"] = filterSig("max", []param{opt("case_sensitive", Bool(false)), opt("attribute", None)}, minMax(1))
	m["sum"] = filterSig("sum", []param{opt("attribute", None), opt("start", Int(0))}, fSum)
	m["batch"] = filterSig("batch", []param{req("linecount"), opt("fill_with", None)}, fBatch)
	m["slice"] = filterSig("slice", []param{req("slices"), opt("fill_with", None)}, fSlice)
	m["groupby"] = filterSig("groupby", []param{req("attribute"), opt("default", None), opt("case_sensitive", Bool(false))}, fGroupby)
	m["dictsort"] = filterSig("dictsort", []param{opt("case_sensitive", Bool(false)), opt("by", Str("key")), opt("reverse", Bool(false))}, fDictsort)
}

func caseKey(caseSensitive Value) func(Value) Value {
	if t, _ := Truth(caseSensitive); t {
		return nil
	}
	return ignoreCase
}

func fMap(c *CallContext, v Value, args []Value, kw *Dict) (Value, error) {
	if ok, err := Truth(v); err != nil || !ok {
		return NewList(), err
	}
	items, err := iterate(v)
	if err != nil {
		return None, err
	}
	var fn func(Value) (Value, error)
	if attr, ok := kw.GetStr("attribute"); ok && len(args) == 0 {
		rest := kw.Copy()
		rest.Delete(Str("attribute"))
		def, hasDef := rest.GetStr("default")
		rest.Delete(Str("default"))
		if rest.Len() > 0 {
			return None, newError("FilterArgumentError", "Unexpected keyword argument %s", Repr(rest.keys[0]))
		}
		var d *Value
		if hasDef {
			d = &def
		}
		fn = attrGetter(attr, nil, d)
	} else {
		if len(args) == 0 {
			return None, newError("FilterArgumentError", "map requires a filter argument")
		}
		fn = func(it Value) (Value, error) { return c.f.callFilter(args[0], it, args[1:], kw) }
	}
	out := make([]Value, 0, len(items))
	for _, it := range items {
		r, err := fn(it)
		if err != nil {
			return None, err
		}
		out = append(out, r)
	}
	return NewList(out...), nil
}

func selectFilter(reject, byAttr bool) FilterFunc {
	return func(c *CallContext, v Value, args []Value, kw *Dict) (Value, error) {
		trans := func(x Value) (Value, error) { return x, nil }
		if byAttr {
			if len(args) == 0 {
				return None, newError("FilterArgumentError", "Missing parameter for attribute name")
			}
			trans = attrGetter(args[0], nil, nil)
			args = args[1:]
		}
		test := func(x Value) (bool, error) { return Truth(x) }
		if len(args) > 0 {
			name, rest := args[0], args[1:]
			test = func(x Value) (bool, error) { return c.f.callTest(name, x, rest, kw) }
		}
		if ok, err := Truth(v); err != nil || !ok {
			return NewList(), err
		}
		items, err := iterate(v)
		if err != nil {
			return None, err
		}
		var out []Value
		for _, it := range items {
			x, err := trans(it)
			if err != nil {
				return None, err
			}
			ok, err := test(x)
			if err != nil {
				return None, err
			}
			if ok != reject {
				out = append(out, it)
			}
		}
		return NewList(out...), nil
	}
}

// multiAttrGetter is make_multi_attrgetter: comma-separated attributes
// give a list key.
func multiAttrGetter(attribute Value, post func(Value) Value) func(Value) (Value, error) {
	if attribute.kind != StrKind || !containsByte(attribute.s, ',') {
		return attrGetter(attribute, post, nil)
	}
	var getters []func(Value) (Value, error)
	for _, part := range splitSep(attribute.s, ",", -1, false) {
		getters = append(getters, attrGetter(Str(part), post, nil))
	}
	return func(v Value) (Value, error) {
		keys := make([]Value, len(getters))
		for i, g := range getters {
			k, err := g(v)
			if err != nil {
				return None, err
			}
			keys[i] = k
		}
		return NewList(keys...), nil
	}
}

func containsByte(s string, c byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return true
		}
	}
	return false
}

func fSort(c *CallContext, v Value, a []Value) (Value, error) {
	items, err := iterate(v)
	if err != nil {
		return None, err
	}
	rev, _ := Truth(a[0])
	out, err := sortValues(items, rev, multiAttrGetter(a[2], caseKey(a[1])))
	return NewList(out...), err
}

func fUnique(c *CallContext, v Value, a []Value) (Value, error) {
	items, err := iterate(v)
	if err != nil {
		return None, err
	}
	key := attrGetter(a[1], caseKey(a[0]), nil)
	seen := map[string]bool{}
	var out []Value
	for _, it := range items {
		k, err := key(it)
		if err != nil {
			return None, err
		}
		h, ok := hashKey(k)
		if !ok {
			return uniqueByEquality(items, a)
		}
		if !seen[h] {
			seen[h] = true
			out = append(out, it)
		}
	}
	return NewList(out...), nil
}

// uniqueByEquality is Ansible's fallback for unhashable items.
func uniqueByEquality(items []Value, a []Value) (Value, error) {
	if (a[0].kind == BoolKind && a[0].n == 0) || a[1].kind != NoneKind {
		return None, newError("AnsibleFilterError", "Jinja2's unique filter failed and we cannot fall back to Ansible's version as it does not support the parameters supplied")
	}
	var out []Value
	for _, it := range items {
		dup := false
		for _, o := range out {
			if equal(o, it) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, it)
		}
	}
	return NewList(out...), nil
}

func minMax(sign int) func(c *CallContext, v Value, a []Value) (Value, error) {
	return func(c *CallContext, v Value, a []Value) (Value, error) {
		items, err := iterate(v)
		if err != nil {
			return None, err
		}
		if len(items) == 0 {
			return UndefinedHint("No aggregated item, sequence was empty."), nil
		}
		key := attrGetter(a[1], caseKey(a[0]), nil)
		best := items[0]
		bk, err := key(best)
		if err != nil {
			return None, err
		}
		for _, it := range items[1:] {
			k, err := key(it)
			if err != nil {
				return None, err
			}
			op := map[bool]string{true: ">", false: "<"}[sign > 0]
			c, err := order(k, bk, op)
			if err != nil {
				return None, err
			}
			if c == sign {
				best, bk = it, k
			}
		}
		return best, nil
	}
}

func fSum(c *CallContext, v Value, a []Value) (Value, error) {
	items, err := iterate(v)
	if err != nil {
		return None, err
	}
	get := attrGetter(a[0], nil, nil)
	total := a[1]
	for _, it := range items {
		x, err := get(it)
		if err != nil {
			return None, err
		}
		if total, err = BinaryOp("+", total, x); err != nil {
			return None, err
		}
	}
	return total, nil
}
