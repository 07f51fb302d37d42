package jinja2

var listMethods, tupleMethods, dictMethods map[string]methodFunc

func init() {
	listMethods = map[string]methodFunc{
		"append": listAppend, "extend": listExtend, "insert": listInsert, "pop": listPop,
		"remove": listRemove, "index": seqIndex, "count": seqCount, "copy": listCopy,
		"reverse": listReverse, "clear": listClear, "sort": listSort,
	}
	tupleMethods = map[string]methodFunc{"index": seqIndex, "count": seqCount}
	dictMethods = map[string]methodFunc{
		"keys": dictKeys, "values": dictValues, "items": dictItems, "get": dictGet,
		"update": dictUpdate, "pop": dictPop, "setdefault": dictSetdefault, "copy": dictCopy,
		"clear": dictClear, "popitem": dictPopitem,
	}
}

func listAppend(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if err := posArgs("append", args, kw, 1, 1); err != nil {
		return None, err
	}
	l := recv.ref.(*List)
	l.Items = append(l.Items, args[0])
	return None, nil
}

func listExtend(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if err := posArgs("extend", args, kw, 1, 1); err != nil {
		return None, err
	}
	items, err := iterate(args[0])
	if err != nil {
		return None, err
	}
	l := recv.ref.(*List)
	l.Items = append(l.Items, items...)
	return None, nil
}

func listInsert(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if err := posArgs("insert", args, kw, 2, 2); err != nil {
		return None, err
	}
	i, err := needInt(args[0])
	if err != nil {
		return None, err
	}
	l := recv.ref.(*List)
	n := int64(len(l.Items))
	if i < 0 {
		i = max(i+n, 0)
	}
	i = min(i, n)
	l.Items = append(l.Items[:i], append([]Value{args[1]}, l.Items[i:]...)...)
	return None, nil
}

func listPop(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if err := posArgs("pop", args, kw, 0, 1); err != nil {
		return None, err
	}
	l := recv.ref.(*List)
	if len(l.Items) == 0 {
		return None, newError("IndexError", "pop from empty list")
	}
	at := Int(-1)
	if len(args) == 1 {
		at = args[0]
	}
	if _, err := needInt(at); err != nil {
		return None, err
	}
	i, ok := index(at, len(l.Items))
	if !ok {
		return None, newError("IndexError", "pop index out of range")
	}
	v := l.Items[i]
	l.Items = append(l.Items[:i], l.Items[i+1:]...)
	return v, nil
}

func listRemove(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if err := posArgs("remove", args, kw, 1, 1); err != nil {
		return None, err
	}
	l := recv.ref.(*List)
	for i, it := range l.Items {
		if equal(it, args[0]) {
			l.Items = append(l.Items[:i], l.Items[i+1:]...)
			return None, nil
		}
	}
	return None, valueErrorf("list.remove(x): x not in list")
}

func seqIndex(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if err := posArgs("index", args, kw, 1, 3); err != nil {
		return None, err
	}
	for i, it := range recv.Items() {
		if equal(it, args[0]) {
			return Int(int64(i)), nil
		}
	}
	if recv.kind == TupleKind {
		return None, valueErrorf("tuple.index(x): x not in tuple")
	}
	return None, valueErrorf("%s is not in list", Repr(args[0]))
}

func seqCount(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if err := posArgs("count", args, kw, 1, 1); err != nil {
		return None, err
	}
	n := 0
	for _, it := range recv.Items() {
		if equal(it, args[0]) {
			n++
		}
	}
	return Int(int64(n)), nil
}

func listCopy(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if err := noArgs("copy", args, kw); err != nil {
		return None, err
	}
	return NewList(append([]Value(nil), recv.Items()...)...), nil
}

func listReverse(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if err := noArgs("reverse", args, kw); err != nil {
		return None, err
	}
	it := recv.Items()
	for i, j := 0, len(it)-1; i < j; i, j = i+1, j-1 {
		it[i], it[j] = it[j], it[i]
	}
	return None, nil
}

func listClear(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if err := noArgs("clear", args, kw); err != nil {
		return None, err
	}
	recv.ref.(*List).Items = nil
	return None, nil
}

