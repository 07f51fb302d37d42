package jinja

import (
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strings"

	"github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/pyvalue"
	"github.com/edxplay/edxplay/internal/taint"
)

// This file is the one place where Go data (variables, module results,
// what the Go-data filters take and return) and jinja2.Value meet.
//
// Go data: nil, bool, int, float64, *big.Int, string, []any, pyTuple,
// *odict.Map and map[string]any (dicts), taint.Value (marks), *Scope and
// Lazy (lazy mappings), Unavailable, and other values read by reflection.

// pyTuple is a tuple in Go data (zip, dictsort, items).
type pyTuple []any

// PyValue lets pyvalue format the tuple.
func (t pyTuple) PyValue() any { return pyvalue.Tuple(t) }

// objectValue carries a template object (a macro, a namespace) through Go
// data unchanged.
type objectValue struct{ v jinja2.Value }

// converter turns Go data into template values; rc, when set, ties lazy
// mappings to the rendering that reads them.
type converter struct {
	rc *renderCtx
	// lazy is set once a lazy mapping was met (the result depends on rc).
	lazy bool
	// deep reads lazy mappings in full into dicts (for filters that take
	// plain data, as Ansible's JSON encoder reads HostVars).
	deep bool
}

// toValue converts Go data into a template value.
func (c *converter) toValue(x any) jinja2.Value {
	switch t := x.(type) {
	case nil:
		return jinja2.None
	case jinja2.Value:
		return t
	case bool:
		return jinja2.Bool(t)
	case int:
		return jinja2.Int(int64(t))
	case int64:
		return jinja2.Int(t)
	case float64:
		return jinja2.Float(t)
	case string:
		return jinja2.Str(t)
	case *big.Int:
		return jinja2.BigInt(t)
	case []any:
		items := make([]jinja2.Value, len(t))
		for i, e := range t {
			items[i] = c.toValue(e)
		}
		return jinja2.NewList(items...)
	case pyTuple:
		items := make([]jinja2.Value, len(t))
		for i, e := range t {
			items[i] = c.toValue(e)
		}
		return jinja2.NewTuple(items...)
	case *odict.Map:
		d := jinja2.NewDict()
		t.Range(func(k string, v any) bool {
			d.SetStr(k, c.toValue(v))
			return true
		})
		return jinja2.DictValue(d)
	case map[string]any:
		d := jinja2.NewDict()
		for _, k := range odict.PlainKeys(t) {
			d.SetStr(k, c.toValue(t[k]))
		}
		return jinja2.DictValue(d)
	case taint.Value:
		return withFlags(c.toValue(t.V), t.Flags)
	case *Scope:
		return c.lazyValue(&lazyMap{scope: t, rc: c.rc})
	case *lazyMap:
		return c.lazyValue(&lazyMap{scope: t.scope, rc: c.rc})
	case Lazy:
		return c.lazyValue(&lazyObject{lazy: t, rc: c.rc})
	case Unavailable:
		return jinja2.UndefinedHint(t.Err.Error())
	case objectValue:
		return t.v
	case *UndefinedError:
		return jinja2.UndefinedHint(t.Error())
	case error:
		return jinja2.UndefinedHint(t.Error())
	}
	return c.reflectValue(reflect.ValueOf(x))
}

// lazyValue is a lazy mapping as a template object, or read in full.
func (c *converter) lazyValue(o lazyMapping) jinja2.Value {
	c.lazy = true
	if c.deep {
		return c.toValue(o.all())
	}
	return jinja2.ObjectValue(o)
}

// lazyMapping is a template object over a lazy mapping.
type lazyMapping interface {
	jinja2.Object
	// all reads every key.
	all() map[string]any
}

// plainArgs is a filter with lazy mappings among its value and arguments
// read in full first.
func plainArgs(name string, fn jinja2.FilterFunc) jinja2.FilterFunc {
	whole := wholeDataFilters[name]
	return func(cc *jinja2.CallContext, v jinja2.Value, args []jinja2.Value, kw *jinja2.Dict) (jinja2.Value, error) {
		if whole {
			v = readNestedLazy(v)
		}
		v = readLazy(v)
		for i, a := range args {
			if a.Kind() == jinja2.ObjectKind {
				args = append([]jinja2.Value(nil), args...)
				args[i] = readLazy(a)
			}
		}
		return fn(cc, v, args, kw)
	}
}

// wholeDataFilters encode or copy all of their input: lazy mappings
// nested in it are read in full too.
var wholeDataFilters = setOf("to_json to_nice_json to_yaml to_nice_yaml combine dict2items tojson")

