package jinja

import (
	"strconv"

	"github.com/nikolalohinski/gonja/v2/nodes"
	"github.com/nikolalohinski/gonja/v2/tokens"
)

// Internal filters the AST rewriting introduces.
const (
	operatorFilter = "__ansible_op"
	literalFilter  = "__ansible_literal"
	iterFilter     = "__ansible_iter"
)

// operatorNames maps gonja operator tokens to the Python operators that
// operatorFilter implements.
var operatorNames = map[tokens.Type]string{
	tokens.Addition: "+", tokens.Subtraction: "-", tokens.Multiply: "*", tokens.Division: "/",
	tokens.FloorDivision: "//", tokens.Modulo: "%", tokens.Power: "**", tokens.Tilde: "~",
	tokens.Equals: "==", tokens.Ne: "!=", tokens.LowerThan: "<", tokens.LowerThanOrEqual: "<=",
	tokens.GreaterThan: ">", tokens.GreaterThanOrEqual: ">=", tokens.In: "in",
}

// rewriteNode replaces expressions whose gonja semantics differ from
// Python's by calls to internal filters; nil means keep the node.
func rewriteNode(n any) nodes.Expression {
	switch t := n.(type) {
	case *nodes.BinaryExpression:
		if t.Operator == nil || t.Operator.Token == nil {
			return nil
		}
		op, ok := operatorNames[t.Operator.Token.Type]
		if !ok {
			return nil
		}
		return filterNode(t.Left, operatorFilter, t.Operator.Token, stringNode(op, t.Operator.Token), t.Right)
	case *nodes.List:
		return filterNode(t, literalFilter, t.Location, stringNode("list", t.Location))
	case *nodes.Tuple:
		return filterNode(t, literalFilter, t.Location, stringNode("tuple", t.Location))
	case *nodes.Dict:
		return filterNode(t, literalFilter, t.Token, stringNode("dict", t.Token))
	case *nodes.FilteredExpression:
		return nestFilters(t)
	}
	return nil
}

// nestFilters turns `x | f | g` into `(x | f) | g` so that an error value
// produced by f still reaches g (gonja stops a chain at the first error,
// which would defeat `| first | default(...)`).
func nestFilters(f *nodes.FilteredExpression) nodes.Expression {
	if len(f.Filters) < 2 {
		return nil
	}
	inner := f.Expression
	for _, call := range f.Filters {
		inner = &nodes.FilteredExpression{Expression: inner, Filters: []*nodes.FilterCall{call}}
	}
	return inner
}

func filterNode(subject nodes.Expression, name string, tok *tokens.Token, args ...nodes.Expression) nodes.Expression {
	return &nodes.FilteredExpression{
		Expression: subject,
		Filters: []*nodes.FilterCall{{
			Token:  tok,
			Name:   name,
			Args:   args,
			Kwargs: map[string]nodes.Expression{},
		}},
	}
}

func stringNode(s string, at *tokens.Token) nodes.Expression {
	line := 0
	if at != nil {
		line = at.Line
	}
	return &nodes.String{Location: &tokens.Token{Type: tokens.String, Val: strconv.Quote(s), Line: line}, Val: s}
}
