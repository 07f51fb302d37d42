package jinja2

func fBatch(c *CallContext, v Value, a []Value) (Value, error) {
	items, err := iterate(v)
	if err != nil {
		return None, err
	}
	n, err := needInt(a[0])
	if err != nil {
		return None, err
	}
	var out []Value
	var tmp []Value
	for _, it := range items {
		if int64(len(tmp)) == n {
			out = append(out, NewList(tmp...))
			tmp = nil
		}
		tmp = append(tmp, it)
	}
	if len(tmp) > 0 {
		if a[1].kind != NoneKind {
			for int64(len(tmp)) < n {
				tmp = append(tmp, a[1])
			}
		}
		out = append(out, NewList(tmp...))
	}
	return NewList(out...), nil
}

func fSlice(c *CallContext, v Value, a []Value) (Value, error) {
	seq, err := iterate(v)
	if err != nil {
		return None, err
	}
	slices, err := needInt(a[0])
	if err != nil {
		return None, err
	}
	if slices <= 0 {
		if slices == 0 {
			return None, newError("ZeroDivisionError", "integer division or modulo by zero")
		}
		return NewList(), nil
	}
	if slices > maxBuild {
		return None, newError("MemoryError", "too many slices")
	}
	n := int64(len(seq))
	per, extra := n/slices, n%slices
	offset := int64(0)
	var out []Value
	for i := int64(0); i < slices; i++ {
		start := offset + i*per
		if i < extra {
			offset++
		}
		end := offset + (i+1)*per
		tmp := append([]Value(nil), seq[start:end]...)
		if a[1].kind != NoneKind && i >= extra {
			tmp = append(tmp, a[1])
		}
		out = append(out, NewList(tmp...))
	}
	return NewList(out...), nil
}

func fGroupby(c *CallContext, v Value, a []Value) (Value, error) {
	items, err := iterate(v)
	if err != nil {
		return None, err
	}
	var def *Value
	if a[1].kind != NoneKind {
		def = &a[1]
	}
	key := attrGetter(a[0], caseKey(a[2]), def)
	sorted, err := sortValues(items, false, key)
	if err != nil {
		return None, err
	}
	groups, err := groupRuns(sorted, key)
	if err != nil {
		return None, err
	}
	raw := attrGetter(a[0], nil, def)
	out := make([]Value, len(groups))
	for i, g := range groups {
		k, err := raw(g[0])
		if err != nil {
			return None, err
		}
		out[i] = NewTuple(k, NewList(g...)).WithMark(groupTuple)
	}
	return NewList(out...), nil
}

// groupRuns is itertools.groupby: runs of consecutive items with equal keys.
func groupRuns(items []Value, key func(Value) (Value, error)) ([][]Value, error) {
	var groups [][]Value
	var last Value
	for i, it := range items {
		k, err := key(it)
		if err != nil {
			return nil, err
		}
		same := false
		if i > 0 {
			if same, err = Equal(k, last); err != nil {
				return nil, err
			}
		}
		if same {
			groups[len(groups)-1] = append(groups[len(groups)-1], it)
		} else {
			groups = append(groups, []Value{it})
		}
		last = k
	}
	return groups, nil
}

func fDictsort(c *CallContext, v Value, a []Value) (Value, error) {
	pos := 0
	switch {
	case a[1].kind == StrKind && a[1].s == "key":
	case a[1].kind == StrKind && a[1].s == "value":
		pos = 1
	default:
		return None, newError("FilterArgumentError", `You can only sort by either "key" or "value"`)
	}
	if v.kind != DictKind {
		if v.kind == UndefinedKind {
			return None, undefErr(v)
		}
		return None, newError("AttributeError", "'%s' object has no attribute 'items'", typeName(v))
	}
	post := caseKey(a[0])
	rev, _ := Truth(a[2])
	out, err := sortValues(dictPairs(v.DictOf()), rev, func(p Value) (Value, error) {
		k := p.Items()[pos]
		if post != nil {
			k = post(k)
		}
		return k, nil
	})
	return NewList(out...), err
}
