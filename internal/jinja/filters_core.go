package jinja

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/edxplay/edxplay/internal/jinja2"
)

// call holds the converted arguments of a filter, test or global call.
type call struct {
	ctx *jinja2.CallContext
	// rc is the rendering, nil outside the templar.
	rc   *renderCtx
	args []any
	kw   map[string]any
}

// arg returns positional argument i, or keyword name, or def.
func (c *call) arg(i int, name string, def any) any {
	if i >= 0 && i < len(c.args) {
		return c.args[i]
	}
	if v, ok := c.kw[name]; ok {
		return v
	}
	return def
}

// has reports whether positional argument i or keyword name was given.
func (c *call) has(i int, name string) bool {
	_, ok := c.kw[name]
	return ok || (i >= 0 && i < len(c.args))
}

// filterFn is a filter on plain Go data.
type filterFn func(in any, c *call) (any, error)

// newCall converts template arguments into Go data.
func newCall(cc *jinja2.CallContext, args []jinja2.Value, kw *jinja2.Dict) *call {
	c := &call{ctx: cc, kw: map[string]any{}}
	if cc != nil {
		c.rc, _ = cc.Vars().(*renderCtx)
	}
	for _, a := range args {
		c.args = append(c.args, fromValue(a))
	}
	if kw != nil {
		vals := kw.Values()
		for i, k := range kw.Keys() {
			c.kw[k.StrValue()] = fromValue(vals[i])
		}
	}
	return c
}

// undefinedIn returns the error of the first undefined value among v, args
// and kw: Ansible's filters fail on an undefined input or argument.
func undefinedIn(v jinja2.Value, args []jinja2.Value, kw *jinja2.Dict) error {
	vals := append([]jinja2.Value{v}, args...)
	if kw != nil {
		vals = append(vals, kw.Values()...)
	}
	for _, a := range vals {
		if a.IsUndefined() {
			return jinja2.NewError("UndefinedError", "%s", jinja2.UndefinedMessage(a))
		}
	}
	return nil
}

// adapt turns a filterFn into a template filter: the result carries the
// marks of the input and the arguments.
func adapt(name string, fn filterFn) jinja2.FilterFunc {
	return func(cc *jinja2.CallContext, v jinja2.Value, args []jinja2.Value, kw *jinja2.Dict) (jinja2.Value, error) {
		if err := undefinedIn(v, args, kw); err != nil {
			return jinja2.None, err
		}
		c := newCall(cc, args, kw)
		out, err := fn(fromValue(v), c)
		if err != nil {
			return jinja2.None, pluginError(name, err)
		}
		from := append([]jinja2.Value{v}, args...)
		if kw != nil {
			from = append(from, kw.Values()...)
		}
		res := jinja2.WithMarksOf((&converter{rc: c.rc}).toValue(out), from...)
		if stringFilters[name] {
			res = jinja2.AsNativeText(res)
		}
		return res, nil
	}
}

// stringFilters are Ansible's STRING_TYPE_FILTERS: their text result is
// NativeJinjaText, never turned back into data.
var stringFilters = setOf("string to_json to_nice_json to_yaml to_nice_yaml json")

// pluginError makes a filter's or test's error a template error.
func pluginError(name string, err error) error {
	var limit *LimitError
	switch {
	case jinja2.ErrorClass(err) != "", errors.As(err, &limit):
		return err
	case IsUndefined(err):
		return jinja2.NewError("UndefinedError", "%s", err.Error())
	}
	return jinja2.NewError("AnsibleFilterError", "%s: %s", name, err.Error())
}

// filterTable lists every filter the engine adds or overrides.
func (e *Engine) filterTable() map[string]filterFn {
	out := map[string]filterFn{}
	for _, group := range []map[string]filterFn{coreFilters(), textFilters(), regexFilters(), listFilters(), applyFilters(), dictFilters(), encodeFilters(), dataFilters(), urlFilters()} {
		for k, v := range group {
			out[k] = v
		}
	}
	return out
}

// mandatory is Ansible's mandatory filter.
func mandatory(_ *jinja2.CallContext, v jinja2.Value, args []jinja2.Value, kw *jinja2.Dict) (jinja2.Value, error) {
	a, err := jinja2.BindArgs("mandatory", []jinja2.Param{jinja2.Optional("msg", jinja2.None)}, args, kw)
	if err != nil {
		return jinja2.None, err
	}
	u, undefined := jinja2.UndefinedOf(v)
	if !undefined {
		return v, nil
	}
	if !a[0].IsNone() {
		return jinja2.None, jinja2.NewError("AnsibleFilterError", "%s", pyStr(fromValue(a[0])))
	}
	name := ""
	if u.Name.Kind() == jinja2.StrKind {
		name = "'" + u.Name.StrValue() + "' "
	}
	return jinja2.None, jinja2.NewError("AnsibleFilterError", "Mandatory variable %snot defined.", name)
}

