package jinja

import (
	"fmt"

	"github.com/edxplay/edxplay/internal/jinja2"
)

// Filters that apply other filters or tests to each element.

func applyFilters() map[string]filterFn {
	return map[string]filterFn{
		"map":        filterMap,
		"extract":    filterExtract,
		"select":     selectBy(false, true),
		"reject":     selectBy(false, false),
		"selectattr": selectBy(true, true),
		"rejectattr": selectBy(true, false),
	}
}

// runFilter applies a named filter to a plain value.
func runFilter(c *call, name string, in any, args []any, kw map[string]any) (any, error) {
	if c.ctx == nil {
		return nil, fmt.Errorf("filter %s used outside of a template", name)
	}
	out, err := c.ctx.Filter(name, toValue(in), values(args), dictOf(kw))
	if err != nil {
		return nil, err
	}
	return fromValue(out), nil
}

// runTest applies a named test to a plain value.
func runTest(c *call, name string, in any, args []any) (bool, error) {
	if c.ctx == nil {
		return false, fmt.Errorf("test %s used outside of a template", name)
	}
	return c.ctx.Test(name, toValue(in), values(args), nil)
}

func values(args []any) []jinja2.Value {
	out := make([]jinja2.Value, len(args))
	for i, a := range args {
		out[i] = toValue(a)
	}
	return out
}

func dictOf(kw map[string]any) *jinja2.Dict {
	d := jinja2.NewDict()
	for _, k := range sortedKeys(kw) {
		d.SetStr(k, toValue(kw[k]))
	}
	return d
}

func filterMap(in any, c *call) (any, error) {
	list, err := toList(in)
	if err != nil {
		return nil, err
	}
	out := make([]any, 0, len(list))
	if attr, ok := c.kw["attribute"].(string); ok {
		def, hasDef := c.kw["default"]
		for _, item := range list {
			v, err := getAttr(item, attr)
			if err != nil {
				if !hasDef {
					return nil, err
				}
				v = def
			}
			out = append(out, v)
		}
		return out, nil
	}
	if len(c.args) == 0 {
		return list, nil
	}
	name := pyStr(c.args[0])
	for _, item := range list {
		v, err := runFilter(c, name, item, c.args[1:], c.kw)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// selectBy builds select/reject (byAttr false) and selectattr/rejectattr.
func selectBy(byAttr, keep bool) filterFn {
	return func(in any, c *call) (any, error) {
		list, err := toList(in)
		if err != nil {
			return nil, err
		}
		args := c.args
		attr := ""
		if byAttr {
			if len(args) == 0 {
				return nil, fmt.Errorf("missing attribute name")
			}
			attr, args = pyStr(args[0]), args[1:]
		}
		out := []any{}
		for _, item := range list {
			subject := item
			if byAttr {
				v, err := getAttr(item, attr)
				if err != nil {
					v = err
				}
				subject = v
			}
			ok, err := selectTest(c, subject, args)
			if err != nil {
				return nil, err
			}
			if ok == keep {
				out = append(out, item)
			}
		}
		return out, nil
	}
}

// selectTest evaluates the test of select-like filters (truthiness when no
// test is named).
func selectTest(c *call, subject any, args []any) (bool, error) {
	if len(args) == 0 {
		if _, undefined := subject.(error); undefined {
			return false, nil
		}
		return truthy(subject), nil
	}
	return runTest(c, pyStr(args[0]), subject, args[1:])
}

func filterExtract(in any, c *call) (any, error) {
	container := c.arg(0, "container", nil)
	cur, err := itemOf(container, in)
	if err != nil {
		return nil, err
	}
	more := c.arg(1, "morekeys", nil)
	if more == nil {
		return cur, nil
	}
	keys, ok := plain(more).([]any)
	if !ok {
		keys = []any{more}
	}
	for _, k := range keys {
		if cur, err = itemOf(cur, k); err != nil {
			return nil, err
		}
	}
	return cur, nil
}

// itemOf is container[key] for a mapping (lazy scopes included) or a list.
func itemOf(container, key any) (any, error) {
	switch t := plain(container).(type) {
	case map[string]any:
		v, ok := t[pyStr(key)]
		if !ok {
			return nil, &UndefinedError{Name: pyStr(key), Hint: fmt.Sprintf("'dict object' has no attribute '%s'", pyStr(key))}
		}
		return v, nil
	case *lazyMap:
		v, ok, err := t.scope.resolve(pyStr(key), newState())
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, &UndefinedError{Name: pyStr(key), Hint: fmt.Sprintf("'dict object' has no attribute '%s'", pyStr(key))}
		}
		return plain(v), nil
	case []any:
		i, ok := key.(int)
		if !ok || i >= len(t) || i < -len(t) {
			return nil, fmt.Errorf("list index out of range: %v", key)
		}
		if i < 0 {
			i += len(t)
		}
		return t[i], nil
	}
	return nil, fmt.Errorf("extract: cannot index %s", pyTypeName(container))
}
