package jinja

import (
	"github.com/nikolalohinski/gonja/v2/exec"
)

// condBox carries the value of a conditional's chosen branch through
// `and`/`or`: a box is always true, even around a falsy or undefined value.
type condBox struct{ value *exec.Value }

// condUndefined is the value of `A if C` when C is false: Jinja2's plain
// (non-strict) Undefined. It prints as ” (also with `~`), is false, is not
// defined, gives way to `default`, and shows as Undefined inside a list or
// dict. It is an empty string type so that gonja's own truth test (`and`,
// `or`, `not`, `{% if %}`) finds it false; most filters and tests treat it
// as an empty string (filterInput), tests as an undefined variable
// (strictUndefined).
type condUndefined string

// condUndefinedHint is Jinja2's message for using condUndefined strictly.
const condUndefinedHint = "the inline if-expression evaluated to false and no else section was defined."

// strictUndefined turns condUndefined into the undefined-variable error the
// engine's filters and tests know; other values are returned unchanged.
func strictUndefined(v any) any {
	if _, ok := v.(condUndefined); ok {
		return &UndefinedError{Hint: condUndefinedHint}
	}
	return v
}

// filterInput is what a filter receives for its input: condUndefined is
// the undefined error for the filters handling undefined values (default,
// mandatory) and, for the others, an empty string, like Jinja2's Undefined
// in string and sequence filters (`| upper`, `| length`, `| join`).
func filterInput(v any, handlesUndefined bool) any {
	if _, ok := v.(condUndefined); !ok {
		return v
	}
	if handlesUndefined {
		return strictUndefined(v)
	}
	return ""
}

// truthFilterFn turns the condition of a conditional into a bool with
// Python truthiness; an undefined condition stays an error.
func truthFilterFn(_ *exec.Evaluator, in *exec.Value, _ *exec.VarArgs) *exec.Value {
	if in.IsError() {
		return in
	}
	return exec.AsValue(truthy(toGo(in)))
}

// boxFilterFn boxes the value of a conditional's branch.
func boxFilterFn(_ *exec.Evaluator, in *exec.Value, _ *exec.VarArgs) *exec.Value {
	return exec.AsValue(&condBox{value: in})
}

// unboxFilterFn returns the boxed branch value; anything else is the false
// outcome of a conditional without else.
func unboxFilterFn(_ *exec.Evaluator, in *exec.Value, _ *exec.VarArgs) *exec.Value {
	if in.IsError() {
		return in
	}
	if b, ok := in.Interface().(*condBox); ok {
		return b.value
	}
	return exec.AsValue(condUndefined(""))
}

// String is how Python's repr shows Jinja2's lenient Undefined inside a
// container ([1, Undefined]).
func (condUndefined) String() string { return "Undefined" }
