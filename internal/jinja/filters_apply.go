package jinja

import (
	"fmt"

	"github.com/nikolalohinski/gonja/v2/exec"
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
		"groupby":    filterGroupBy,
	}
}

// varArgs builds gonja arguments from plain values.
func varArgs(args []any, kw map[string]any) *exec.VarArgs {
	va := exec.NewVarArgs()
	for _, a := range args {
		va.Args = append(va.Args, asValue(a))
	}
	for k, v := range kw {
		va.KwArgs[k] = asValue(v)
	}
	return va
}

// runFilter applies a named filter to a plain value.
func runFilter(ev *exec.Evaluator, name string, in any, args []any, kw map[string]any) (any, error) {
	out := toGo(ev.ExecuteFilterByName(name, asValue(in), varArgs(args, kw)))
	if err, ok := out.(error); ok {
		return nil, err
	}
	return out, nil
}

// runTest applies a named test to a plain value.
func runTest(ev *exec.Evaluator, name string, in any, args []any) (bool, error) {
	out := toGo(ev.ExecuteTestByName(name, asValue(in), varArgs(args, nil)))
	switch t := out.(type) {
	case error:
		return false, t
	case bool:
		return t, nil
	}
	return truthy(out), nil
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
		v, err := runFilter(c.ev, name, item, c.args[1:], c.kw)
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
	return runTest(c.ev, pyStr(args[0]), subject, args[1:])
}

func filterGroupBy(in any, c *call) (any, error) {
	list, err := toList(in)
	if err != nil {
		return nil, err
	}
	attr := pyStr(c.arg(0, "attribute", ""))
	sorted, err := sortList(list, attr, false, truthy(c.kw["case_sensitive"]))
	if err != nil {
		return nil, err
	}
	out := []any{}
	for _, item := range sorted {
		key, err := getAttr(item, attr)
		if err != nil {
			key = c.kw["default"]
		}
		if n := len(out); n > 0 && pyEqual(out[n-1].(groupTuple)[0], key) {
			group := out[n-1].(groupTuple)
			group[1] = append(group[1].([]any), item)
			continue
		}
		out = append(out, groupTuple{key, []any{item}})
	}
	return out, nil
}

// filterExtract is Ansible's extract: container[item], then morekeys
// (a key or a list of keys) looked up in turn.
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
