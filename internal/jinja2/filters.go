package jinja2

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// filterSig wraps a filter with a Python signature: args are bound to
// params (after the value) before fn runs.
func filterSig(name string, params []param, fn func(c *CallContext, v Value, a []Value) (Value, error)) FilterFunc {
	return func(c *CallContext, v Value, args []Value, kw *Dict) (Value, error) {
		fname, implicit := "do_"+name, 1+envFilters[name]
		if name == "unique" {
			fname = "unique"
		}
		a, err := bindAt(fname, implicit, params, args, kw)
		if err != nil {
			return None, err
		}
		return fn(c, v, a)
	}
}

// envFilters take Jinja2's environment (or eval context) before the value.
var envFilters = map[string]int{
	"sort": 1, "unique": 1, "min": 1, "max": 1, "join": 1, "replace": 1, "first": 1, "last": 1,
	"truncate": 1, "groupby": 1, "sum": 1, "attr": 1, "tojson": 1,
}

func builtinFilters() map[string]FilterFunc {
	m := map[string]FilterFunc{
		"default": filterSig("default", []param{opt("default_value", Str("")), opt("boolean", Bool(false))}, fDefault),
		"length":  filterSig("length", nil, fLength),
		"int":     filterSig("int", []param{opt("default", Int(0)), opt("base", Int(10))}, fInt),
		"float":   filterSig("float", []param{opt("default", Float(0))}, fFloat),
		"string":  filterSig("string", nil, fString),
		"list":    filterSig("list", nil, fList),
		"abs":     filterSig("abs", nil, fAbs),
		"round":   filterSig("round", []param{opt("precision", Int(0)), opt("method", Str("common"))}, fRound),
		"first":   filterSig("first", nil, fFirst),
		"last":    filterSig("last", nil, fLast),
		"items":   filterSig("items", nil, fItems),
		"reverse": filterSig("reverse", nil, fReverse),
		"attr":    filterSig("attr", []param{req("name")}, fAttr),
		"bool":    nil,
	}
	delete(m, "bool")
	m["d"] = m["default"]
	m["count"] = m["length"]
	addTextFilters(m)
	addSeqFilters(m)
	addHTMLFilters(m)
	return m
}

func fDefault(c *CallContext, v Value, a []Value) (Value, error) {
	if v.kind == UndefinedKind {
		return a[0], nil
	}
	if b, _ := Truth(a[1]); b {
		if t, err := Truth(v); err == nil && !t {
			return a[0], nil
		}
	}
	return v, nil
}

func fLength(c *CallContext, v Value, a []Value) (Value, error) {
	n, err := length(v)
	return Int(int64(n)), err
}

func fString(c *CallContext, v Value, a []Value) (Value, error) {
	s, err := ToString(v)
	if err != nil {
		return None, err
	}
	return Str(s).WithMark(nativeText | v.Marks()), nil
}

func fList(c *CallContext, v Value, a []Value) (Value, error) {
	items, err := iterate(v)
	return NewList(items...), err
}

// pyInt is Python's int(v) for int, bool, float and str (base 10).
func pyInt(v Value, base int) (Value, error) {
	switch v.kind {
	case BoolKind, IntKind:
		return BigInt(v.BigValue()), nil
	case FloatKind:
		if math.IsInf(v.f, 0) {
			return None, newError("OverflowError", "cannot convert float infinity to integer")
		}
		if math.IsNaN(v.f) {
			return None, valueErrorf("cannot convert float NaN to integer")
		}
		b, _ := new(big.Float).SetFloat64(math.Trunc(v.f)).Int(nil)
		return BigInt(b), nil
	case StrKind:
		if base != 0 && (base < 2 || base > 36) {
			return None, valueErrorf("int() base must be >= 2 and <= 36, or 0")
		}
		s := strings.TrimSpace(v.s)
		neg := strings.HasPrefix(s, "-")
		t := strings.TrimLeft(s, "+-")
		if len(s)-len(t) > 1 || t == "" || strings.HasPrefix(t, "_") || strings.HasSuffix(t, "_") || strings.Contains(t, "__") {
			return None, valueErrorf("invalid literal for int() with base %d: %s", base, QuoteString(v.s))
		}
		t = strings.ReplaceAll(t, "_", "")
		read := base
		if base == 0 {
			read = prefixBase(t)
		}
		if p := map[int]string{16: "0x", 8: "0o", 2: "0b"}[read]; p != "" && len(t) > 2 && strings.EqualFold(t[:2], p) {
			t = t[2:]
		}
		b, ok := new(big.Int).SetString(t, read)
		if !ok {
			return None, valueErrorf("invalid literal for int() with base %d: %s", base, QuoteString(v.s))
		}
		if neg {
			b.Neg(b)
		}
		return BigInt(b), nil
	case UndefinedKind:
		return None, undefErr(v)
	}
	return None, typeErrorf("int() argument must be a string, a bytes-like object or a real number, not '%s'", typeName(v))
}

// prefixBase is the base int(s, 0) reads s in: that of its 0x, 0o or 0b
// prefix, else 10.
func prefixBase(s string) int {
	if len(s) > 2 && s[0] == '0' {
		switch s[1] {
		case 'x', 'X':
			return 16
		case 'o', 'O':
			return 8
		case 'b', 'B':
			return 2
		}
	}
	return 10
}

