// Package jinja2 is a Jinja2 template engine faithful to Python's Jinja2
// 3.x as Ansible 2.14 configures it: Python value semantics, AnsibleUndefined,
// trim_blocks, Ansible's finalize and its native/concat result rules.
package jinja2

import (
	"math/big"
)

// Kind is the Python type of a Value.
type Kind uint8

// The kinds of values.
const (
	NoneKind Kind = iota
	BoolKind
	IntKind
	FloatKind
	StrKind
	ListKind
	TupleKind
	DictKind
	UndefinedKind
	ObjectKind
)

// Mark is a set of flags carried by a value and by every value computed
// from it.
type Mark uint8

const (
	// Unsafe marks data that came from hosts: it is never templated again.
	Unsafe Mark = 1 << iota
	// Secret marks vault and no_log data: it never appears in output.
	Secret
	// nativeText marks the result of a string-type filter (Ansible's
	// NativeJinjaText): a lone output node keeps it as a string. It does
	// not propagate.
	nativeText Mark = 1 << 7
	// markup marks a markupsafe.Markup (escape, safe, tojson): it is not
	// escaped again. It does not propagate.
	markup Mark = 1 << 6
	// groupTuple marks the (grouper, list) tuples of groupby, whose fields
	// are attributes too (Jinja2's _GroupTuple). It does not propagate.
	groupTuple Mark = 1 << 5
	// loaded marks a string as a YAML loader made it (Ansible's
	// AnsibleUnicode): a variable's text that no templating re-created.
	// It does not propagate.
	loaded Mark = 1 << 4
)

// localMarks are the marks that describe one value's type, not its origin.
const localMarks = nativeText | markup | groupTuple | loaded

// Value is one Python value. The zero Value is None.
type Value struct {
	kind Kind
	mark Mark
	n    int64   // bool (0/1) and small ints
	f    float64 // floats
	s    string  // strings
	ref  any     // *big.Int, *List, *Dict, *Undefined, Object
}

// List holds the items of a list or a tuple; lists are mutable and shared.
type List struct {
	Items []Value
}

// Object is a value with attributes that is not plain data: macros,
// loop contexts, namespaces, cyclers, bound methods.
type Object interface {
	// TypeName is the Python type name used in messages.
	TypeName() string
	// Attr returns the named attribute.
	Attr(name string) (Value, bool)
}

// Callable is an Object that can be called.
type Callable interface {
	Object
	Call(c *CallContext, args []Value, kwargs *Dict) (Value, error)
}

// None is Python's None.
var None = Value{}

// Bool returns a Python bool.
func Bool(b bool) Value {
	if b {
		return Value{kind: BoolKind, n: 1}
	}
	return Value{kind: BoolKind}
}

// Int returns a Python int.
func Int(i int64) Value { return Value{kind: IntKind, n: i} }

// BigInt returns a Python int from a big integer, kept small when it fits.
func BigInt(b *big.Int) Value {
	if b.IsInt64() {
		return Int(b.Int64())
	}
	return Value{kind: IntKind, ref: new(big.Int).Set(b)}
}

// Float returns a Python float.
func Float(f float64) Value { return Value{kind: FloatKind, f: f} }

// Str returns a Python str.
func Str(s string) Value { return Value{kind: StrKind, s: s} }

// NewList returns a Python list holding items.
func NewList(items ...Value) Value {
	return Value{kind: ListKind, ref: &List{Items: items}}
}

// NewTuple returns a Python tuple holding items.
func NewTuple(items ...Value) Value {
	return Value{kind: TupleKind, ref: &List{Items: items}}
}

// DictValue wraps an ordered dict as a Value.
func DictValue(d *Dict) Value { return Value{kind: DictKind, ref: d} }

// ObjectValue wraps an Object as a Value.
func ObjectValue(o Object) Value { return Value{kind: ObjectKind, ref: o} }

// Kind returns the value's Python type.
func (v Value) Kind() Kind { return v.kind }

// IsUndefined reports whether v is an Undefined.
func (v Value) IsUndefined() bool { return v.kind == UndefinedKind }

// IsNone reports whether v is None.
func (v Value) IsNone() bool { return v.kind == NoneKind }

// WithMark returns v carrying m as well as its own marks.
func (v Value) WithMark(m Mark) Value {
	v.mark |= m
	return v
}

// OwnMark returns the marks set on v itself, not on its items.
func (v Value) OwnMark() Mark { return v.mark }

// Marks returns the marks of v and of everything it contains.
func (v Value) Marks() Mark {
	m := v.mark
	switch v.kind {
	case ListKind, TupleKind:
		for _, it := range v.ref.(*List).Items {
			m |= it.Marks()
		}
	case DictKind:
		d := v.ref.(*Dict)
		for i := range d.keys {
			m |= d.keys[i].Marks() | d.vals[i].Marks()
		}
	}
	return m
}

// IsSecret reports whether v or anything in it is secret.
func (v Value) IsSecret() bool { return v.Marks()&Secret != 0 }

// IsUnsafe reports whether v or anything in it is unsafe.
func (v Value) IsUnsafe() bool { return v.Marks()&Unsafe != 0 }

// StrValue returns the Go string of a str value.
func (v Value) StrValue() string { return v.s }

// BoolValue returns the Go bool of a bool value.
func (v Value) BoolValue() bool { return v.n != 0 }

// FloatValue returns the Go float of a float value.
func (v Value) FloatValue() float64 { return v.f }

// IntValue returns an int value as int64 and whether it fits.
func (v Value) IntValue() (int64, bool) {
	if v.ref != nil {
		return 0, false
	}
	return v.n, true
}

// BigValue returns an int or bool value as a big integer.
func (v Value) BigValue() *big.Int {
	if b, ok := v.ref.(*big.Int); ok {
		return new(big.Int).Set(b)
	}
	return big.NewInt(v.n)
}

// Items returns the items of a list or tuple (shared, not copied).
func (v Value) Items() []Value {
	if l, ok := v.ref.(*List); ok {
		return l.Items
	}
	return nil
}

// DictOf returns the dict of a dict value, or nil.
func (v Value) DictOf() *Dict {
	d, _ := v.ref.(*Dict)
	return d
}

// ObjectOf returns the Object of an object value, or nil.
func (v Value) ObjectOf() Object {
	o, _ := v.ref.(Object)
	return o
}

// isNumber reports whether v is a bool, int or float.
func (v Value) isNumber() bool {
	return v.kind == BoolKind || v.kind == IntKind || v.kind == FloatKind
}

// isIntegral reports whether v is a bool or int.
func (v Value) isIntegral() bool { return v.kind == BoolKind || v.kind == IntKind }

// toFloat converts a number to a float64.
func (v Value) toFloat() float64 {
	switch v.kind {
	case FloatKind:
		return v.f
	case IntKind:
		if b, ok := v.ref.(*big.Int); ok {
			f, _ := new(big.Float).SetInt(b).Float64()
			return f
		}
	}
	return float64(v.n)
}

// withMarks returns v carrying the marks of all the given values.
func withMarks(v Value, from ...Value) Value {
	for _, f := range from {
		v.mark |= f.Marks() &^ localMarks
	}
	return v
}
