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
