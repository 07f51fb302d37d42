package jinja2

import "sort"

// This file exports what packages that extend an Environment from outside
// (Ansible's filters) need beyond api.go.

// NativeText returns the string s as Ansible's NativeJinjaText, the result
// type of its string-type filters (to_json, to_yaml, ...): a template that
// is only this value keeps it as a string instead of literal-evaluating it.
func NativeText(s string) Value { return Str(s).WithMark(nativeText) }

// FilterNames returns the names of the environment's filters, sorted.
func (e *Environment) FilterNames() []string { return sortedKeys(e.filters) }

// TestNames returns the names of the environment's tests, sorted.
func (e *Environment) TestNames() []string { return sortedKeys(e.tests) }

func sortedKeys[T any](m map[string]T) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// UndefinedOf returns the Undefined of an undefined value, or nil.
func (v Value) UndefinedOf() *Undefined {
	u, _ := v.ref.(*Undefined)
	return u
}

// BinaryOperand is an Object with Python binary operators (__sub__ and
// friends) as the left operand; handled false falls back to the builtin
// rules (and their TypeError).
type BinaryOperand interface {
	BinaryOp(op string, other Value) (result Value, handled bool, err error)
}