// readNestedLazy reads the lazy mappings inside lists and dicts (copying
// only the containers that hold one).
func readNestedLazy(v jinja2.Value) jinja2.Value {
	out, _ := nestedLazy(v)
	return out
}

func nestedLazy(v jinja2.Value) (jinja2.Value, bool) {
	switch v.Kind() {
	case jinja2.ObjectKind:
		r := readLazy(v)
		return r, r.Kind() != jinja2.ObjectKind
	case jinja2.ListKind, jinja2.TupleKind:
		items, changed := nestedItems(v.Items())
		switch {
		case !changed:
			return v, false
		case v.Kind() == jinja2.TupleKind:
			return jinja2.WithMarksOf(jinja2.NewTuple(items...), v), true
		}
		return jinja2.WithMarksOf(jinja2.NewList(items...), v), true
	case jinja2.DictKind:
		d := v.DictOf()
		vals, changed := nestedItems(d.Values())
		if !changed {
			return v, false
		}
		out := jinja2.NewDict()
		for i, k := range d.Keys() {
			_ = out.Set(k, vals[i])
		}
		return jinja2.WithMarksOf(jinja2.DictValue(out), v), true
	}
	return v, false
}

func nestedItems(items []jinja2.Value) ([]jinja2.Value, bool) {
	var out []jinja2.Value
	for i, it := range items {
		r, changed := nestedLazy(it)
		if changed && out == nil {
			out = append([]jinja2.Value(nil), items...)
		}
		if out != nil {
			out[i] = r
		}
	}
	return out, out != nil
}

// readLazy turns a lazy mapping object into a dict, deeply.
func readLazy(v jinja2.Value) jinja2.Value {
	if v.Kind() != jinja2.ObjectKind {
		return v
	}
	o, ok := v.ObjectOf().(lazyMapping)
	if !ok {
		return v
	}
	rc := o.(interface{ context() *renderCtx }).context()
	return jinja2.WithMarksOf((&converter{rc: rc, deep: true}).toValue(o.all()), v)
}

// reflectValue converts the remaining Go kinds (typed slices and maps,
// other integer sizes).
func (c *converter) reflectValue(rv reflect.Value) jinja2.Value {
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return jinja2.Int(rv.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if u := rv.Uint(); u <= math.MaxInt64 {
			return jinja2.Int(int64(u))
		}
		return jinja2.BigInt(new(big.Int).SetUint64(rv.Uint()))
	case reflect.Float32, reflect.Float64:
		return jinja2.Float(rv.Float())
	case reflect.Bool:
		return jinja2.Bool(rv.Bool())
	case reflect.String:
		return jinja2.Str(rv.String())
	case reflect.Slice, reflect.Array:
		items := make([]jinja2.Value, rv.Len())
		for i := range items {
			items[i] = c.toValue(rv.Index(i).Interface())
		}
		return jinja2.NewList(items...)
	case reflect.Map:
		m := make(map[string]any, rv.Len())
		iter := rv.MapRange()
		for iter.Next() {
			m[keyString(iter.Key().Interface())] = iter.Value().Interface()
		}
		return c.toValue(m)
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return jinja2.None
		}
		return c.toValue(rv.Elem().Interface())
	}
	return jinja2.Str(fmt.Sprint(rv.Interface()))
}

// toValue converts Go data without a rendering.
func toValue(x any) jinja2.Value { return (&converter{}).toValue(x) }

// marksOf maps taint flags onto template marks.
func marksOf(f taint.Flags) jinja2.Mark {
	var m jinja2.Mark
	if f&taint.Unsafe != 0 {
		m |= jinja2.Unsafe
	}
	if f&taint.Secret != 0 {
		m |= jinja2.Secret
	}
	return m
}

// withFlags marks a template value with taint flags: Unsafe and Secret
// as marks, Text and Loaded as the NativeJinjaText and AnsibleUnicode
// types of a string.
func withFlags(v jinja2.Value, f taint.Flags) jinja2.Value {
	v = v.WithMark(marksOf(f))
	switch {
	case v.Kind() != jinja2.StrKind:
	case f&taint.Text != 0:
		v = jinja2.AsNativeText(v)
	case f&taint.Loaded != 0:
		v = jinja2.AsLoaded(v)
	}
	return v
}

// fromValue converts a template value into Go data (marks dropped; an
// undefined value becomes an *UndefinedError).
func fromValue(v jinja2.Value) any { return fromValueAs(v, false) }

