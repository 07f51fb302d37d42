package jinja2

import (
	"unicode/utf8"
)

// getAttr is Jinja2's environment.getattr: a Python attribute (a method
// of str, list or dict) first, then the item of that name.
func getAttr(obj Value, name string) Value {
	switch obj.kind {
	case UndefinedKind:
		return strictOf(obj)
	case ObjectKind:
		if v, ok := obj.ref.(Object).Attr(name); ok {
			return withMarks(v, obj)
		}
	}
	if name == "__class__" {
		return classOf(obj)
	}
	if m, ok := lookupMethod(obj, name); ok {
		return m
	}
	if v, ok := numberAttr(obj, name); ok {
		return v
	}
	if obj.mark&groupTuple != 0 && (name == "grouper" || name == "list") {
		return obj.Items()[map[string]int{"grouper": 0, "list": 1}[name]]
	}
	if obj.kind == DictKind {
		if v, ok := obj.DictOf().GetStr(name); ok {
			return v.WithMark(obj.mark &^ localMarks)
		}
	}
	return undefinedAttr(obj, Str(name))
}

// getItem is Jinja2's environment.getitem: the item, then for a string
// key the attribute of that name.
func getItem(obj Value, key Value) (Value, error) {
	if obj.kind == UndefinedKind {
		return strictOf(obj), nil
	}
	if key.kind == UndefinedKind {
		return None, undefErr(key)
	}
	if v, ok := item(obj, key); ok {
		return withMarks(v.WithMark(obj.mark&^localMarks), key), nil
	}
	if key.kind == StrKind {
		if obj.kind == ObjectKind {
			if v, ok := obj.ref.(Object).Attr(key.s); ok {
				return v, nil
			}
		}
		if m, ok := lookupMethod(obj, key.s); ok {
			return m, nil
		}
	}
	return undefinedAttr(obj, key), nil
}

// item returns obj[key] when Python would find it.
func item(obj, key Value) (Value, bool) {
	switch obj.kind {
	case DictKind:
		return obj.DictOf().Get(key)
	case ListKind, TupleKind:
		if !key.isIntegral() {
			return None, false
		}
		items := obj.Items()
		i, ok := index(key, len(items))
		if !ok {
			return None, false
		}
		return items[i], true
	case StrKind:
		if !key.isIntegral() {
			return None, false
		}
		r := []rune(obj.s)
		i, ok := index(key, len(r))
		if !ok {
			return None, false
		}
		return Str(string(r[i])).WithMark(obj.mark &^ localMarks), true
	}
	return None, false
}

// index resolves a possibly negative Python index against length n.
func index(key Value, n int) (int, bool) {
	i, ok := key.IntValue()
	if !ok {
		return 0, false
	}
	if i < 0 {
		i += int64(n)
	}
	if i < 0 || i >= int64(n) {
		return 0, false
	}
	return int(i), true
}

// sliceIndex converts a slice bound (None, int or bool) to an int64.
func sliceIndex(v Value) (int64, bool, error) {
	switch {
	case v.kind == NoneKind:
		return 0, false, nil
	case v.isIntegral():
		if i, ok := v.IntValue(); ok {
			return i, true, nil
		}
		if v.BigValue().Sign() < 0 {
			return -1 << 62, true, nil
		}
		return 1 << 62, true, nil
	case v.kind == UndefinedKind:
		return 0, false, undefErr(v)
	}
	return 0, false, typeErrorf("slice indices must be integers or None or have an __index__ method")
}

// sliceBounds is PySlice_AdjustIndices.
func sliceBounds(n int, start, stop, step Value) (int, int, int, error) {
	st, hasStep, err := sliceIndex(step)
	if err != nil {
		return 0, 0, 0, err
	}
	if !hasStep {
		st = 1
	}
	if st == 0 {
		return 0, 0, 0, valueErrorf("slice step cannot be zero")
	}
	lo, hasLo, err := sliceIndex(start)
	if err != nil {
		return 0, 0, 0, err
	}
	hi, hasHi, err := sliceIndex(stop)
	if err != nil {
		return 0, 0, 0, err
	}
	adjust := func(i int64, has bool, def int64) int64 {
		if !has {
			return def
		}
		if i < 0 {
			i += int64(n)
			if i < 0 {
				i = map[bool]int64{true: -1, false: 0}[st < 0]
			}
		} else if i >= int64(n) {
			i = map[bool]int64{true: int64(n) - 1, false: int64(n)}[st < 0]
		}
		return i
	}
	if st > 0 {
		return int(adjust(lo, hasLo, 0)), int(adjust(hi, hasHi, int64(n))), int(clampStep(st)), nil
	}
	return int(adjust(lo, hasLo, int64(n)-1)), int(adjust(hi, hasHi, -1)), int(clampStep(st)), nil
}