// pyFloat is Python's float(v).
func pyFloat(v Value) (Value, error) {
	switch v.kind {
	case BoolKind, IntKind, FloatKind:
		return Float(v.toFloat()), nil
	case StrKind:
		s := strings.ToLower(strings.TrimSpace(v.s))
		switch strings.TrimLeft(s, "+-") {
		case "inf", "infinity", "nan":
			f, _ := strconv.ParseFloat(s, 64)
			return Float(f), nil
		}
		if s == "" || strings.ContainsAny(s, "xp") || strings.HasPrefix(strings.TrimLeft(s, "+-"), "_") || strings.Contains(s, "__") || strings.HasSuffix(s, "_") {
			return None, valueErrorf("could not convert string to float: %s", QuoteString(v.s))
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
		if err != nil && !strings.Contains(err.Error(), "range") {
			return None, valueErrorf("could not convert string to float: %s", QuoteString(v.s))
		}
		return Float(f), nil
	case UndefinedKind:
		return None, undefErr(v)
	}
	return None, typeErrorf("float() argument must be a string or a real number, not '%s'", typeName(v))
}

func fInt(c *CallContext, v Value, a []Value) (Value, error) {
	base, err := needInt(a[1])
	if err != nil {
		return None, err
	}
	r, err := pyInt(v, int(base))
	if err == nil {
		return r, nil
	}
	if cls := ErrorClass(err); cls != "TypeError" && cls != "ValueError" {
		return None, err
	}
	f, err := pyFloat(v)
	if err != nil {
		if cls := ErrorClass(err); cls != "TypeError" && cls != "ValueError" {
			return None, err
		}
		return a[0], nil
	}
	return pyInt(f, 10)
}

func fFloat(c *CallContext, v Value, a []Value) (Value, error) {
	f, err := pyFloat(v)
	if err != nil {
		if cls := ErrorClass(err); cls == "TypeError" || cls == "ValueError" {
			return a[0], nil
		}
	}
	return f, err
}

func fAbs(c *CallContext, v Value, a []Value) (Value, error) {
	if !v.isNumber() {
		return None, typeErrorf("bad operand type for abs(): '%s'", typeName(v))
	}
	if v.kind == FloatKind {
		return Float(math.Abs(v.f)), nil
	}
	return BigInt(new(big.Int).Abs(v.BigValue())), nil
}

func fRound(c *CallContext, v Value, a []Value) (Value, error) {
	method := a[1].s
	if a[1].kind != StrKind || (method != "common" && method != "ceil" && method != "floor") {
		return None, newError("FilterArgumentError", "method must be common, ceil or floor")
	}
	prec, err := needInt(a[0])
	if err != nil {
		return None, err
	}
	if method != "common" && !v.isNumber() {
		if _, err := BinaryOp("*", v, Int(10)); err != nil {
			return None, err
		}
		return None, typeErrorf("must be real number, not %s", typeName(v))
	}
	if !v.isNumber() {
		return None, typeErrorf("type %s doesn't define __round__ method", typeName(v))
	}
	if method == "common" {
		if v.isIntegral() && prec >= 0 {
			return BigInt(v.BigValue()), nil
		}
		return Float(pyRound(v.toFloat(), int(prec))), nil
	}
	if err := undefErr(v); err != nil {
		return None, err
	}
	scale := math.Pow(10, float64(prec))
	fn := math.Ceil
	if method == "floor" {
		fn = math.Floor
	}
	return Float(fn(v.toFloat()*scale) / scale), nil
}

// pyRound is Python's round(float, ndigits): correctly rounded, ties to even.
func pyRound(f float64, prec int) float64 {
	if math.IsInf(f, 0) || math.IsNaN(f) || prec > 300 {
		return f
	}
	if prec >= 0 {
		r, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'f', prec, 64), 64)
		return r
	}
	scale := math.Pow(10, float64(-prec))
	return math.RoundToEven(f/scale) * scale
}

func fFirst(c *CallContext, v Value, a []Value) (Value, error) {
	items, err := iterate(v)
	if err != nil {
		return None, err
	}
	if len(items) == 0 {
		return UndefinedHint("No first item, sequence was empty."), nil
	}
	return items[0], nil
}

func fLast(c *CallContext, v Value, a []Value) (Value, error) {
	if v.kind != ListKind && v.kind != TupleKind && v.kind != StrKind && v.kind != DictKind {
		if v.kind == UndefinedKind {
			return None, undefErr(v)
		}
		return None, typeErrorf("'%s' object is not reversible", typeName(v))
	}
	items, _ := iterate(v)
	if len(items) == 0 {
		return UndefinedHint("No last item, sequence was empty."), nil
	}
	return items[len(items)-1], nil
}

func fItems(c *CallContext, v Value, a []Value) (Value, error) {
	if v.kind == UndefinedKind {
		return NewList(), nil
	}
	if v.kind != DictKind {
		return None, typeErrorf("Can only get item pairs from a mapping.")
	}
	return NewList(dictPairs(v.DictOf())...), nil
}

func fReverse(c *CallContext, v Value, a []Value) (Value, error) {
	if v.kind == UndefinedKind {
		return None, undefErr(strictOf(v))
	}
	if v.kind == StrKind {
		r := []rune(v.s)
		for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
			r[i], r[j] = r[j], r[i]
		}
		return Str(string(r)), nil
	}
	items, err := iterate(v)
	if err != nil {
		return None, newError("FilterArgumentError", "argument must be iterable")
	}
	out := make([]Value, len(items))
	for i, it := range items {
		out[len(items)-1-i] = it
	}
	return NewList(out...), nil
}

func fAttr(c *CallContext, v Value, a []Value) (Value, error) {
	name, err := ToString(a[0])
	if err != nil {
		return None, err
	}
	if v.kind == UndefinedKind {
		return v, nil
	}
	if v.kind == ObjectKind {
		if r, ok := v.ref.(Object).Attr(name); ok {
			return r, nil
		}
	}
	if m, ok := lookupMethod(v, name); ok {
		return m, nil
	}
	return undefinedAttr(v, Str(name)), nil
}