func coreFilters() map[string]filterFn {
	return map[string]filterFn{
		"bool":    func(in any, _ *call) (any, error) { return toBool(in), nil },
		"int":     filterInt,
		"float":   filterFloat,
		"string":  func(in any, _ *call) (any, error) { return pyStr(in), nil },
		"ternary": filterTernary,
		"type_debug": func(in any, _ *call) (any, error) {
			return pyTypeName(in), nil
		},
		"abs":   filterAbs,
		"round": filterRound,
	}
}

// toBool implements Ansible's bool filter.
func toBool(in any) any {
	switch t := in.(type) {
	case nil, bool:
		return t
	case string:
		switch strings.ToLower(t) {
		case "yes", "on", "1", "true":
			return true
		}
		return false
	case int:
		return t == 1
	case float64:
		return t == 1
	}
	return false
}

func filterInt(in any, c *call) (any, error) {
	def := c.arg(0, "default", 0)
	base := asInt(c.arg(1, "base", 10), 10)
	switch t := in.(type) {
	case bool:
		if t {
			return 1, nil
		}
		return 0, nil
	case int, *big.Int:
		return t, nil
	case float64:
		return int(t), nil
	case string:
		s := strings.TrimSpace(t)
		if base == 10 {
			if i, err := strconv.ParseInt(strings.ReplaceAll(s, "_", ""), 10, 64); err == nil {
				return int(i), nil
			}
			if f, err := strconv.ParseFloat(s, 64); err == nil {
				return int(f), nil
			}
			return def, nil
		}
		if base != 0 {
			s = stripBasePrefix(s, base)
		}
		if i, err := strconv.ParseInt(s, base, 64); err == nil {
			return int(i), nil
		}
	}
	return def, nil
}

func stripBasePrefix(s string, base int) string {
	lower := strings.ToLower(s)
	prefix := map[int]string{16: "0x", 8: "0o", 2: "0b"}[base]
	if prefix != "" && strings.HasPrefix(lower, prefix) {
		return s[2:]
	}
	return s
}

func filterFloat(in any, c *call) (any, error) {
	def := c.arg(0, "default", 0.0)
	switch t := in.(type) {
	case bool:
		if t {
			return 1.0, nil
		}
		return 0.0, nil
	case int:
		return float64(t), nil
	case float64:
		return t, nil
	case string:
		if f, err := strconv.ParseFloat(strings.TrimSpace(t), 64); err == nil {
			return f, nil
		}
	}
	return def, nil
}

func filterTernary(in any, c *call) (any, error) {
	if in == nil && c.has(2, "none_val") {
		return c.arg(2, "none_val", nil), nil
	}
	if truthy(in) {
		return c.arg(0, "true_val", nil), nil
	}
	return c.arg(1, "false_val", nil), nil
}

func filterAbs(in any, _ *call) (any, error) {
	switch t := in.(type) {
	case int:
		if t < 0 {
			return -t, nil
		}
		return t, nil
	case float64:
		return math.Abs(t), nil
	}
	return nil, fmt.Errorf("bad operand type for abs(): '%s'", pyTypeName(in))
}

func filterRound(in any, c *call) (any, error) {
	method := pyStr(c.arg(1, "method", "common"))
	if i, ok := in.(int); ok && method == "common" {
		return i, nil
	}
	f, ok := toFloat(in)
	if !ok {
		return nil, fmt.Errorf("cannot round %s", pyTypeName(in))
	}
	precision := asInt(c.arg(0, "precision", 0), 0)
	scale := math.Pow(10, float64(precision))
	switch method {
	case "ceil":
		return math.Ceil(f*scale) / scale, nil
	case "floor":
		return math.Floor(f*scale) / scale, nil
	}
	// Python's round() on the decimal representation: round half to even
	// on the exact binary value, approximated by formatting.
	s := strconv.FormatFloat(f, 'f', precision, 64)
	r, _ := strconv.ParseFloat(s, 64)
	return r, nil
}

// pyTypeName returns the Python type name of a value.
func pyTypeName(in any) string {
	switch in.(type) {
	case nil:
		return "NoneType"
	case bool:
		return "bool"
	case int, *big.Int:
		return "int"
	case float64:
		return "float"
	case string:
		return "str"
	case pyTuple:
		return "tuple"
	case []any:
		return "list"
	case map[string]any, *lazyMap:
		return "dict"
	case error:
		return "AnsibleUndefined"
	}
	return fmt.Sprintf("%T", in)
}

// toFloat converts numbers (and numeric strings) to float64.
func toFloat(x any) (float64, bool) {
	switch t := x.(type) {
	case int:
		return float64(t), true
	case float64:
		return t, true
	case bool:
		if t {
			return 1, true
		}
		return 0, true
	case *big.Int:
		f, _ := new(big.Float).SetInt(t).Float64()
		return f, true
	}
	return 0, false
}

// asInt converts a number-like argument to int.
func asInt(x any, def int) int {
	switch t := x.(type) {
	case int:
		return t
	case float64:
		return int(t)
	case bool:
		if t {
			return 1
		}
		return 0
	case string:
		if i, err := strconv.Atoi(strings.TrimSpace(t)); err == nil {
			return i
		}
	}
	return def
}
