package jinja

import (
	"fmt"
	"math/big"
	"reflect"
	"sort"

	"github.com/nikolalohinski/gonja/v2/exec"

	"github.com/edxplay/edxplay/internal/keyorder"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/pyvalue"
	"github.com/edxplay/edxplay/internal/taint"
)

// pyList is a list as seen by templates; it prints like a Python list.
type pyList []any

// String renders the list like Python's repr().
func (l pyList) String() string { return pyRepr([]any(l)) }

// pyTuple is a tuple produced by filters such as zip or dictsort.
type pyTuple []any

// String renders the tuple like Python's repr().
func (t pyTuple) String() string { return pyRepr(t) }

// PyValue lets pyvalue format the tuple.
func (t pyTuple) PyValue() any { return pyvalue.Tuple(t) }

// groupTuple is an item of the groupby filter's result: a (grouper, list)
// tuple whose fields can also be read as attributes, like Jinja's
// _GroupTuple. Filters see it as a plain pyTuple.
type groupTuple pyTuple

// String renders the group like a tuple.
func (g groupTuple) String() string { return pyRepr(pyTuple(g)) }

// GetAttribute exposes the grouper and list fields.
func (g groupTuple) GetAttribute(name string) (*exec.Value, bool) {
	switch name {
	case "grouper":
		return exec.AsValue(g[0]), true
	case "list":
		return exec.AsValue(g[1]), true
	}
	return exec.AsValue(nil), false
}

// pyDict is a mapping as seen by templates; it prints like a Python dict.
type pyDict map[string]any

// String renders the dict like Python's repr() (keys sorted).
func (d pyDict) String() string { return pyRepr(map[string]any(d)) }

// toGo converts a gonja value into plain Go data: nil, bool, int, float64,
// *big.Int, string, []any, pyTuple, map[string]any, error or *lazyMap.
func toGo(v *exec.Value) any {
	if v == nil || v.IsNil() {
		return nil
	}
	return plain(v.Interface())
}

// plain normalises any Go or gonja data into the plain representation.
func plain(x any) any {
	switch t := x.(type) {
	case *exec.Value: // before error: *exec.Value has an Error method
		return toGo(t)
	case nil, bool, string, float64, int, error, *big.Int, *lazyMap, condUndefined:
		return t
	case taint.Value:
		return plain(t.V)
	case pyTuple:
		out := make(pyTuple, len(t))
		for i, e := range t {
			out[i] = plain(e)
		}
		return out
	case groupTuple:
		return plain(pyTuple(t))
	case exec.ValuesList:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = toGo(e)
		}
		return out
	case *exec.Dict:
		out := make(map[string]any, len(t.Pairs))
		keys := make([]string, 0, len(t.Pairs))
		for _, p := range t.Pairs {
			k := keyString(toGo(p.Key))
			out[k] = toGo(p.Value)
			keys = append(keys, k)
		}
		keyorder.Record(out, keys)
		return out
	case map[string]any:
		return plainMap(t)
	case *odict.Map:
		return plainMap(legacyMap(t))
	case pyDict:
		return plainMap(t)
	case *Scope:
		return &lazyMap{scope: t}
	case Lazy:
		return materialize(t)
	}
	return plainReflect(reflect.ValueOf(x))
}

// plainMap copies a dict with plain values, keeping its key order.
func plainMap[M ~map[string]any](m M) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = plain(v)
	}
	keyorder.Copy(out, m)
	return out
}

// plainReflect handles the remaining kinds through reflection.
func plainReflect(rv reflect.Value) any {
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return int(rv.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return int(rv.Uint())
	case reflect.Float32, reflect.Float64:
		return rv.Float()
	case reflect.Bool:
		return rv.Bool()
	case reflect.String:
		return rv.String()
	case reflect.Slice, reflect.Array:
		out := make([]any, rv.Len())
		for i := range out {
			out[i] = plain(rv.Index(i).Interface())
		}
		return out
	case reflect.Map:
		out := make(map[string]any, rv.Len())
		iter := rv.MapRange()
		for iter.Next() {
			out[keyString(plain(iter.Key().Interface()))] = plain(iter.Value().Interface())
		}
		return out
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return nil
		}
		return plain(rv.Elem().Interface())
	}
	return fmt.Sprint(rv.Interface())
}

// materialize reads every key of a Lazy mapping.
func materialize(l Lazy) any {
	out := map[string]any{}
	for _, k := range l.Keys() {
		v, ok, err := l.Get(k)
		if err != nil {
			out[k] = err
			continue
		}
		if ok {
			out[k] = plain(v)
		}
	}
	return out
}

// keyString converts a mapping key to the string used by Go maps.
func keyString(k any) string {
	if s, ok := k.(string); ok {
		return s
	}
	return pyStr(k)
}

// fromGo converts plain data into values that gonja handles and that print
// like Python objects.
func fromGo(x any) any {
	switch t := x.(type) {
	case pyList, pyDict, pyTuple:
		return t
	case groupTuple:
		out := make(groupTuple, len(t))
		for i, e := range t {
			out[i] = fromGo(e)
		}
		return out
	case []any:
		out := make(pyList, len(t))
		for i, e := range t {
			out[i] = fromGo(e)
		}
		return out
	case map[string]any:
		out := make(pyDict, len(t))
		for k, e := range t {
			out[k] = fromGo(e)
		}
		keyorder.Copy(out, t)
		return out
	case *odict.Map:
		return fromGo(legacyMap(t))
	case *big.Int:
		return t
	case taint.Value:
		return fromGo(t.V)
	case *Scope:
		return &lazyMap{scope: t}
	case Lazy:
		return fromGo(materialize(t))
	case nil, bool, string, int, float64, error, *lazyMap, condUndefined:
		return t
	}
	return fromGo(plain(x))
}

// asValue wraps plain data into a gonja value.
func asValue(x any) *exec.Value { return exec.AsValue(fromGo(x)) }

// pyStr renders a value like Python's str().
func pyStr(x any) string {
	switch t := x.(type) {
	case string:
		return t
	case taint.Value:
		return pyStr(t.V)
	case nil:
		return "None"
	case *exec.Value:
		return pyStr(toGo(t))
	case error:
		return t.Error()
	case condUndefined:
		return ""
	}
	return pyRepr(x)
}

// pyRepr renders a value like Python's repr().
func pyRepr(x any) string { return pyvalue.Repr(plain(x)) }

// dictKeys returns the keys of m in Python dict order: the order recorded
// where the dict was built (YAML, JSON, literals, filters), else sorted.
func dictKeys[M ~map[string]V, V any](m M) []string { return keyorder.Keys(m) }

// sortedKeys returns the keys of m in sorted order (json sort_keys, yaml
// dumps).
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// pyFloat formats a float like Python's repr(float).
func pyFloat(f float64) string { return pyvalue.FloatRepr(f) }

// pyQuote renders a string like Python's repr(str).
func pyQuote(s string) string { return pyvalue.QuoteString(s) }

// truthy implements Python truthiness, for template values too.
func truthy(x any) bool {
	switch t := plain(x).(type) {
	case error, condUndefined:
		return false
	case pyTuple:
		return len(t) > 0
	default:
		return pyvalue.Truthy(t)
	}
}

// PyStr renders v as Python's str() does: strings as is, other values
// like repr(), dicts in their key order.
func PyStr(v any) string { return pyStr(v) }

// PyRepr formats a value as Python's repr() does.
func PyRepr(x any) string { return pyRepr(x) }
