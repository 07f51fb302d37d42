package jinja2

import "fmt"

// evalFilter applies a filter node; input overrides the node's operand
// (filter blocks and block sets).
func (f *frame) evalFilter(e *filterExpr, input *Value) (Value, error) {
	var v Value
	if input != nil {
		v = *input
	} else if e.node != nil {
		var err error
		if v, err = f.eval(e.node); err != nil {
			return None, err
		}
	}
	args, kw, err := f.evalArgs(e.callArgs)
	if err != nil {
		return None, err
	}
	return f.applyFilter(e.name, v, args, kw)
}

func (f *frame) applyFilter(name string, v Value, args []Value, kw *Dict) (Value, error) {
	fn, ok := f.r.env.filter(name)
	if !ok {
		return None, couldNotLoad(name)
	}
	r, err := fn(&CallContext{f: f}, v, args, kw)
	if err != nil {
		err = secretErr(err, append(args, v)...)
		return None, secretErr(err, kw.vals...)
	}
	r = withMarks(r, v)
	r = withMarks(r, args...)
	return withMarks(r, kw.vals...), nil
}

// callFilter applies a filter named by a value (map's argument).
func (f *frame) callFilter(name Value, v Value, args []Value, kw *Dict) (Value, error) {
	s, err := ToString(name)
	if err != nil {
		return None, err
	}
	return f.applyFilter(s, v, args, kw)
}

func (f *frame) evalTest(e *testExpr) (Value, error) {
	v, err := f.eval(e.node)
	if err != nil {
		return None, err
	}
	args, kw, err := f.evalArgs(e.callArgs)
	if err != nil {
		return None, err
	}
	ok, err := f.applyTest(e.name, v, args, kw)
	if err != nil {
		return None, err
	}
	r := withMarks(Bool(ok), v)
	return withMarks(r, args...), nil
}

func (f *frame) applyTest(name string, v Value, args []Value, kw *Dict) (bool, error) {
	fn, ok := f.r.env.test(name)
	if !ok {
		return false, couldNotLoad(name)
	}
	ok, err := fn(&CallContext{f: f}, v, args, kw)
	return ok, secretErr(err, append(args, v)...)
}

// callTest applies a test named by a value (select's argument).
func (f *frame) callTest(name Value, v Value, args []Value, kw *Dict) (bool, error) {
	s, err := ToString(name)
	if err != nil {
		return false, err
	}
	return f.applyTest(s, v, args, kw)
}

var _ = fmt.Sprint
