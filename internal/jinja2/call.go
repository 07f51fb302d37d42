package jinja2

import (
	"fmt"
)

// FilterFunc is a filter: the value, positional and keyword arguments.
type FilterFunc func(c *CallContext, v Value, args []Value, kw *Dict) (Value, error)

// TestFunc is a test.
type TestFunc func(c *CallContext, v Value, args []Value, kw *Dict) (bool, error)

// evalArgs evaluates call arguments, spreading *args and **kwargs.
func (f *frame) evalArgs(a callArgs) ([]Value, *Dict, error) {
	args, err := f.evalList(a.args)
	if err != nil {
		return nil, nil, err
	}
	kw := NewDict()
	for i, name := range a.kwNames {
		v, err := f.eval(a.kwVals[i])
		if err != nil {
			return nil, nil, err
		}
		kw.SetStr(name, v)
	}
	if a.dynArgs != nil {
		v, err := f.eval(a.dynArgs)
		if err != nil {
			return nil, nil, err
		}
		items, err := iterate(v)
		if err != nil {
			return nil, nil, err
		}
		args = append(args, items...)
	}
	if a.dynKwarg != nil {
		v, err := f.eval(a.dynKwarg)
		if err != nil {
			return nil, nil, err
		}
		if v.kind != DictKind {
			return nil, nil, typeErrorf("argument after ** must be a mapping, not %s", typeName(v))
		}
		d := v.DictOf()
		for i, k := range d.keys {
			kw.SetStr(k.s, d.vals[i])
		}
	}
	return args, kw, nil
}

func (f *frame) evalCall(e *callExpr) (Value, error) {
	fn, err := f.eval(e.fn)
	if err != nil {
		return None, err
	}
	args, kw, err := f.evalArgs(e.callArgs)
	if err != nil {
		return None, err
	}
	return f.call(fn, args, kw)
}

// call invokes a callable value; the result carries the marks of the
// callable and of every argument.
func (f *frame) call(fn Value, args []Value, kw *Dict) (Value, error) {
	if fn.kind == UndefinedKind {
		return None, undefErr(strictOf(fn))
	}
	c, ok := fn.ref.(Callable)
	if !ok {
		return None, typeErrorf("'%s' object is not callable", typeName(fn))
	}
	if err := f.r.step(); err != nil {
		return None, err
	}
	f.r.depth++
	defer func() { f.r.depth-- }()
	if f.r.depth > maxCallDepth {
		return None, newError("RecursionError", "maximum recursion depth exceeded")
	}
	r, err := c.Call(&CallContext{f: f}, args, kw)
	if err != nil {
		if m, ok := c.(*boundMethod); ok {
			err = secretErr(err, m.recv)
		}
		return None, secretErr(secretErr(err, append(args, fn)...), kw.vals...)
	}
	r = withMarks(r, fn)
	r = withMarks(r, args...)
	return withMarks(r, kw.vals...), nil
}

// param is one parameter of a builtin signature.
type param struct {
	name string
	def  *Value // nil: required
}

func opt(name string, def Value) param { return param{name, &def} }

func req(name string) param { return param{name: name} }

// bind maps positional and keyword arguments onto params as Python does
// for a function called fname, reporting Python's TypeError messages.
func bind(fname string, params []param, args []Value, kw *Dict) ([]Value, error) {
	return bindAt(fname, 0, params, args, kw)
}

// bindAt is bind for a Python function whose first implicit positional
// parameters (the value, the environment) are counted in its messages.
func bindAt(fname string, implicit int, params []param, args []Value, kw *Dict) ([]Value, error) {
	if len(args) > len(params) {
		return nil, tooManyArgs(fname, implicit, params, len(args)+implicit)
	}
	out := make([]Value, len(params))
	set := make([]bool, len(params))
	for i, a := range args {
		out[i], set[i] = a, true
	}
	if kw != nil {
		for i, k := range kw.keys {
			j := paramIndex(params, k.s)
			if j < 0 {
				return nil, typeErrorf("%s() got an unexpected keyword argument %s", fname, QuoteString(k.s))
			}
			if set[j] {
				return nil, typeErrorf("%s() got multiple values for argument %s", fname, QuoteString(k.s))
			}
			out[j], set[j] = kw.vals[i], true
		}
	}
	for i, p := range params {
		if set[i] {
			continue
		}
		if p.def == nil {
			return nil, typeErrorf("%s() missing 1 required positional argument: %s", fname, QuoteString(p.name))
		}
		out[i] = *p.def
	}
	return out, nil
}

func paramIndex(params []param, name string) int {
	for i, p := range params {
		if p.name == name {
			return i
		}
	}
	return -1
}

// builtinFunc is a Go function exposed as a Python callable.
type builtinFunc struct {
	name  string
	fn    func(c *CallContext, args []Value, kw *Dict) (Value, error)
	class string // non-empty: the function is this Python class
}

// TypeName implements Object: the Python type name.
func (b *builtinFunc) TypeName() string {
	if b.class != "" {
		return "type"
	}
	return "function"
}

// Attr implements Object.
func (b *builtinFunc) Attr(string) (Value, bool) { return None, false }

// Call implements Callable.
func (b *builtinFunc) Call(c *CallContext, args []Value, kw *Dict) (Value, error) {
	return b.fn(c, args, kw)
}

// Repr is the Python repr.
func (b *builtinFunc) Repr() string {
	if b.class != "" {
		return fmt.Sprintf("<class '%s'>", b.class)
	}
	return fmt.Sprintf("<function %s>", b.name)
}

func classValue(class string, fn func(c *CallContext, args []Value, kw *Dict) (Value, error)) Value {
	return ObjectValue(&builtinFunc{name: class, fn: fn, class: class})
}

func funcValue(name string, fn func(c *CallContext, args []Value, kw *Dict) (Value, error)) Value {
	return ObjectValue(&builtinFunc{name: name, fn: fn})
}

// tooManyArgs is CPython's "takes N positional arguments" TypeError.
func tooManyArgs(fname string, implicit int, params []param, given int) error {
	required := implicit
	for _, p := range params {
		if p.def == nil {
			required++
		}
	}
	total := implicit + len(params)
	was := "were"
	if given == 1 {
		was = "was"
	}
	if required == total {
		plural := "s"
		if total == 1 {
			plural = ""
		}
		return typeErrorf("%s() takes %d positional argument%s but %d %s given", fname, total, plural, given, was)
	}
	return typeErrorf("%s() takes from %d to %d positional arguments but %d %s given", fname, required, total, given, was)
}
