package lookups

import (
	"strings"

	"github.com/edxplay/edxplay/internal/jinja2"
)

// optType is the type of a plugin option (config manager's ensure_type).
type optType uint8

const (
	optRaw optType = iota
	optStr
	optBool
	optInt
	optList
	optDict
)

// option is one documented option of a lookup plugin.
type option struct {
	name  string
	typ   optType
	def   jinja2.Value
	alias string
	// choices, when set, are the values the option accepts.
	choices []string
}

// options is set_options(direct=kwargs) then get_options(): the documented
// options, each from kwargs or its default, converted to its type.
// Keywords the plugin does not document are ignored, as Ansible does.
func options(plugin string, specs []option, kw *jinja2.Dict) (map[string]jinja2.Value, error) {
	out := make(map[string]jinja2.Value, len(specs))
	for _, o := range specs {
		v, ok := kw.GetStr(o.name)
		if !ok && o.alias != "" {
			v, ok = kw.GetStr(o.alias)
		}
		if !ok || v.IsNone() {
			out[o.name] = o.def
			continue
		}
		c, err := convertOption(o.typ, v)
		if err != nil {
			s, _ := jinja2.ToString(v)
			return nil, ansibleError("AnsibleOptionsError", "Invalid type for configuration option plugin_type: lookup plugin: %s setting: %s : %s", plugin, o.name, s)
		}
		if len(o.choices) > 0 && !validChoice(o.choices, c) {
			return nil, ansibleError("AnsibleOptionsError", "Invalid value \"%s\" for configuration option \"plugin_type: lookup plugin: %s setting: %s \", valid values are: %s", pyStr(c), plugin, o.name, strings.Join(o.choices, ", "))
		}
		out[o.name] = c
	}
	return out, nil
}

func validChoice(choices []string, v jinja2.Value) bool {
	for _, c := range choices {
		if v.Kind() == jinja2.StrKind && v.StrValue() == c {
			return true
		}
	}
	return false
}

func convertOption(t optType, v jinja2.Value) (jinja2.Value, error) {
	switch t {
	case optBool:
		return jinja2.Bool(boolean(v)), nil
	case optInt:
		return toInt(v)
	case optStr:
		if v.Kind() == jinja2.StrKind {
			return v, nil
		}
		switch v.Kind() {
		case jinja2.BoolKind, jinja2.IntKind, jinja2.FloatKind:
			s, err := jinja2.ToString(v)
			return jinja2.Str(s), err
		}
		return v, errBadType
	case optList:
		if v.Kind() == jinja2.StrKind {
			var items []jinja2.Value
			for _, p := range strings.Split(v.StrValue(), ",") {
				items = append(items, jinja2.Str(strings.TrimSpace(p)))
			}
			return jinja2.NewList(items...), nil
		}
		if v.Kind() != jinja2.ListKind && v.Kind() != jinja2.TupleKind {
			return v, errBadType
		}
	case optDict:
		if v.Kind() != jinja2.DictKind {
			return v, errBadType
		}
	}
	return v, nil
}

var errBadType = jinja2.NewError("TypeError", "invalid type")

// boolean is module_utils' boolean(value, strict=False).
func boolean(v jinja2.Value) bool {
	switch v.Kind() {
	case jinja2.BoolKind:
		return v.BoolValue()
	case jinja2.StrKind:
		switch strings.TrimSpace(strings.ToLower(v.StrValue())) {
		case "y", "yes", "on", "1", "true", "t":
			return true
		}
	case jinja2.IntKind, jinja2.FloatKind:
		eq, _ := jinja2.Equal(v, jinja2.Int(1))
		return eq
	}
	return false
}

// toInt is Python's int(v) for an option value.
func toInt(v jinja2.Value) (jinja2.Value, error) {
	switch v.Kind() {
	case jinja2.IntKind:
		return v, nil
	case jinja2.BoolKind:
		if v.BoolValue() {
			return jinja2.Int(1), nil
		}
		return jinja2.Int(0), nil
	case jinja2.FloatKind:
		return jinja2.Int(int64(v.FloatValue())), nil
	case jinja2.StrKind:
		if n, ok := parseInt(v.StrValue(), 10); ok {
			return jinja2.Int(n), nil
		}
		return v, jinja2.NewError("ValueError", "invalid literal for int() with base 10: %s", jinja2.Repr(v))
	}
	return v, jinja2.NewError("TypeError", "int() argument must be a string, a bytes-like object or a real number, not '%s'", jinja2.TypeName(v))
}

// strOpt returns a string option ("" for None).
func strOpt(opts map[string]jinja2.Value, name string) string {
	v := opts[name]
	if v.Kind() == jinja2.StrKind {
		return v.StrValue()
	}
	if v.IsNone() {
		return ""
	}
	s, _ := jinja2.ToString(v)
	return s
}
