package jinja2

import (
	"fmt"
	"strings"
)

// Vars resolves the variables a template sees (lazily, like Ansible's
// AnsibleJ2Vars).
type Vars interface {
	Lookup(name string) (Value, bool)
}

// GlobalVars is Vars that also provides globals of one rendering
// (Ansible's lookup, query, q): a template imported without context sees
// them, as it sees the environment's globals, but no other variable.
type GlobalVars interface {
	Vars
	LookupGlobal(name string) (Value, bool)
}

// DictVars is Vars over a dict.
type DictVars struct{ D *Dict }

// Lookup returns the named variable.
func (d DictVars) Lookup(name string) (Value, bool) {
	if d.D == nil {
		return None, false
	}
	return d.D.GetStr(name)
}

// concatMode selects how a buffer of output nodes becomes a value.
type concatMode int

const (
	concatString concatMode = iota // ansible_concat
	concatEval                     // ansible_eval_concat
	concatNative                   // ansible_native_concat
	concatValue                    // one node as it is (a bare expression)
)

// maxCallDepth bounds macro, include and recursive-loop nesting.
const maxCallDepth = 200

// maxOutput bounds the size of one render.
const maxOutput = 1 << 26

// maxSteps bounds the loop iterations and calls of one render, so nested
// loops cannot run for ever.
const maxSteps = 1 << 22

// renderer holds the state of one render.
type renderer struct {
	env    *Environment
	vars   Vars
	mode   concatMode
	depth  int
	output int
	steps  int
}

// step counts one loop iteration or call against the render's budget.
func (r *renderer) step() error {
	r.steps++
	if r.steps > maxSteps {
		return runtimeErrorf("the template exceeds %d loop iterations and calls", maxSteps)
	}
	return nil
}

// frame is one variable scope.
type frame struct {
	r      *renderer
	tmpl   *Template
	vars   map[string]Value
	parent *frame
	taint  Mark
	ctx    *tmplCtx
	ext    *extState // non-nil where output stops once the template extends
	root   bool      // template top level: assignments are exported
	export map[string]Value
	// isolated frames (without context) see only their own scopes and the
	// globals, not the including scopes or the context variables.
	isolated bool
}

func (f *frame) child() *frame {
	return &frame{r: f.r, tmpl: f.tmpl, parent: f, taint: f.taint, ctx: f.ctx, ext: f.ext, isolated: f.isolated}
}

// lookup resolves a name through the scopes, the context and the globals.
func (f *frame) lookup(name string) Value {
	for s := f; s != nil; s = s.parent {
		if v, ok := s.vars[name]; ok {
			return v
		}
		if s.isolated && s.root {
			break
		}
	}
	if v, ok := f.r.vars.Lookup(name); ok && !f.isolated {
		return v
	}
	if g, ok := f.r.vars.(GlobalVars); ok && f.isolated {
		if v, ok := g.LookupGlobal(name); ok {
			return v
		}
	}
	if v, ok := f.r.env.globals[name]; ok {
		return v
	}
	return UndefinedName(name)
}

// bind sets a variable in this scope only.
func (f *frame) bind(name string, v Value) {
	if f.vars == nil {
		f.vars = map[string]Value{}
	}
	f.vars[name] = v
}

func (f *frame) set(name string, v Value) {
	f.bind(name, v)
	if f.root && !strings.HasPrefix(name, "_") {
		f.export[name] = v
	}
}

// CallContext is what filters, tests and callables get from the render:
// they call back into it to apply other filters, tests and callables.
type CallContext struct {
	f *frame
}

// Call invokes a callable value (a macro, a method, a function).
func (c *CallContext) Call(fn Value, args []Value, kw *Dict) (Value, error) {
	if kw == nil {
		kw = NewDict()
	}
	return c.f.call(fn, args, kw)
}

// Filter applies the named filter.
func (c *CallContext) Filter(name string, v Value, args []Value, kw *Dict) (Value, error) {
	if kw == nil {
		kw = NewDict()
	}
	return c.f.applyFilter(name, v, args, kw)
}

// Test applies the named test.
func (c *CallContext) Test(name string, v Value, args []Value, kw *Dict) (bool, error) {
	if kw == nil {
		kw = NewDict()
	}
	return c.f.applyTest(name, v, args, kw)
}

// Vars returns the variables the render was given.
func (c *CallContext) Vars() Vars { return c.f.r.vars }

// Lookup resolves a variable as the template would.
func (c *CallContext) Lookup(name string) Value { return c.f.lookup(name) }

// eval evaluates an expression.
func (f *frame) eval(e expr) (Value, error) {
	v, err := f.evalNode(e)
	if err != nil {
		p := e.at()
		return None, locate(err, f.tmpl.name, p.line, p.col)
	}
	return v, nil
}

