package jinja

import (
	"fmt"
	"reflect"
	"unsafe"

	"github.com/nikolalohinski/gonja/v2/exec"
	"github.com/nikolalohinski/gonja/v2/nodes"
	"github.com/nikolalohinski/gonja/v2/parser"
	"github.com/nikolalohinski/gonja/v2/tokens"
)

// doStatement is Jinja2's `{% do expr %}` (the do extension). Besides
// evaluating expr, it makes the list methods that mutate in Python
// (append, extend, insert) change the list a template variable holds:
// gonja hands methods a copy, so `{% do l.append(x) %}` would be lost.
type doStatement struct {
	location *tokens.Token
	expr     nodes.Expression
}

// Position implements nodes.ControlStructure.
func (d *doStatement) Position() *tokens.Token { return d.location }

// String implements nodes.ControlStructure.
func (d *doStatement) String() string { return fmt.Sprintf("do(Line=%d)", d.location.Line) }

// Execute evaluates the expression, applying list mutations to the variable.
func (d *doStatement) Execute(r *exec.Renderer, _ *nodes.ControlStructureBlock) error {
	if call, name, method, ok := listMutation(d.expr); ok {
		if list, isList := toGo(r.Eval(&nodes.Name{Name: &tokens.Token{Val: name, Line: d.location.Line}})).([]any); isList {
			args := make([]any, len(call.Args))
			for i, a := range call.Args {
				v := r.Eval(a)
				if v.IsError() {
					return v
				}
				args[i] = toGo(v)
			}
			out, err := mutateList(list, method, args)
			if err != nil {
				return err
			}
			setWhereDefined(r.Environment.Context, name, out)
			return nil
		}
	}
	if v := r.Eval(d.expr); v.IsError() {
		return v
	}
	return nil
}

// listMutation matches `name.append(...)`, `name.extend(...)`, `name.insert(...)`.
func listMutation(e nodes.Expression) (*nodes.Call, string, string, bool) {
	call, ok := e.(*nodes.Call)
	if !ok {
		return nil, "", "", false
	}
	attr, ok := call.Func.(*nodes.GetAttribute)
	if !ok {
		return nil, "", "", false
	}
	name, ok := attr.Node.(*nodes.Name)
	if !ok {
		return nil, "", "", false
	}
	switch attr.Attribute {
	case "append", "extend", "insert":
		return call, name.Name.Val, attr.Attribute, true
	}
	return nil, "", "", false
}

// mutateList returns list after Python's list.append/extend/insert.
func mutateList(list []any, method string, args []any) ([]any, error) {
	out := append([]any{}, list...)
	switch {
	case method == "append" && len(args) == 1:
		return append(out, args[0]), nil
	case method == "extend" && len(args) == 1:
		more, err := toList(args[0])
		if err != nil {
			return nil, err
		}
		return append(out, more...), nil
	case method == "insert" && len(args) == 2:
		i, ok := args[0].(int)
		if !ok {
			return nil, fmt.Errorf("list.insert: index must be an integer")
		}
		if i < 0 {
			i = max(0, len(out)+i)
		}
		i = min(i, len(out))
		return append(out[:i], append([]any{args[1]}, out[i:]...)...), nil
	}
	return nil, fmt.Errorf("list.%s: wrong number of arguments (%d)", method, len(args))
}

// doParser parses `{% do expr %}`.
func doParser(p *parser.Parser, args *parser.Parser) (nodes.ControlStructure, error) {
	d := &doStatement{location: p.Current()}
	expr, err := args.ParseExpression()
	if err != nil {
		return nil, err
	}
	d.expr = expr
	if !args.End() {
		return nil, args.Error("Malformed do-tag args.", args.Current())
	}
	return d, nil
}

// setWhereDefined sets name in the context that defines it (a loop body's
// context inherits from the template's), as mutating the list object in
// Python would be seen there; otherwise in ctx itself. gonja's Context has
// no such method, so its parent link is read through reflection.
func setWhereDefined(ctx *exec.Context, name string, v any) {
	for c := ctx; c != nil; c = contextParent(c) {
		if definesLocally(c, name) {
			c.Set(name, v)
			return
		}
	}
	ctx.Set(name, v)
}

// definesLocally reports whether c's own data (not its parents') has name.
func definesLocally(c *exec.Context, name string) bool {
	f := reflect.ValueOf(c).Elem().FieldByName("data")
	if !f.IsValid() {
		return false
	}
	data := reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
	return data.MapIndex(reflect.ValueOf(name)).IsValid()
}

// contextParent returns c's parent context, or nil.
func contextParent(c *exec.Context) *exec.Context {
	f := reflect.ValueOf(c).Elem().FieldByName("parent")
	if !f.IsValid() {
		return nil
	}
	p := reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
	parent, _ := p.Interface().(*exec.Context)
	return parent
}
