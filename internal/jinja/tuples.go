package jinja

import (
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/taint"
)

// ResultData is x as a task result reaches the variables in Ansible: the
// result crosses from the worker process to the strategy as serialised data,
// so a tuple anywhere in it (a groupby or zip result set as a fact or
// registered) arrives as a list. Marks are kept. x is returned as it is
// when it holds no tuple; otherwise the containers on the way are copied.
func ResultData(x any) any {
	out, _ := listTuples(x)
	return out
}

// listTuples returns x with its tuples made lists, and whether it changed.
func listTuples(x any) (any, bool) {
	switch t := x.(type) {
	case taint.Value:
		v, changed := listTuples(t.V)
		if !changed {
			return x, false
		}
		return taint.Value{V: v, Flags: t.Flags}, true
	case pyTuple:
		out, _ := listItems(t)
		if out == nil {
			out = append([]any(nil), t...)
		}
		return out, true
	case []any:
		if out, changed := listItems(t); changed {
			return out, true
		}
		return x, false
	case map[string]any:
		return listMapValues(t)
	case *odict.Map:
		return listOdictValues(t)
	}
	return x, false
}

// listItems converts the items of a list; the copy is nil when none changed.
func listItems(items []any) ([]any, bool) {
	var out []any
	for i, e := range items {
		v, changed := listTuples(e)
		if changed && out == nil {
			out = append([]any(nil), items...)
		}
		if out != nil {
			out[i] = v
		}
	}
	return out, out != nil
}

func listMapValues(m map[string]any) (any, bool) {
	var out map[string]any
	for k, e := range m {
		v, changed := listTuples(e)
		if !changed {
			continue
		}
		if out == nil {
			out = make(map[string]any, len(m))
			for k2, e2 := range m {
				out[k2] = e2
			}
		}
		out[k] = v
	}
	if out == nil {
		return m, false
	}
	return out, true
}

func listOdictValues(m *odict.Map) (any, bool) {
	changedAny := false
	out := odict.New(m.Len())
	m.Range(func(k string, e any) bool {
		v, changed := listTuples(e)
		changedAny = changedAny || changed
		out.Set(k, v)
		return true
	})
	if !changedAny {
		return m, false
	}
	return out, true
}