func (f *frame) evalNode(e expr) (Value, error) {
	switch e := e.(type) {
	case *constExpr:
		return e.v, nil
	case *nameExpr:
		return f.lookup(e.name), nil
	case *seqExpr:
		return f.evalSeq(e)
	case *dictExpr:
		return f.evalDict(e)
	case *getattrExpr:
		obj, err := f.eval(e.obj)
		if err != nil {
			return None, err
		}
		return getAttr(obj, e.attr), nil
	case *getitemExpr:
		return f.evalGetitem(e)
	case *callExpr:
		return f.evalCall(e)
	case *filterExpr:
		return f.evalFilter(e, nil)
	case *testExpr:
		return f.evalTest(e)
	case *condExpr:
		return f.evalCond(e)
	case *binExpr:
		return f.evalBinary(e)
	case *concatExpr:
		return f.evalConcat(e)
	case *compareExpr:
		return f.evalCompare(e)
	case *unaryExpr:
		return f.evalUnary(e)
	}
	return None, runtimeErrorf("cannot evaluate %T", e)
}

func (f *frame) evalList(es []expr) ([]Value, error) {
	out := make([]Value, 0, len(es))
	for _, e := range es {
		v, err := f.eval(e)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func (f *frame) evalSeq(e *seqExpr) (Value, error) {
	items, err := f.evalList(e.items)
	if err != nil {
		return None, err
	}
	if e.tuple {
		return NewTuple(items...), nil
	}
	return NewList(items...), nil
}

func (f *frame) evalDict(e *dictExpr) (Value, error) {
	d := NewDict()
	for i := range e.keys {
		k, err := f.eval(e.keys[i])
		if err != nil {
			return None, err
		}
		v, err := f.eval(e.vals[i])
		if err != nil {
			return None, err
		}
		if k.kind == UndefinedKind {
			return None, undefErr(k)
		}
		if err := d.Set(k, v); err != nil {
			return None, err
		}
	}
	return DictValue(d), nil
}

func (f *frame) evalGetitem(e *getitemExpr) (Value, error) {
	obj, err := f.eval(e.obj)
	if err != nil {
		return None, err
	}
	if s, ok := e.arg.(*sliceExpr); ok {
		return f.evalSlice(obj, s)
	}
	arg, err := f.eval(e.arg)
	if err != nil {
		return None, err
	}
	return getItem(obj, arg)
}

func (f *frame) evalSlice(obj Value, s *sliceExpr) (Value, error) {
	var parts [3]Value
	for i, p := range []expr{s.start, s.stop, s.step} {
		if p == nil {
			continue
		}
		v, err := f.eval(p)
		if err != nil {
			return None, err
		}
		parts[i] = v
	}
	if obj.kind == UndefinedKind {
		return obj, nil
	}
	r, err := sliceValue(obj, parts[0], parts[1], parts[2])
	if err != nil {
		return None, err
	}
	return withMarks(r, parts[:]...), nil
}

func (f *frame) evalCond(e *condExpr) (Value, error) {
	t, err := f.eval(e.test)
	if err != nil {
		return None, err
	}
	ok, err := Truth(t)
	if err != nil {
		return None, err
	}
	var r Value
	switch {
	case ok:
		r, err = f.eval(e.then)
	case e.els != nil:
		r, err = f.eval(e.els)
	default:
		return condUndefined(t, e.line), nil
	}
	return withMarks(r, t), err
}

// condUndefined is the plain jinja2.Undefined of `a if c` when c is false.
func condUndefined(test Value, line int) Value {
	u := &Undefined{Hint: fmt.Sprintf("the inline if-expression on line %d evaluated to false and no else section was defined.", line), plain: true}
	return withMarks(Value{kind: UndefinedKind, ref: u}, test)
}

func (f *frame) evalBinary(e *binExpr) (Value, error) {
	l, err := f.eval(e.l)
	if err != nil {
		return None, err
	}
	if e.op == "and" || e.op == "or" {
		t, err := Truth(l)
		if err != nil {
			return None, err
		}
		if t == (e.op == "or") {
			return l, nil
		}
		r, err := f.eval(e.r)
		return withMarks(r, l), err
	}
	r, err := f.eval(e.r)
	if err != nil {
		return None, err
	}
	return BinaryOp(e.op, l, r)
}

func (f *frame) evalConcat(e *concatExpr) (Value, error) {
	vals, err := f.evalList(e.items)
	if err != nil {
		return None, err
	}
	var b strings.Builder
	for _, v := range vals {
		s, err := ToString(v)
		if err != nil {
			return None, err
		}
		b.WriteString(s)
	}
	return withMarks(Str(b.String()), vals...), nil
}

func (f *frame) evalCompare(e *compareExpr) (Value, error) {
	x, err := f.eval(e.x)
	if err != nil {
		return None, err
	}
	var marks Value
	for _, op := range e.ops {
		y, err := f.eval(op.x)
		if err != nil {
			return None, err
		}
		r, err := compareOp(op.op, x, y)
		if err != nil {
			return None, secretErr(err, x, y)
		}
		marks = withMarks(marks, x, y)
		if ok, _ := Truth(r); !ok {
			return withMarks(Bool(false), marks), nil
		}
		x = y
	}
	return withMarks(Bool(true), marks), nil
}

func compareOp(op string, x, y Value) (Value, error) {
	switch op {
	case "in", "notin":
		ok, err := Contains(y, x)
		return Bool(ok == (op == "in")), err
	}
	return Compare(op, x, y)
}

func (f *frame) evalUnary(e *unaryExpr) (Value, error) {
	x, err := f.eval(e.x)
	if err != nil {
		return None, err
	}
	if e.op == "not" {
		t, err := Truth(x)
		return withMarks(Bool(!t), x), err
	}
	return UnaryOp(e.op, x)
}
