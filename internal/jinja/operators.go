package jinja

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/nikolalohinski/gonja/v2/exec"
)

// operatorFilterFn evaluates a binary operator with Python semantics; the
// left operand is the filter input, the operator and right operand are the
// arguments.
func operatorFilterFn(e *exec.Evaluator, in *exec.Value, params *exec.VarArgs) *exec.Value {
	left := toGo(in)
	if err, ok := left.(error); ok {
		return exec.AsValue(err)
	}
	if len(params.Args) != 2 {
		return exec.AsValue(errors.New("internal operator call without operands"))
	}
	op := params.Args[0].String()
	right := toGo(params.Args[1])
	if err, ok := right.(error); ok {
		return exec.AsValue(err)
	}
	out, err := pyBinary(op, left, right)
	if err != nil {
		return exec.AsValue(noteLimit(e, err))
	}
	return asValue(out)
}

// literalFilterFn converts gonja list/tuple/dict literals to Python-like
// values.
func literalFilterFn(_ *exec.Evaluator, in *exec.Value, params *exec.VarArgs) *exec.Value {
	v := toGo(in)
	var items []any
	switch t := v.(type) {
	case error:
		return exec.AsValue(t)
	case []any:
		items = t
	case map[string]any:
		for _, e := range t {
			if err, ok := e.(error); ok {
				return exec.AsValue(err)
			}
		}
		return asValue(t)
	}
	for _, e := range items {
		if err, ok := e.(error); ok {
			return exec.AsValue(err)
		}
	}
	if params.First().String() == "tuple" {
		return exec.AsValue(pyTuple(items))
	}
	return asValue(items)
}

// pyBinary applies a Python binary operator.
func pyBinary(op string, l, r any) (any, error) {
	switch op {
	case "+":
		if lt, ok := l.(pyTuple); ok {
			if rt, ok := r.(pyTuple); ok {
				return append(append(pyTuple{}, lt...), rt...), nil
			}
		}
		return pyAdd(l, r)
	case "-", "*", "/", "//", "%", "**":
		return pyArith(op, l, r)
	case "~":
		return pyStr(l) + pyStr(r), nil
	case "==":
		return pyEqual(l, r), nil
	case "!=":
		return !pyEqual(l, r), nil
	case "<", "<=", ">", ">=":
		c, err := pyCompare(l, r, true)
		if err != nil {
			return nil, fmt.Errorf("'%s' not supported between instances of '%s' and '%s'", op, pyTypeName(l), pyTypeName(r))
		}
		return map[string]bool{"<": c < 0, "<=": c <= 0, ">": c > 0, ">=": c >= 0}[op], nil
	case "in":
		return pyContains(r, l), nil
	}
	return nil, fmt.Errorf("unknown operator %s", op)
}

// pyArith implements the arithmetic operators other than +.
func pyArith(op string, l, r any) (any, error) {
	if s, ok := l.(string); ok {
		switch op {
		case "%":
			args := []any{r}
			if t, ok := r.(pyTuple); ok {
				args = t
			}
			var kw map[string]any
			if m, ok := r.(map[string]any); ok {
				kw = m
			}
			return pyPercent(s, args, kw)
		case "*":
			if n, ok := r.(int); ok {
				if err := checkSize(len(s), n, maxTextSize, "characters"); err != nil {
					return nil, err
				}
				return strings.Repeat(s, max(n, 0)), nil
			}
		}
	}
	if list, ok := l.([]any); ok && op == "*" {
		if n, ok := r.(int); ok {
			if err := checkSize(len(list), n, maxItems, "items"); err != nil {
				return nil, err
			}
			out := []any{}
			for i := 0; i < n; i++ {
				out = append(out, list...)
			}
			return out, nil
		}
	}
	li, lInt := intLike(l)
	ri, rInt := intLike(r)
	if lInt && rInt {
		return intArith(op, li, ri)
	}
	lf, ok1 := numeric(l)
	rf, ok2 := numeric(r)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("unsupported operand type(s) for %s: '%s' and '%s'", op, pyTypeName(l), pyTypeName(r))
	}
	return floatArith(op, lf, rf)
}

func intLike(x any) (int, bool) {
	switch t := x.(type) {
	case int:
		return t, true
	case bool:
		if t {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

func intArith(op string, l, r int) (any, error) {
	switch op {
	case "-":
		return l - r, nil
	case "*":
		return l * r, nil
	case "/":
		if r == 0 {
			return nil, errors.New("division by zero")
		}
		return float64(l) / float64(r), nil
	case "//", "%":
		if r == 0 {
			return nil, errors.New("integer division or modulo by zero")
		}
		q, m := l/r, l%r
		if m != 0 && (m < 0) != (r < 0) {
			q, m = q-1, m+r
		}
		if op == "//" {
			return q, nil
		}
		return m, nil
	case "**":
		if r < 0 {
			return math.Pow(float64(l), float64(r)), nil
		}
		out := 1
		for i := 0; i < r; i++ {
			out *= l
		}
		return out, nil
	}
	return nil, fmt.Errorf("unknown operator %s", op)
}

func floatArith(op string, l, r float64) (any, error) {
	switch op {
	case "-":
		return l - r, nil
	case "*":
		return l * r, nil
	case "/":
		if r == 0 {
			return nil, errors.New("float division by zero")
		}
		return l / r, nil
	case "//":
		if r == 0 {
			return nil, errors.New("float floor division by zero")
		}
		return math.Floor(l / r), nil
	case "%":
		if r == 0 {
			return nil, errors.New("float modulo")
		}
		m := math.Mod(l, r)
		if m != 0 && (m < 0) != (r < 0) {
			m += r
		}
		return m, nil
	case "**":
		return math.Pow(l, r), nil
	}
	return nil, fmt.Errorf("unknown operator %s", op)
}

// iterFilterFn prepares the subject of a {% for %} loop: a dict becomes
// its keys in dict order ("keys"), or its (key, value) pairs ("pairs");
// anything else is iterated as is.
func iterFilterFn(e *exec.Evaluator, in *exec.Value, params *exec.VarArgs) *exec.Value {
	if in.IsError() {
		return in
	}
	if err := spendLoopBudget(e, in); err != nil {
		return exec.AsValue(err)
	}
	if !in.IsDict() {
		return in
	}
	m, ok := toGo(in).(map[string]any)
	if !ok {
		return in
	}
	pairs := len(params.Args) > 0 && params.Args[0].String() == "pairs"
	out := make([]any, 0, len(m))
	for _, k := range dictKeys(m) {
		if pairs {
			out = append(out, pyTuple{k, m[k]})
		} else {
			out = append(out, k)
		}
	}
	return asValue(out)
}