// fromValueAs is fromValue; with keep, strings inside lists and dicts that
// are NativeJinjaText or AnsibleUnicode are wrapped in taint.Text or
// taint.Loaded.
func fromValueAs(v jinja2.Value, keep bool) any {
	switch v.Kind() {
	case jinja2.NoneKind:
		return nil
	case jinja2.BoolKind:
		return v.BoolValue()
	case jinja2.IntKind:
		if i, ok := v.IntValue(); ok && i >= math.MinInt && i <= math.MaxInt {
			return int(i)
		}
		return v.BigValue()
	case jinja2.FloatKind:
		return v.FloatValue()
	case jinja2.StrKind:
		return v.StrValue()
	case jinja2.ListKind:
		out := make([]any, len(v.Items()))
		for i, e := range v.Items() {
			out[i] = fromItem(e, keep)
		}
		return out
	case jinja2.TupleKind:
		out := make(pyTuple, len(v.Items()))
		for i, e := range v.Items() {
			out[i] = fromItem(e, keep)
		}
		return out
	case jinja2.DictKind:
		return fromDictAs(v.DictOf(), keep)
	case jinja2.UndefinedKind:
		return &UndefinedError{Hint: jinja2.UndefinedMessage(v)}
	}
	if lm, ok := v.ObjectOf().(*lazyMap); ok {
		return lm
	}
	return objectValue{v}
}

func fromDict(d *jinja2.Dict) *odict.Map { return fromDictAs(d, false) }

func fromDictAs(d *jinja2.Dict, keep bool) *odict.Map {
	out := odict.New(d.Len())
	vals := d.Values()
	for i, k := range d.Keys() {
		out.Set(keyString(fromValue(k)), fromItem(vals[i], keep))
	}
	return out
}

// fromItem converts an item of a list or dict (fromValueAs).
func fromItem(e jinja2.Value, keep bool) any {
	x := fromValueAs(e, keep)
	if !keep || e.Kind() != jinja2.StrKind {
		return x
	}
	switch {
	case e.IsNativeText():
		return taint.Value{V: x, Flags: taint.Text}
	case e.IsLoaded():
		return taint.Value{V: x, Flags: taint.Loaded}
	}
	return x
}

// plain normalises Go data: marks removed, lazy mappings other than scopes
// read in full, typed containers made []any and map[string]any.
func plain(x any) any {
	switch t := x.(type) {
	case nil, bool, string, float64, int, *big.Int, *lazyMap, objectValue:
		return t
	case error:
		return t
	case taint.Value:
		return plain(t.V)
	case pyTuple:
		out := make(pyTuple, len(t))
		for i, e := range t {
			out[i] = plain(e)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = plain(e)
		}
		return out
	case map[string]any:
		out := odict.New(len(t))
		for _, k := range odict.PlainKeys(t) {
			out.Set(k, plain(t[k]))
		}
		return out
	case *odict.Map:
		out := odict.New(t.Len())
		t.Range(func(k string, v any) bool {
			out.Set(k, plain(v))
			return true
		})
		return out
	case *Scope:
		return &lazyMap{scope: t}
	case Lazy:
		return materialize(t)
	case jinja2.Value:
		return fromValue(t)
	}
	return fromValue(toValue(x))
}

// materialize reads every key of a Lazy mapping; *Scope values stay lazy.
func materialize(l Lazy) map[string]any {
	out := map[string]any{}
	for _, k := range l.Keys() {
		v, ok, err := l.Get(k)
		switch {
		case err != nil:
			out[k] = &UndefinedError{Hint: err.Error()}
		case ok:
			out[k] = v
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

// pyStr renders a value like Python's str().
func pyStr(x any) string {
	switch t := x.(type) {
	case string:
		return t
	case taint.Value:
		return pyStr(t.V)
	case nil:
		return "None"
	case error:
		return t.Error()
	}
	s, err := jinja2.ToString(toValue(x))
	if err != nil {
		return err.Error()
	}
	return s
}

// pyRepr renders a value like Python's repr().
func pyRepr(x any) string { return jinja2.Repr(toValue(x)) }

// truthy implements Python truthiness (an undefined value is false).
func truthy(x any) bool {
	switch t := x.(type) {
	case error:
		return false
	case *lazyMap:
		return len(t.scope.Keys()) > 0
	}
	b, err := jinja2.Truth(toValue(x))
	return err == nil && b
}

// PyStr renders v as Python's str() does: strings as is, other values
// like repr(), dicts in their key order.
func PyStr(v any) string { return pyStr(v) }

// PyRepr formats a value as Python's repr() does.
func PyRepr(x any) string { return pyRepr(x) }

func setOf(names string) map[string]bool {
	out := map[string]bool{}
	for _, n := range strings.Fields(names) {
		out[n] = true
	}
	return out
}
