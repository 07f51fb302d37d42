package jinja2

import (
	"math"
	"math/big"
	"strings"
)

// Truth returns Python's bool(v); an Undefined fails.
func Truth(v Value) (bool, error) {
	switch v.kind {
	case NoneKind:
		return false, nil
	case BoolKind, IntKind:
		return v.ref != nil || v.n != 0, nil
	case FloatKind:
		return v.f != 0, nil
	case StrKind:
		return v.s != "", nil
	case ListKind, TupleKind:
		return len(v.Items()) > 0, nil
	case DictKind:
		return v.DictOf().Len() > 0, nil
	case UndefinedKind:
		if isPlainUndefined(v) {
			return false, nil
		}
		return false, undefErr(v)
	}
	return true, nil
}

// Equal returns Python's a == b; an Undefined operand fails.
func Equal(a, b Value) (bool, error) {
	if isPlainUndefined(a) || isPlainUndefined(b) {
		return isPlainUndefined(a) && isPlainUndefined(b), nil
	}
	if err := undefErr(a, b); err != nil {
		return false, err
	}
	return equal(a, b), nil
}

func equal(a, b Value) bool {
	if a.isNumber() && b.isNumber() {
		return compareNumbers(a, b) == 0
	}
	if a.kind != b.kind {
		return false
	}
	switch a.kind {
	case NoneKind:
		return true
	case StrKind:
		return a.s == b.s
	case ListKind, TupleKind:
		x, y := a.Items(), b.Items()
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case DictKind:
		return dictEqual(a.DictOf(), b.DictOf())
	case UndefinedKind:
		return false
	case ObjectKind:
		if o, ok := a.ref.(Ordered); ok {
			if c, ok := o.Compare(b); ok {
				return c == 0
			}
		}
	}
	return a.ref == b.ref
}

// Ordered is an Object with Python rich comparisons against values of its
// own type (datetime.datetime): Compare returns -1, 0 or 1, and ok false
// when other is not comparable with it.
type Ordered interface {
	Object
	Compare(other Value) (c int, ok bool)
}

func dictEqual(x, y *Dict) bool {
	if x.Len() != y.Len() {
		return false
	}
	for i, k := range x.keys {
		w, ok := y.Get(k)
		if !ok || !equal(x.vals[i], w) {
			return false
		}
	}
	return true
}

// compareNumbers returns -1, 0 or 1 (NaN compares as 2: never equal).
func compareNumbers(a, b Value) int {
	if a.isIntegral() && b.isIntegral() {
		if a.ref == nil && b.ref == nil {
			return cmpInt(a.n, b.n)
		}
		return a.BigValue().Cmp(b.BigValue())
	}
	x, y := a.toFloat(), b.toFloat()
	if math.IsNaN(x) || math.IsNaN(y) {
		return 2
	}
	if a.ref != nil || b.ref != nil {
		bx, by := bigFloat(a), bigFloat(b)
		if bx != nil && by != nil {
			return bx.Cmp(by)
		}
	}
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

func bigFloat(v Value) *big.Float {
	if v.kind == FloatKind {
		if math.IsInf(v.f, 0) {
			return nil
		}
		return new(big.Float).SetFloat64(v.f)
	}
	return new(big.Float).SetInt(v.BigValue())
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Less returns Python's a < b.
func Less(a, b Value) (bool, error) {
	c, err := order(a, b, "<")
	return c < 0, err
}

// order compares a and b for the ordering operator op: -1, 0, 1, or 2
// when unordered (NaN).
func order(a, b Value, op string) (int, error) {
	if err := undefErr(a, b); err != nil {
		return 0, err
	}
	if a.isNumber() && b.isNumber() {
		return compareNumbers(a, b), nil
	}
	if a.kind == b.kind {
		switch a.kind {
		case StrKind:
			return strings.Compare(a.s, b.s), nil
		case ListKind, TupleKind:
			return orderSeq(a.Items(), b.Items(), op)
		case ObjectKind:
			if o, ok := a.ref.(Ordered); ok {
				if c, ok := o.Compare(b); ok {
					return c, nil
				}
			}
		}
	}
	return 0, typeErrorf("'%s' not supported between instances of '%s' and '%s'", op, typeName(a), typeName(b))
}

func orderSeq(x, y []Value, op string) (int, error) {
	for i := 0; i < len(x) && i < len(y); i++ {
		if equal(x[i], y[i]) {
			continue
		}
		return order(x[i], y[i], op)
	}
	return cmpInt(int64(len(x)), int64(len(y))), nil
}

// Compare applies a comparison operator (==, !=, <, <=, >, >=).
func Compare(op string, a, b Value) (Value, error) {
	switch op {
	case "==", "!=":
		eq, err := Equal(a, b)
		if err != nil {
			return None, err
		}
		return withMarks(Bool(eq == (op == "==")), a, b), nil
	}
	c, err := order(a, b, op)
	if err != nil {
		return None, secretErr(err, a, b)
	}
	var r bool
	switch op {
	case "<":
		r = c == -1
	case "<=":
		r = c == -1 || c == 0
	case ">":
		r = c == 1
	case ">=":
		r = c == 1 || c == 0
	}
	return withMarks(Bool(r), a, b), nil
}

// Contains returns Python's needle in haystack.
func Contains(haystack, needle Value) (bool, error) {
	if err := undefErr(haystack); err != nil {
		return false, err
	}
	switch haystack.kind {
	case StrKind:
		if needle.kind != StrKind {
			return false, typeErrorf("'in <string>' requires string as left operand, not %s", typeName(needle))
		}
		return strings.Contains(haystack.s, needle.s), nil
	case ListKind, TupleKind:
		for _, it := range haystack.Items() {
			if eq, err := Equal(needle, it); err != nil || eq {
				return eq, err
			}
		}
		return false, nil
	case DictKind:
		if err := undefErr(needle); err != nil {
			return false, err
		}
		if _, ok := hashKey(needle); !ok {
			return false, typeErrorf("unhashable type: '%s'", typeName(needle))
		}
		_, ok := haystack.DictOf().Get(needle)
		return ok, nil
	case ObjectKind:
		if m, ok := haystack.ref.(interface{ Has(key Value) bool }); ok {
			return m.Has(needle), nil
		}
	}
	return false, typeErrorf("argument of type '%s' is not iterable", typeName(haystack))
}
