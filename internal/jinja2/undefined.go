package jinja2

import "fmt"

// Undefined is Ansible's AnsibleUndefined: a StrictUndefined whose
// attributes and items are itself, so `a.b.c | default(1)` works, and which
// fails with UndefinedError when printed, iterated, compared or computed with.
type Undefined struct {
	Hint   string
	Obj    *Value // nil: the name itself is missing
	Name   Value
	hasObj bool
	plain  bool // jinja2.Undefined (the missing else of `a if c`): prints ''
}

// UndefinedName returns the undefined value for a missing variable.
func UndefinedName(name string) Value {
	return Value{kind: UndefinedKind, ref: &Undefined{Name: Str(name)}}
}

// undefinedAttr returns the undefined value for a missing attribute or item.
func undefinedAttr(obj Value, name Value) Value {
	o := obj
	return withMarks(Value{kind: UndefinedKind, ref: &Undefined{Obj: &o, Name: name, hasObj: true}}, obj, name)
}

// UndefinedHint returns an undefined value with a custom message.
func UndefinedHint(hint string) Value {
	return Value{kind: UndefinedKind, ref: &Undefined{Hint: hint}}
}

// Message returns Jinja2's undefined message.
func (u *Undefined) Message() string {
	if u.Hint != "" {
		return u.Hint
	}
	if !u.hasObj {
		return fmt.Sprintf("%s is undefined", Repr(u.Name))
	}
	if u.Name.kind != StrKind {
		return fmt.Sprintf("%s has no element %s", objectTypeRepr(*u.Obj), Repr(u.Name))
	}
	return fmt.Sprintf("%s has no attribute %s", QuoteString(objectTypeRepr(*u.Obj)), Repr(u.Name))
}

func (u *Undefined) err() error { return newError("UndefinedError", "%s", u.Message()) }

func (u *Undefined) repr() string {
	if u.plain {
		return "Undefined"
	}
	hint, obj, name := "None", "missing", "None"
	if u.Hint != "" {
		hint = QuoteString(u.Hint)
	}
	if u.hasObj {
		obj = Repr(*u.Obj)
	}
	if u.Name.kind != NoneKind || u.hasObj {
		name = Repr(u.Name)
	}
	if !u.hasObj && u.Hint == "" {
		name = Repr(u.Name)
	}
	return fmt.Sprintf("AnsibleUndefined(hint=%s, obj=%s, name=%s)", hint, obj, name)
}

// objectTypeRepr is jinja2.utils.object_type_repr.
func objectTypeRepr(v Value) string {
	if v.kind == NoneKind {
		return "None"
	}
	if v.kind == ObjectKind {
		if m, ok := v.ref.(interface{ ModuleType() string }); ok {
			return m.ModuleType() + " object"
		}
	}
	return typeName(v) + " object"
}

// undefErr returns the UndefinedError of the first undefined operand.
func undefErr(vals ...Value) error {
	for _, v := range vals {
		if v.kind == UndefinedKind {
			return secretErr(v.ref.(*Undefined).err(), v)
		}
	}
	return nil
}

// failOnUndefined is Ansible's _fail_on_undefined: the first undefined
// value nested anywhere in v fails.
func failOnUndefined(v Value) error {
	switch v.kind {
	case UndefinedKind:
		if v.ref.(*Undefined).plain {
			return nil
		}
		return undefErr(v)
	case ListKind, TupleKind:
		for _, it := range v.Items() {
			if err := failOnUndefined(it); err != nil {
				return err
			}
		}
	case DictKind:
		for _, it := range v.DictOf().vals {
			if err := failOnUndefined(it); err != nil {
				return err
			}
		}
	}
	return nil
}

// isPlainUndefined reports whether v is a plain (non-strict) Undefined.
func isPlainUndefined(v Value) bool {
	u, ok := v.ref.(*Undefined)
	return ok && u.plain
}
