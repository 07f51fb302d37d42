package jinja2

import "fmt"

var statementKeywords = map[string]bool{
	"for": true, "if": true, "block": true, "extends": true, "print": true, "macro": true,
	"include": true, "from": true, "import": true, "set": true, "with": true, "autoescape": true,
	"call": true, "filter": true,
}

func (p *parser) parseStatement() ([]stmt, error) {
	t := p.cur()
	if t.typ != "name" {
		return nil, p.fail("tag name expected")
	}
	if !statementKeywords[t.val] && !(t.val == "do" && p.cfg.Do) {
		return nil, p.failUnknown(t.val, p.endStack, t)
	}
	if len(p.tagStack) >= maxDepth {
		return nil, p.fail("statements nested too deeply")
	}
	p.tagStack = append(p.tagStack, t.val)
	defer func() { p.tagStack = p.tagStack[:len(p.tagStack)-1] }()
	s, err := p.statement(t)
	if err != nil {
		return nil, err
	}
	return []stmt{s}, nil
}

func (p *parser) statement(t token) (stmt, error) {
	switch t.val {
	case "for":
		return p.parseFor()
	case "if":
		return p.parseIf()
	case "set":
		return p.parseSet()
	case "macro":
		return p.parseMacro()
	case "call":
		return p.parseCallBlock()
	case "filter":
		return p.parseFilterBlock()
	case "block":
		return p.parseBlock()
	case "extends":
		p.next()
		e, err := p.parseExpression(true)
		return &extendsStmt{t.pos(), e}, err
	case "include":
		return p.parseInclude()
	case "import":
		return p.parseImport()
	case "from":
		return p.parseFrom()
	case "with":
		return p.parseWith()
	case "print":
		return p.parsePrint()
	case "do":
		p.next()
		e, err := p.parseTuple(false, true, nil, false)
		return &exprStmt{t.pos(), e}, err
	}
	return p.parseAutoescape()
}

func (p *parser) parseFor() (stmt, error) {
	t := p.next()
	target, err := p.parseAssignTarget(true, false, []string{"name:in"}, false)
	if err != nil {
		return nil, err
	}
	if _, err := p.expect("name:in"); err != nil {
		return nil, err
	}
	s := &forStmt{pos: t.pos(), target: target}
	if s.iter, err = p.parseTuple(false, false, []string{"name:recursive"}, false); err != nil {
		return nil, err
	}
	if p.skipIf("name:if") {
		if s.test, err = p.parseExpression(true); err != nil {
			return nil, err
		}
	}
	s.recursive = p.skipIf("name:recursive")
	if s.body, err = p.parseStatements([]string{"name:endfor", "name:else"}, false); err != nil {
		return nil, err
	}
	if p.next().val == "else" {
		s.els, err = p.parseStatements([]string{"name:endfor"}, true)
	}
	return s, err
}

func (p *parser) parseIf() (stmt, error) {
	t := p.next()
	result := &ifStmt{pos: t.pos()}
	node := result
	for {
		var err error
		if node.test, err = p.parseTuple(false, false, nil, false); err != nil {
			return nil, err
		}
		if node.body, err = p.parseStatements([]string{"name:elif", "name:else", "name:endif"}, false); err != nil {
			return nil, err
		}
		tok := p.next()
		if tok.test("name:elif") {
			node = &ifStmt{pos: p.cur().pos()}
			result.elifs = append(result.elifs, node)
			continue
		}
		if tok.test("name:else") {
			if result.els, err = p.parseStatements([]string{"name:endif"}, true); err != nil {
				return nil, err
			}
		}
		return result, nil
	}
}

