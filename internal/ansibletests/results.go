package ansibletests

import (
	"github.com/edxplay/edxplay/internal/jinja2"
)

// resultTest wraps a test on a registered task result: a dict, or
// AnsibleFilterError naming the test (the name Ansible's message uses);
// fname is the Python function, for argument errors.
func resultTest(fname, name string, fn func(r *jinja2.Dict) (bool, error)) jinja2.TestFunc {
	return func(_ *jinja2.CallContext, v jinja2.Value, args []jinja2.Value, kw *jinja2.Dict) (bool, error) {
		a, err := bindValue(fname, []jinja2.Param{jinja2.Required("result")}, v, args, kw)
		if err != nil {
			return false, err
		}
		d := a[0].DictOf()
		if d == nil {
			return false, filterError("The '%s' test expects a dictionary", name)
		}
		return fn(d)
	}
}

// get is dict.get(key, False) made a Python truth value.
func get(r *jinja2.Dict, key string) (bool, error) {
	v, ok := r.GetStr(key)
	if !ok {
		return false, nil
	}
	return jinja2.Truth(v)
}

func failed(r *jinja2.Dict) (bool, error) { return get(r, "failed") }

func success(r *jinja2.Dict) (bool, error) {
	f, err := failed(r)
	return !f, err
}

func unreachable(r *jinja2.Dict) (bool, error) { return get(r, "unreachable") }

func reachable(r *jinja2.Dict) (bool, error) {
	u, err := unreachable(r)
	return !u, err
}

func skipped(r *jinja2.Dict) (bool, error) { return get(r, "skipped") }

// changed is the changed test: the result's own `changed`, or for a loop
// result without one whether any item changed.
func changed(r *jinja2.Dict) (bool, error) {
	if _, ok := r.GetStr("changed"); ok {
		return get(r, "changed")
	}
	results, ok := r.GetStr("results")
	if !ok || results.Kind() != jinja2.ListKind {
		return false, nil
	}
	items := results.Items()
	if len(items) == 0 {
		return false, jinja2.NewError("IndexError", "list index out of range")
	}
	if items[0].Kind() != jinja2.DictKind {
		return false, nil
	}
	for _, res := range items {
		d := res.DictOf()
		if d == nil {
			return false, jinja2.NewError("AttributeError", "'%s' object has no attribute 'get'", jinja2.TypeName(res))
		}
		c, err := get(d, "changed")
		if c || err != nil {
			return c, err
		}
	}
	return false, nil
}

// asyncState is the started/finished test: the key equals 1, or true for a
// result that is not an async job's (Ansible warns then).
func asyncState(key string) func(r *jinja2.Dict) (bool, error) {
	return func(r *jinja2.Dict) (bool, error) {
		v, ok := r.GetStr(key)
		if !ok {
			return true, nil
		}
		return jinja2.Equal(v, jinja2.Int(1))
	}
}