func clampStep(s int64) int64 {
	if s > 1<<40 {
		return 1 << 40
	}
	if s < -(1 << 40) {
		return -(1 << 40)
	}
	return s
}

func sliceIndices(n int, start, stop, step Value) ([]int, error) {
	lo, hi, st, err := sliceBounds(n, start, stop, step)
	if err != nil {
		return nil, err
	}
	var idx []int
	for i := lo; (st > 0 && i < hi) || (st < 0 && i > hi); i += st {
		idx = append(idx, i)
	}
	return idx, nil
}

// sliceValue is obj[start:stop:step].
func sliceValue(obj, start, stop, step Value) (Value, error) {
	switch obj.kind {
	case StrKind:
		r := []rune(obj.s)
		idx, err := sliceIndices(len(r), start, stop, step)
		if err != nil {
			return None, err
		}
		out := make([]rune, 0, len(idx))
		for _, i := range idx {
			out = append(out, r[i])
		}
		return Str(string(out)).WithMark(obj.mark &^ nativeText), nil
	case ListKind, TupleKind:
		items := obj.Items()
		idx, err := sliceIndices(len(items), start, stop, step)
		if err != nil {
			return None, err
		}
		out := make([]Value, 0, len(idx))
		for _, i := range idx {
			out = append(out, items[i])
		}
		return Value{kind: obj.kind, mark: obj.mark, ref: &List{Items: out}}, nil
	case DictKind:
		return None, typeErrorf("unhashable type: 'slice'")
	}
	return None, typeErrorf("'%s' object is not subscriptable", typeName(obj))
}

// iterate returns the items Python's iter(v) yields: dict keys, string
// characters, list items. Items carry the container's own marks.
func iterate(v Value) ([]Value, error) {
	var out []Value
	switch v.kind {
	case ListKind, TupleKind:
		out = v.Items()
	case DictKind:
		out = v.DictOf().Keys()
	case StrKind:
		for _, r := range v.s {
			out = append(out, Str(string(r)))
		}
	case UndefinedKind:
		if isPlainUndefined(v) {
			return nil, nil
		}
		return nil, undefErr(v)
	default:
		if it, ok := v.ref.(interface{ Iter() []Value }); ok {
			out = it.Iter()
			break
		}
		return nil, typeErrorf("'%s' object is not iterable", typeName(v))
	}
	own := v.mark &^ localMarks
	if own == 0 {
		return append([]Value(nil), out...), nil
	}
	marked := make([]Value, len(out))
	for i, it := range out {
		marked[i] = it.WithMark(own)
	}
	return marked, nil
}

// length returns Python's len(v).
func length(v Value) (int, error) {
	switch v.kind {
	case StrKind:
		return utf8.RuneCountInString(v.s), nil
	case ListKind, TupleKind:
		return len(v.Items()), nil
	case DictKind:
		return v.DictOf().Len(), nil
	case UndefinedKind:
		if isPlainUndefined(v) {
			return 0, nil
		}
		return 0, undefErr(v)
	case ObjectKind:
		if m, ok := v.ref.(interface{ Len() int }); ok {
			return m.Len(), nil
		}
	}
	return 0, typeErrorf("object of type '%s' has no len()", typeName(v))
}

// strictOf returns the AnsibleUndefined that an attribute or item of an
// undefined value is: the value itself, or for a plain Undefined one that
// fails with its message.
func strictOf(u Value) Value {
	if !isPlainUndefined(u) {
		return u
	}
	return withMarks(UndefinedHint(u.ref.(*Undefined).Hint), u)
}

// numberAttr returns the real, imag, numerator and denominator of a number.
func numberAttr(v Value, name string) (Value, bool) {
	if !v.isNumber() {
		return None, false
	}
	switch name {
	case "real":
		if v.kind == BoolKind {
			return Int(v.n), true
		}
		return v, true
	case "imag":
		if v.kind == FloatKind {
			return Float(0), true
		}
		return Int(0), true
	case "numerator", "denominator":
		if v.kind == FloatKind {
			return None, false
		}
		if name == "denominator" {
			return Int(1), true
		}
		return BigInt(v.BigValue()), true
	}
	return None, false
}
