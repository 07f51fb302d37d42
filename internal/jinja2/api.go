package jinja2

// This file exports the value operations filters written outside this
// package need, with Python's semantics and error messages.

// NewError returns a template error of a Python exception class.
func NewError(class, format string, args ...any) error { return newError(class, format, args...) }

// Iterate returns the items Python's iter(v) yields (dict keys, string
// characters, list and tuple items).
func Iterate(v Value) ([]Value, error) { return iterate(v) }

// Len returns Python's len(v).
func Len(v Value) (int, error) { return length(v) }

// GetAttr is Jinja2's attribute lookup (v.name).
func GetAttr(v Value, name string) Value { return getAttr(v, name) }

// GetItem is Jinja2's item lookup (v[key]).
func GetItem(v, key Value) (Value, error) { return getItem(v, key) }

// TypeName returns the Python type name of v.
func TypeName(v Value) string { return typeName(v) }

// LiteralEval is Python's ast.literal_eval; json accepts true, false and
// null as Ansible's Json2Python does.
func LiteralEval(s string, json bool) (Value, error) { return literalEval(s, json) }

// Sort sorts items as Python's sorted(items, key=key, reverse=reverse).
func Sort(items []Value, reverse bool, key func(Value) (Value, error)) ([]Value, error) {
	if key == nil {
		key = func(v Value) (Value, error) { return v, nil }
	}
	return sortValues(items, reverse, key)
}

// Param is one parameter of a Python signature for BindArgs.
type Param = param

// Required is a parameter without a default.
func Required(name string) Param { return req(name) }

// Optional is a parameter with a default.
func Optional(name string, def Value) Param { return opt(name, def) }

// BindArgs binds positional and keyword arguments to params as CPython
// does for a function called fname, with its TypeError messages.
func BindArgs(fname string, params []Param, args []Value, kw *Dict) ([]Value, error) {
	return bind(fname, params, args, kw)
}

// Func wraps a Go function as a callable template value.
func Func(name string, fn func(c *CallContext, args []Value, kw *Dict) (Value, error)) Value {
	return funcValue(name, fn)
}

// WithMarksOf returns v carrying the marks of every value in from.
func WithMarksOf(v Value, from ...Value) Value { return withMarks(v, from...) }

// UndefinedMessage returns the message an undefined value raises when used
// ("'x' is undefined"), or "" for a defined value.
func UndefinedMessage(v Value) string {
	if u, ok := v.ref.(*Undefined); ok && v.kind == UndefinedKind {
		return u.Message()
	}
	return ""
}

// AsNativeText returns v marked as Ansible's NativeJinjaText (what the string
// filter and the template lookup with convert_data=False return): a lone
// output node keeps it as a string.
func AsNativeText(v Value) Value {
	v.mark |= nativeText
	return v
}

// AsLoaded returns the string v marked as loaded from YAML and never
// templated since (Ansible's AnsibleUnicode); other values as they are.
func AsLoaded(v Value) Value {
	if v.kind == StrKind && v.mark&(nativeText|markup) == 0 {
		v.mark |= loaded
	}
	return v
}

// IsLoaded reports whether v is a string as YAML loaded it (AsLoaded).
func (v Value) IsLoaded() bool { return v.kind == StrKind && v.mark&loaded != 0 }

// IsNativeText reports whether v is a NativeJinjaText.
func (v Value) IsNativeText() bool { return v.mark&nativeText != 0 }
