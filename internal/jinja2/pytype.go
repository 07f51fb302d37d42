package jinja2

// pyType is a Python type object, what `value.__class__` gives: it has a
// name and prints as Python prints a class.
type pyType struct{ name string }

// TypeName implements Object: a class is of type type.
func (t *pyType) TypeName() string { return "type" }

// Attr implements Object: __name__ is the class name.
func (t *pyType) Attr(name string) (Value, bool) {
	if name == "__name__" {
		return Str(t.name), true
	}
	return None, false
}

// classModules are the modules of the classes that are not builtins.
var classModules = map[string]string{
	"AnsibleUnicode":   "ansible.parsing.yaml.objects.",
	"NativeJinjaText":  "ansible.utils.native_jinja.",
	"Markup":           "markupsafe.",
	"AnsibleUndefined": "ansible.template.",
	"Undefined":        "jinja2.runtime.",
}

// Repr is Python's repr() of a class: builtins by name, others with
// their module.
func (t *pyType) Repr() string { return "<class '" + classModules[t.name] + t.name + "'>" }

// classOf is v.__class__.
func classOf(v Value) Value { return ObjectValue(&pyType{name: typeName(v)}) }

// Call implements Callable: a class is callable, as in Python. The
// builtin data types construct as Python's constructors do; other
// classes (Ansible's and Jinja2's) are not constructed in templates.
func (t *pyType) Call(c *CallContext, args []Value, kw *Dict) (Value, error) {
	if t.name == "dict" {
		return gDict(c, args, kw)
	}
	ctor, ok := classCtors[t.name]
	if !ok {
		return None, typeErrorf("cannot create '%s' instances in a template", t.name)
	}
	if kw.Len() > 0 {
		return None, typeErrorf("%s() takes no keyword arguments", t.name)
	}
	if t.name == "int" && len(args) == 2 {
		return intWithBase(args[0], args[1])
	}
	if len(args) > 1 {
		return None, typeErrorf("%s expected at most 1 argument, got %d", t.name, len(args))
	}
	if len(args) == 0 {
		return ctor.zero, nil
	}
	return ctor.conv(args[0])
}

// classCtor is a builtin type's constructor: its value without an
// argument and its conversion of one.
type classCtor struct {
	zero Value
	conv func(Value) (Value, error)
}

var classCtors = map[string]classCtor{
	"NoneType": {None, func(Value) (Value, error) { return None, typeErrorf("NoneType takes no arguments") }},
	"bool": {Bool(false), func(v Value) (Value, error) {
		b, err := Truth(v)
		return Bool(b), err
	}},
	"int":   {Int(0), func(v Value) (Value, error) { return pyInt(v, 10) }},
	"float": {Float(0), pyFloat},
	"str": {Str(""), func(v Value) (Value, error) {
		s, err := ToString(v)
		return Str(s), err
	}},
	"list": {NewList(), func(v Value) (Value, error) {
		items, err := iterate(v)
		return NewList(items...), err
	}},
	"tuple": {NewTuple(), func(v Value) (Value, error) {
		items, err := iterate(v)
		return NewTuple(items...), err
	}},
}

// intWithBase is Python's int(v, base): only strings take a base.
func intWithBase(v, base Value) (Value, error) {
	if v.kind != StrKind {
		return None, typeErrorf("int() can't convert non-string with explicit base")
	}
	b, err := needInt(base)
	if err != nil {
		return None, err
	}
	return pyInt(v, int(b))
}