// parseAssignTarget is Parser.parse_assign_target.
func (p *parser) parseAssignTarget(withTuple, nameOnly bool, extraEnd []string, withNamespace bool) (expr, error) {
	if withNamespace && p.look().typ == "dot" {
		t, err := p.expect("name")
		if err != nil {
			return nil, err
		}
		p.next()
		a, err := p.expect("name")
		return &nsRefExpr{t.pos(), t.val, a.val}, err
	}
	if nameOnly {
		t, err := p.expect("name")
		return &nameExpr{t.pos(), t.val}, err
	}
	var target expr
	var err error
	if withTuple {
		target, err = p.parseTuple(true, true, extraEnd, false)
	} else {
		target, err = p.parsePrimary()
	}
	if err != nil {
		return nil, err
	}
	if kind := unassignable(target); kind != "" {
		return nil, &Error{Class: "TemplateSyntaxError", Msg: fmt.Sprintf("can't assign to %s", QuoteString(kind)),
			Template: p.name, Line: target.at().line, Col: target.at().col}
	}
	return target, nil
}

// unassignable names the node type of a target that cannot be assigned.
func unassignable(e expr) string {
	switch e := e.(type) {
	case *nameExpr:
		return ""
	case *seqExpr:
		if !e.tuple {
			return "list"
		}
		for _, it := range e.items {
			if k := unassignable(it); k != "" {
				return "tuple"
			}
		}
		return ""
	case *constExpr:
		return "const"
	case *dictExpr:
		return "dict"
	}
	return "expr"
}

func (p *parser) parseSet() (stmt, error) {
	t := p.next()
	target, err := p.parseAssignTarget(true, false, nil, true)
	if err != nil {
		return nil, err
	}
	if p.skipIf("assign") {
		v, err := p.parseTuple(false, true, nil, false)
		return &assignStmt{t.pos(), target, v}, err
	}
	s := &assignBlockStmt{pos: t.pos(), target: target}
	f, err := p.parseFilter(nil, false)
	if err != nil {
		return nil, err
	}
	s.filter, _ = f.(*filterExpr)
	s.body, err = p.parseStatements([]string{"name:endset"}, true)
	return s, err
}

func (p *parser) parseSignature() ([]string, []expr, error) {
	var args []string
	var defaults []expr
	if _, err := p.expect("lparen"); err != nil {
		return nil, nil, err
	}
	for p.cur().typ != "rparen" {
		if len(args) > 0 {
			if _, err := p.expect("comma"); err != nil {
				return nil, nil, err
			}
		}
		t, err := p.expect("name")
		if err != nil {
			return nil, nil, err
		}
		if p.skipIf("assign") {
			d, err := p.parseExpression(true)
			if err != nil {
				return nil, nil, err
			}
			defaults = append(defaults, d)
		} else if len(defaults) > 0 {
			return nil, nil, p.fail("non-default argument follows default argument")
		}
		args = append(args, t.val)
	}
	p.next()
	return args, defaults, nil
}

func (p *parser) parseMacro() (stmt, error) {
	t := p.next()
	n, err := p.expect("name")
	if err != nil {
		return nil, err
	}
	s := &macroStmt{pos: t.pos(), name: n.val}
	if s.args, s.defaults, err = p.parseSignature(); err != nil {
		return nil, err
	}
	s.body, err = p.parseStatements([]string{"name:endmacro"}, true)
	return s, err
}

func (p *parser) parseCallBlock() (stmt, error) {
	t := p.next()
	s := &callBlockStmt{pos: t.pos()}
	var err error
	if p.cur().typ == "lparen" {
		if s.args, s.defaults, err = p.parseSignature(); err != nil {
			return nil, err
		}
	}
	c, err := p.parseExpression(true)
	if err != nil {
		return nil, err
	}
	call, ok := c.(*callExpr)
	if !ok {
		return nil, p.failAt(t, "expected call")
	}
	s.call = call
	s.body, err = p.parseStatements([]string{"name:endcall"}, true)
	return s, err
}

func (p *parser) parseFilterBlock() (stmt, error) {
	t := p.next()
	f, err := p.parseFilter(nil, true)
	if err != nil {
		return nil, err
	}
	s := &filterBlockStmt{pos: t.pos(), filter: f.(*filterExpr)}
	s.body, err = p.parseStatements([]string{"name:endfilter"}, true)
	return s, err
}
