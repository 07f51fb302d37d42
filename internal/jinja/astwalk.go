package jinja

import (
	"reflect"
	"strconv"
	"unsafe"

	controlStructures "github.com/nikolalohinski/gonja/v2/builtins/control_structures"
	"github.com/nikolalohinski/gonja/v2/nodes"
	"github.com/nikolalohinski/gonja/v2/tokens"
)

// finalizeFilter is the internal filter appended to every {{ }} output: it
// renders values like Ansible's finalize + str() (None becomes ”).
const finalizeFilter = "__ansible_finalize"

var (
	typeOutput = reflect.TypeFor[nodes.Output]()
	typeName   = reflect.TypeFor[nodes.Name]()
)

// astInfo is what prepareAST learns about a parsed template.
type astInfo struct {
	names map[string]bool
}

// prepareAST walks the whole parsed template (including the unexported
// fields of control structures, which gonja exposes no visitor for), records
// every referenced variable name and wraps every output expression with the
// finalize filter.
func prepareAST(root *nodes.Template) astInfo {
	info := astInfo{names: map[string]bool{}}
	seen := map[uintptr]bool{}
	walkValue(reflect.ValueOf(root), seen, &info)
	return info
}

func walkValue(v reflect.Value, seen map[uintptr]bool, info *astInfo) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		switch v.Type().Elem() {
		case typeOutput:
			finalizeOutput((*nodes.Output)(unsafe.Pointer(v.Pointer())))
		case typeName:
			n := (*nodes.Name)(unsafe.Pointer(v.Pointer()))
			if n.Name != nil {
				info.names[n.Name.Val] = true
			}
		case reflect.TypeFor[nodes.TestCall]():
			spreadTestArgs((*nodes.TestCall)(unsafe.Pointer(v.Pointer())))
		case reflect.TypeFor[nodes.Call]():
			fixMethodParent((*nodes.Call)(unsafe.Pointer(v.Pointer())))
		case reflect.TypeFor[controlStructures.ForControlStructure]():
			orderForLoop((*controlStructures.ForControlStructure)(unsafe.Pointer(v.Pointer())))
		case reflect.TypeFor[tokens.Token]():
			return
		}
		walkValue(v.Elem(), seen, info)
	case reflect.Interface:
		if v.IsNil() {
			return
		}
		walkValue(v.Elem(), seen, info)
		if v.CanAddr() && isNodeSlot(v) {
			slot := settable(v)
			if repl := rewriteNode(slot.Interface()); repl != nil {
				slot.Set(reflect.ValueOf(repl))
			}
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			walkValue(v.Field(i), seen, info)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			walkValue(v.Index(i), seen, info)
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			val := iter.Value()
			walkValue(val, seen, info)
			if v.CanAddr() && iter.Key().Kind() == reflect.String && val.Kind() == reflect.Interface && !val.IsNil() {
				m := settable(v)
				key := reflect.ValueOf(iter.Key().String()).Convert(iter.Key().Type())
				if repl := rewriteNode(m.MapIndex(key).Interface()); repl != nil {
					m.SetMapIndex(key, reflect.ValueOf(repl))
				}
			}
		}
	}
}

// isNodeSlot reports whether an interface slot holds expressions.
func isNodeSlot(v reflect.Value) bool {
	t := v.Type()
	return t == reflect.TypeFor[nodes.Expression]() || t == reflect.TypeFor[nodes.Node]()
}

// settable returns a writable view of an addressable value, including
// unexported fields of gonja's control structures.
func settable(v reflect.Value) reflect.Value {
	if v.CanSet() {
		return v
	}
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

// finalizeOutput appends the finalize filter to an output node once.
func finalizeOutput(o *nodes.Output) {
	if o.Expression == nil {
		return
	}
	if f, ok := o.Expression.(*nodes.FilteredExpression); ok {
		if n := len(f.Filters); n > 0 && f.Filters[n-1].Name == finalizeFilter {
			return
		}
	}
	line := 0
	if pos := o.Expression.Position(); pos != nil {
		line = pos.Line
	}
	call := &nodes.FilterCall{
		Token:  o.Start,
		Name:   finalizeFilter,
		Args:   []nodes.Expression{&nodes.Integer{Location: &tokens.Token{Type: tokens.Integer, Val: strconv.Itoa(line), Line: line}, Val: line}},
		Kwargs: map[string]nodes.Expression{},
	}
	if o.Condition != nil {
		// {{ a if cond }} forms: wrap both branches.
		o.Expression = &nodes.FilteredExpression{Expression: o.Expression, Filters: []*nodes.FilterCall{call}}
		if o.Alternative != nil {
			o.Alternative = &nodes.FilteredExpression{Expression: o.Alternative, Filters: []*nodes.FilterCall{call}}
		}
		return
	}
	o.Expression = &nodes.FilteredExpression{Expression: o.Expression, Filters: []*nodes.FilterCall{call}}
}

// spreadTestArgs fixes gonja parsing `x is test(a, b)` as one tuple argument.
func spreadTestArgs(tc *nodes.TestCall) {
	if len(tc.Args) != 1 {
		return
	}
	if tup, ok := tc.Args[0].(*nodes.Tuple); ok {
		tc.Args = tup.Val
	}
}

// fixMethodParent sets the receiver of `(expr).method()` calls, which
// gonja's parser leaves unset for parenthesized expressions.
func fixMethodParent(c *nodes.Call) {
	if c.Parent != nil {
		return
	}
	if attr, ok := c.Func.(*nodes.GetAttribute); ok {
		c.Parent = attr.Node
	}
}

// orderForLoop makes {% for %} walk a dict in its key order (gonja sorts
// map keys): the iterated expression goes through the iterFilter, which
// turns a dict into its keys, or into (key, value) pairs for gonja's
// `for k, v in dict` form.
func orderForLoop(f *controlStructures.ForControlStructure) {
	if f.ObjectEvaluator == nil {
		return
	}
	mode := "keys"
	if f.Value != "" {
		mode = "pairs"
	}
	f.ObjectEvaluator = filterNode(f.ObjectEvaluator, iterFilter, f.ObjectEvaluator.Position(), stringNode(mode, f.ObjectEvaluator.Position()))
}