func listSort(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if len(args) > 0 {
		return None, typeErrorf("sort() takes no positional arguments")
	}
	a, err := bind("sort", []param{opt("key", None), opt("reverse", Bool(false))}, nil, kw)
	if err != nil {
		return None, err
	}
	rev, _ := Truth(a[1])
	l := recv.ref.(*List)
	sorted, err := sortValues(l.Items, rev, func(v Value) (Value, error) {
		if a[0].kind == NoneKind {
			return v, nil
		}
		return c.f.call(a[0], []Value{v}, NewDict())
	})
	if err != nil {
		return None, err
	}
	l.Items = sorted
	return None, nil
}

func dictKeys(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if err := noArgs("keys", args, kw); err != nil {
		return None, err
	}
	return NewList(append([]Value(nil), recv.DictOf().keys...)...), nil
}

func dictValues(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if err := noArgs("values", args, kw); err != nil {
		return None, err
	}
	return NewList(append([]Value(nil), recv.DictOf().vals...)...), nil
}

func dictItems(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if err := noArgs("items", args, kw); err != nil {
		return None, err
	}
	return NewList(dictPairs(recv.DictOf())...), nil
}

func dictPairs(d *Dict) []Value {
	out := make([]Value, len(d.keys))
	for i, k := range d.keys {
		out[i] = NewTuple(k, d.vals[i])
	}
	return out
}

func dictGet(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if err := posArgs("get", args, kw, 1, 2); err != nil {
		return None, err
	}
	if _, ok := hashKey(args[0]); !ok {
		return None, typeErrorf("unhashable type: '%s'", typeName(args[0]))
	}
	if v, ok := recv.DictOf().Get(args[0]); ok {
		return v, nil
	}
	if len(args) == 2 {
		return args[1], nil
	}
	return None, nil
}

func dictUpdate(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if len(args) > 1 {
		return None, typeErrorf("update expected at most 1 argument, got %d", len(args))
	}
	d := recv.DictOf()
	if len(args) == 1 {
		if err := updateFrom(d, args[0]); err != nil {
			return None, err
		}
	}
	for i, k := range kw.keys {
		_ = d.Set(k, kw.vals[i])
	}
	return None, nil
}

// updateFrom merges a mapping or a sequence of pairs into d.
func updateFrom(d *Dict, src Value) error {
	if src.kind == DictKind {
		s := src.DictOf()
		for i, k := range s.keys {
			_ = d.Set(k, s.vals[i])
		}
		return nil
	}
	items, err := iterate(src)
	if err != nil {
		return err
	}
	for i, it := range items {
		pair, err := iterate(it)
		if err != nil {
			return typeErrorf("cannot convert dictionary update sequence element #%d to a sequence", i)
		}
		if len(pair) != 2 {
			return valueErrorf("dictionary update sequence element #%d has length %d; 2 is required", i, len(pair))
		}
		if err := d.Set(pair[0], pair[1]); err != nil {
			return err
		}
	}
	return nil
}

func dictPop(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if err := posArgs("pop", args, kw, 1, 2); err != nil {
		return None, err
	}
	d := recv.DictOf()
	if v, ok := d.Get(args[0]); ok {
		d.Delete(args[0])
		return v, nil
	}
	if len(args) == 2 {
		return args[1], nil
	}
	return None, newError("KeyError", "%s", Repr(args[0]))
}

func dictSetdefault(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if err := posArgs("setdefault", args, kw, 1, 2); err != nil {
		return None, err
	}
	d := recv.DictOf()
	if v, ok := d.Get(args[0]); ok {
		return v, nil
	}
	def := None
	if len(args) == 2 {
		def = args[1]
	}
	return def, d.Set(args[0], def)
}

func dictCopy(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if err := noArgs("copy", args, kw); err != nil {
		return None, err
	}
	return DictValue(recv.DictOf().Copy()), nil
}

func dictClear(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if err := noArgs("clear", args, kw); err != nil {
		return None, err
	}
	*recv.DictOf() = *NewDict()
	return None, nil
}

func dictPopitem(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if err := noArgs("popitem", args, kw); err != nil {
		return None, err
	}
	d := recv.DictOf()
	if d.Len() == 0 {
		return None, newError("KeyError", "'popitem(): dictionary is empty'")
	}
	k, v := d.keys[d.Len()-1], d.vals[d.Len()-1]
	d.Delete(k)
	return NewTuple(k, v), nil
}
