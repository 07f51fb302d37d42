package jinja2

import (
	"regexp"
	"strings"
)

// testSig wraps a test with a Python signature.
func testSig(name string, params []param, fn func(v Value, a []Value) (bool, error)) TestFunc {
	return func(c *CallContext, v Value, args []Value, kw *Dict) (bool, error) {
		a, err := bindAt("test_"+name, 1, params, args, kw)
		if err != nil {
			return false, err
		}
		return fn(v, a)
	}
}

func kindTest(name string, ok func(v Value) bool) TestFunc {
	return testSig(name, nil, func(v Value, a []Value) (bool, error) { return ok(v), nil })
}

func builtinTests() map[string]TestFunc {
	m := map[string]TestFunc{
		"defined":   kindTest("defined", func(v Value) bool { return v.kind != UndefinedKind }),
		"undefined": kindTest("undefined", func(v Value) bool { return v.kind == UndefinedKind }),
		"none":      kindTest("none", func(v Value) bool { return v.kind == NoneKind }),
		"boolean":   kindTest("boolean", func(v Value) bool { return v.kind == BoolKind }),
		"true":      kindTest("true", func(v Value) bool { return v.kind == BoolKind && v.n == 1 }),
		"false":     kindTest("false", func(v Value) bool { return v.kind == BoolKind && v.n == 0 }),
		"integer":   kindTest("integer", func(v Value) bool { return v.kind == IntKind }),
		"float":     kindTest("float", func(v Value) bool { return v.kind == FloatKind }),
		"number":    kindTest("number", func(v Value) bool { return v.isNumber() }),
		"string":    kindTest("string", func(v Value) bool { return v.kind == StrKind }),
		"mapping":   kindTest("mapping", func(v Value) bool { return v.kind == DictKind }),
		"sequence": kindTest("sequence", func(v Value) bool {
			return v.kind == StrKind || v.kind == ListKind || v.kind == TupleKind || v.kind == DictKind
		}),
		"iterable": func(c *CallContext, v Value, args []Value, kw *Dict) (bool, error) {
			if v.kind == UndefinedKind {
				return false, undefErr(v)
			}
			_, err := iterate(v)
			return err == nil, nil
		},
		"callable": kindTest("callable", func(v Value) bool {
			_, ok := v.ref.(Callable)
			return ok || v.kind == UndefinedKind
		}),
		"escaped": kindTest("escaped", func(v Value) bool {
			return v.mark&markup != 0 || (v.kind == UndefinedKind && !isPlainUndefined(v))
		}),
		"lower": strTest("lower", strCase(true)),
		"upper": strTest("upper", strCase(false)),
		"odd":   intTest("odd", func(r Value) bool { return r.n == 1 }),
		"even":  intTest("even", func(r Value) bool { return r.n == 0 }),
		"divisibleby": testSig("divisibleby", []param{req("num")}, func(v Value, a []Value) (bool, error) {
			r, err := BinaryOp("%", v, a[0])
			if err != nil {
				return false, err
			}
			return equal(r, Int(0)), nil
		}),
		"sameas": testSig("sameas", []param{req("other")}, func(v Value, a []Value) (bool, error) {
			return sameAs(v, a[0]), nil
		}),
		"in": testSig("in", []param{req("seq")}, func(v Value, a []Value) (bool, error) { return Contains(a[0], v) }),
	}
	for _, op := range [][]string{{"==", "eq", "equalto"}, {"!=", "ne"}, {">", "gt", "greaterthan"}, {">=", "ge"}, {"<", "lt", "lessthan"}, {"<=", "le"}} {
		t := compareTest(op[0])
		for _, n := range op {
			m[n] = t
		}
	}
	m["filter"] = func(c *CallContext, v Value, args []Value, kw *Dict) (bool, error) {
		_, ok := c.f.r.env.filter(v.s)
		return pluginKnown(v, ok)
	}
	m["test"] = func(c *CallContext, v Value, args []Value, kw *Dict) (bool, error) {
		_, ok := c.f.r.env.test(v.s)
		return pluginKnown(v, ok)
	}
	return m
}

func strTest(name string, fn methodFunc) TestFunc {
	return testSig(name, nil, func(v Value, a []Value) (bool, error) {
		s, err := ToString(v)
		if err != nil {
			return false, err
		}
		r, err := fn(nil, Str(s), nil, NewDict())
		return r.n == 1, err
	})
}

func intTest(name string, ok func(r Value) bool) TestFunc {
	return testSig(name, nil, func(v Value, a []Value) (bool, error) {
		r, err := BinaryOp("%", v, Int(2))
		if err != nil {
			return false, err
		}
		if r.kind == FloatKind {
			return ok(Int(int64(r.f))) && r.f == float64(int64(r.f)), nil
		}
		return ok(r), nil
	})
}

var operatorNames = map[string]string{"==": "eq", "!=": "ne", ">": "gt", ">=": "ge", "<": "lt", "<=": "le"}

// compareTest is a test that is Python's operator.eq (ge, lt...).
func compareTest(op string) TestFunc {
	return func(c *CallContext, v Value, args []Value, kw *Dict) (bool, error) {
		if kw.Len() > 0 {
			return false, typeErrorf("%s() takes no keyword arguments", operatorNames[op])
		}
		if len(args) != 1 {
			return false, typeErrorf("%s expected 2 arguments, got %d", operatorNames[op], len(args)+1)
		}
		r, err := Compare(op, v, args[0])
		if err != nil {
			return false, err
		}
		return r.n == 1, nil
	}
}

// sameAs approximates Python's `is`: identity for containers and
// objects, value identity for None, bools and small ints.
func sameAs(a, b Value) bool {
	if a.kind != b.kind {
		return false
	}
	switch a.kind {
	case NoneKind:
		return true
	case BoolKind:
		return a.n == b.n
	case IntKind:
		return a.ref == nil && b.ref == nil && a.n == b.n && a.n >= -5 && a.n <= 256
	case StrKind:
		return a.s == b.s
	case FloatKind:
		return false
	}
	return a.ref == b.ref
}

// pluginKnown is `name in env.filters` through Ansible's plugin loader:
// a non-string name is a ValueError, an unknown one fails to load.
func pluginKnown(name Value, ok bool) (bool, error) {
	if name.kind != StrKind {
		return false, valueErrorf("key must be a string, got <class '%s'> instead", typeName(name))
	}
	if !ok {
		return false, couldNotLoad(name.s)
	}
	return true, nil
}

var fqcnRe = regexp.MustCompile(`^[A-Za-z_]\w*\.[A-Za-z_]\w*\.[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$`)

// pluginWordRe is Python's `^\w+$`: a name that can be a builtin plugin's.
var pluginWordRe = regexp.MustCompile(`^[\p{L}\p{N}_]+\n?$`)

// couldNotLoad is the error of Ansible's plugin loader for an unknown
// filter or test name.
func couldNotLoad(name string) error {
	reason := QuoteString(name)
	if !strings.Contains(name, ".") && !pluginWordRe.MatchString(name) {
		reason = QuoteString("invalid plugin name: ansible.builtin." + name)
	} else if strings.Contains(name, ".") && !fqcnRe.MatchString(name) {
		reason = QuoteString("invalid plugin name: " + name)
	}
	return newError("TemplateSyntaxError", "Could not load \"%s\": %s", name, reason)
}
