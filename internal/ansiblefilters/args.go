package ansiblefilters

import (
	"fmt"

	j "github.com/edxplay/edxplay/internal/jinja2"
)

// body is a filter after its arguments are bound: a[0] is the value.
type body func(c *j.CallContext, a []j.Value) (j.Value, error)

// sig wraps a filter with its Python signature: the value is the first
// parameter (named as in Ansible's source), then params, so argument
// errors read as CPython's for that function.
func sig(pyname, value string, params []j.Param, fn body) j.FilterFunc {
	all := append([]j.Param{j.Required(value)}, params...)
	return func(c *j.CallContext, v j.Value, args []j.Value, kw *j.Dict) (j.Value, error) {
		a, err := j.BindArgs(pyname, all, append([]j.Value{v}, args...), kw)
		if err != nil {
			return j.None, err
		}
		return fn(c, a)
	}
}

// req and opt shorten parameter lists.
func req(name string) j.Param { return j.Required(name) }

func opt(name string, def j.Value) j.Param { return j.Optional(name, def) }

// filterError is Ansible's AnsibleFilterError.
func filterError(format string, args ...any) error {
	return j.NewError("AnsibleFilterError", format, args...)
}

// wrapped is an AnsibleFilterError re-raised from another Ansible error
// (orig_exc): its message is repeated after a period, as Ansible prints it.
func wrapped(format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	return j.NewError("AnsibleFilterError", "%s. %s", msg, msg)
}

// wrappedIn is wrapped for a filter that prefixes the original message.
func wrappedIn(prefix string, err error) error {
	msg := errMessage(err)
	return j.NewError("AnsibleFilterError", "%s - %s. %s", prefix, msg, msg)
}

// filterTypeError is Ansible's AnsibleFilterTypeError.
func filterTypeError(format string, args ...any) error {
	return j.NewError("AnsibleFilterTypeError", format, args...)
}

// typeError is Python's TypeError.
func typeError(format string, args ...any) error { return j.NewError("TypeError", format, args...) }

// valueError is Python's ValueError.
func valueError(format string, args ...any) error { return j.NewError("ValueError", format, args...) }

// text is Ansible's to_text(v, nonstring='simplerepr'): Python's str(v);
// an undefined value fails as in Jinja2.
func text(v j.Value) (string, error) { return j.ToString(v) }

// defined fails with the UndefinedError of the first undefined value.
func defined(vals ...j.Value) error {
	for _, v := range vals {
		if v.IsUndefined() {
			_, err := j.ToString(v)
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// truth is Python's bool(v).
func truth(v j.Value) (bool, error) { return j.Truth(v) }

// isStr reports whether v is a str.
func isStr(v j.Value) bool { return v.Kind() == j.StrKind }

// isSeq is Ansible's is_sequence: a list or tuple (not a string).
func isSeq(v j.Value) bool { return v.Kind() == j.ListKind || v.Kind() == j.TupleKind }

// toInt converts an int, bool, integral float or numeric string as
// Python's int(v).
func toInt(v j.Value) (int64, error) {
	switch v.Kind() {
	case j.IntKind, j.BoolKind:
		n, ok := v.IntValue()
		if v.Kind() == j.BoolKind {
			n, ok = 0, true
			if v.BoolValue() {
				n = 1
			}
		}
		if !ok {
			return 0, valueError("int too large")
		}
		return n, nil
	case j.FloatKind:
		return int64(v.FloatValue()), nil
	case j.StrKind:
		var n int64
		if _, err := fmt.Sscan(v.StrValue(), &n); err != nil {
			return 0, valueError("invalid literal for int() with base 10: %s", j.QuoteString(v.StrValue()))
		}
		return n, nil
	}
	return 0, typeError("int() argument must be a string, a bytes-like object or a real number, not '%s'", j.TypeName(v))
}
