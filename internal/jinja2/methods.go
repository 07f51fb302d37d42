package jinja2

import "fmt"

// methodFunc implements one Python method on a receiver.
type methodFunc func(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error)

// boundMethod is a method looked up on a value, ready to call.
type boundMethod struct {
	recv Value
	name string
	fn   methodFunc
}

// TypeName implements Object: the Python type name.
func (m *boundMethod) TypeName() string { return "builtin_function_or_method" }

// Attr implements Object.
func (m *boundMethod) Attr(string) (Value, bool) { return None, false }

// Call implements Callable.
func (m *boundMethod) Call(c *CallContext, args []Value, kw *Dict) (Value, error) {
	r, err := m.fn(c, m.recv, args, kw)
	if err != nil {
		return None, err
	}
	return withMarks(r, m.recv), nil
}

// Repr is the Python repr.
func (m *boundMethod) Repr() string {
	return fmt.Sprintf("<built-in method %s of %s object>", m.name, typeName(m.recv))
}

// lookupMethod returns the named method of a str, list or dict.
func lookupMethod(obj Value, name string) (Value, bool) {
	var table map[string]methodFunc
	switch obj.kind {
	case StrKind:
		table = strMethods
	case ListKind:
		table = listMethods
	case TupleKind:
		table = tupleMethods
	case DictKind:
		table = dictMethods
	default:
		return None, false
	}
	fn, ok := table[name]
	if !ok {
		return None, false
	}
	return ObjectValue(&boundMethod{recv: obj, name: name, fn: fn}), true
}

// noArgs checks that a method got no arguments.
func noArgs(name string, args []Value, kw *Dict) error {
	if kw.Len() > 0 {
		return typeErrorf("%s() takes no keyword arguments", name)
	}
	if len(args) > 0 {
		return typeErrorf("%s() takes no arguments (%d given)", name, len(args))
	}
	return nil
}

// posArgs checks a positional-only method's argument count.
func posArgs(name string, args []Value, kw *Dict, min, max int) error {
	if kw != nil && kw.Len() > 0 {
		return typeErrorf("%s() takes no keyword arguments", name)
	}
	if len(args) < min {
		if min == max {
			return typeErrorf("%s() takes exactly one argument (%d given)", name, len(args))
		}
		return typeErrorf("%s expected at least %d argument, got %d", name, min, len(args))
	}
	if len(args) > max {
		if max == 0 {
			return typeErrorf("%s() takes no arguments (%d given)", name, len(args))
		}
		if min == max {
			return typeErrorf("%s() takes exactly one argument (%d given)", name, len(args))
		}
		return typeErrorf("%s expected at most %d arguments, got %d", name, max, len(args))
	}
	return nil
}

func needStr(fname string, v Value) (string, error) {
	if v.kind != StrKind {
		if v.kind == UndefinedKind {
			return "", undefErr(v)
		}
		return "", typeErrorf("%s arg must be None or str", fname)
	}
	return v.s, nil
}

func needInt(v Value) (int64, error) {
	if !v.isIntegral() {
		if v.kind == UndefinedKind {
			return 0, undefErr(v)
		}
		return 0, typeErrorf("'%s' object cannot be interpreted as an integer", typeName(v))
	}
	i, ok := v.IntValue()
	if !ok {
		return 0, newError("OverflowError", "Python int too large to convert to C ssize_t")
	}
	return i, nil
}
