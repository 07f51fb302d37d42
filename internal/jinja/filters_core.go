package jinja

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/nikolalohinski/gonja/v2/exec"
)

// call holds the converted arguments of a filter, test or global call.
type call struct {
	ev   *exec.Evaluator
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

// newCall converts gonja arguments.
func newCall(ev *exec.Evaluator, params *exec.VarArgs) (*call, error) {
	c := &call{ev: ev, kw: map[string]any{}}
	for _, a := range params.Args {
		v := toGo(a)
		if err, ok := v.(error); ok {
			return nil, err
		}
		c.args = append(c.args, v)
	}
	for k, a := range params.KwArgs {
		v := toGo(a)
		if err, ok := v.(error); ok {
			return nil, err
		}
		c.kw[k] = v
	}
	return c, nil
}

// adapt turns a filterFn into a gonja filter. Undefined or failed input is
// passed through unless acceptErr is set.
func adapt(name string, fn filterFn, acceptErr bool) exec.FilterFunction {
	return func(ev *exec.Evaluator, in *exec.Value, params *exec.VarArgs) *exec.Value {
		v := filterInput(toGo(in), acceptErr)
		if err, ok := v.(error); ok && !acceptErr {
			return exec.AsValue(err)
		}
		c, err := newCall(ev, params)
		if err != nil {
			return exec.AsValue(err)
		}
		out, err := fn(v, c)
		if err != nil {
			if _, undefined := err.(*UndefinedError); undefined {
				return exec.AsValue(err)
			}
			return exec.AsValue(fmt.Errorf("%s: %w", name, err))
		}
		return asValue(out)
	}
}

// filterTable lists every filter the engine adds or overrides.
func (e *Engine) filterTable() map[string]exec.FilterFunction {
	plainFilters := map[string]filterFn{}
	for _, group := range []map[string]filterFn{coreFilters(), textFilters(), regexFilters(), listFilters(), applyFilters(), dictFilters(), encodeFilters(), dataFilters(), urlFilters()} {
		for k, v := range group {
			plainFilters[k] = v
		}
	}
	out := map[string]exec.FilterFunction{}
	for name, fn := range plainFilters {
		out[name] = adapt(name, fn, false)
	}
	for _, name := range []string{"default", "d", "mandatory"} {
		out[name] = adapt(name, plainFilters[name], true)
	}
	out[finalizeFilter] = finalize
	out[captureFilter] = capture
	out[operatorFilter] = operatorFilterFn
	out[literalFilter] = literalFilterFn
	out[iterFilter] = iterFilterFn
	out[truthFilter] = truthFilterFn
	out[boxFilter] = boxFilterFn
	out[unboxFilter] = unboxFilterFn
	return out
}

// finalize renders the value of a {{ }} expression: None prints as ” and
// errors (such as undefined variables) abort the rendering.
func finalize(_ *exec.Evaluator, in *exec.Value, _ *exec.VarArgs) *exec.Value {
	v := toGo(in)
	switch t := v.(type) {
	case error:
		return exec.AsValue(t)
	case nil:
		return exec.AsValue("")
	}
	return exec.AsValue(pyStr(v))
}

// capture stores the evaluated value into the render's sink (used by Eval).
func capture(ev *exec.Evaluator, in *exec.Value, _ *exec.VarArgs) *exec.Value {
	v := toGo(in)
	if err, ok := v.(error); ok {
		return exec.AsValue(err)
	}
	raw, _ := ev.Environment.Context.Get(captureSink)
	if s, ok := raw.(*sink); ok {
		*s.value = v
	}
	return exec.AsValue("")
}

func coreFilters() map[string]filterFn {
	return map[string]filterFn{
		"default":   filterDefault,
		"d":         filterDefault,
		"mandatory": filterMandatory,
		"bool":      func(in any, _ *call) (any, error) { return toBool(in), nil },
		"int":       filterInt,
		"float":     filterFloat,
		"string":    func(in any, _ *call) (any, error) { return pyStr(in), nil },
		"ternary":   filterTernary,
		"type_debug": func(in any, _ *call) (any, error) {
			return pyTypeName(in), nil
		},
		"abs":   filterAbs,
		"round": filterRound,
	}
}

func filterDefault(in any, c *call) (any, error) {
	def := c.arg(0, "default_value", "")
	boolean := truthy(c.arg(1, "boolean", false))
	if _, undefined := in.(error); undefined {
		return def, nil
	}
	if boolean && !truthy(in) {
		return def, nil
	}
	return in, nil
}

func filterMandatory(in any, c *call) (any, error) {
	if err, ok := in.(error); ok {
		if msg, ok := c.arg(0, "msg", nil).(string); ok {
			return nil, fmt.Errorf("%s", msg)
		}
		if u, ok := asUndefined(err); ok && u.Name == "" {
			return nil, fmt.Errorf("Mandatory variable  not defined.")
		}
		if u, ok := asUndefined(err); ok {
			return nil, fmt.Errorf("Mandatory variable %s not defined.", pyQuote(u.Name))
		}
		return nil, err
	}
	return in, nil
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
