package jinja2

import "fmt"

// parseExpression parses an expression, with or without a conditional.
func (p *parser) parseExpression(withCond bool) (expr, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxDepth {
		return nil, p.fail("expression nested too deeply")
	}
	if withCond {
		return p.parseCondExpr()
	}
	return p.parseOr()
}

func (p *parser) parseCondExpr() (expr, error) {
	t := p.cur()
	e1, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	for p.skipIf("name:if") {
		e2, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		var e3 expr
		if p.skipIf("name:else") {
			if e3, err = p.parseCondExpr(); err != nil {
				return nil, err
			}
		}
		e1 = &condExpr{t.pos(), e2, e1, e3}
	}
	return e1, nil
}

func (p *parser) parseOr() (expr, error) {
	return p.parseLogic("name:or", "or", p.parseAnd)
}

func (p *parser) parseAnd() (expr, error) {
	return p.parseLogic("name:and", "and", p.parseNot)
}

func (p *parser) parseLogic(tok, op string, sub func() (expr, error)) (expr, error) {
	t := p.cur()
	l, err := sub()
	if err != nil {
		return nil, err
	}
	for p.skipIf(tok) {
		r, err := sub()
		if err != nil {
			return nil, err
		}
		l = &binExpr{t.pos(), op, l, r}
	}
	return l, nil
}

func (p *parser) parseNot() (expr, error) {
	if p.cur().test("name:not") {
		t := p.next()
		x, err := p.parseNot()
		if err != nil {
			return nil, err
		}
		return &unaryExpr{t.pos(), "not", x}, nil
	}
	return p.parseCompare()
}

var compareTokens = map[string]string{"eq": "==", "ne": "!=", "lt": "<", "lteq": "<=", "gt": ">", "gteq": ">="}

func (p *parser) parseCompare() (expr, error) {
	t := p.cur()
	x, err := p.parseMath1()
	if err != nil {
		return nil, err
	}
	var ops []cmpOp
	for {
		op := ""
		switch {
		case compareTokens[p.cur().typ] != "":
			op = compareTokens[p.next().typ]
		case p.skipIf("name:in"):
			op = "in"
		case p.cur().test("name:not") && p.look().test("name:in"):
			p.next()
			p.next()
			op = "notin"
		}
		if op == "" {
			break
		}
		y, err := p.parseMath1()
		if err != nil {
			return nil, err
		}
		ops = append(ops, cmpOp{op, y})
	}
	if len(ops) == 0 {
		return x, nil
	}
	return &compareExpr{t.pos(), x, ops}, nil
}

func (p *parser) parseBinary(ops map[string]string, sub func() (expr, error)) (expr, error) {
	t := p.cur()
	l, err := sub()
	if err != nil {
		return nil, err
	}
	for ops[p.cur().typ] != "" {
		op := ops[p.next().typ]
		r, err := sub()
		if err != nil {
			return nil, err
		}
		l = &binExpr{t.pos(), op, l, r}
	}
	return l, nil
}

func (p *parser) parseMath1() (expr, error) {
	return p.parseBinary(map[string]string{"add": "+", "sub": "-"}, p.parseConcat)
}

func (p *parser) parseConcat() (expr, error) {
	t := p.cur()
	x, err := p.parseMath2()
	if err != nil {
		return nil, err
	}
	items := []expr{x}
	for p.skipIf("tilde") {
		y, err := p.parseMath2()
		if err != nil {
			return nil, err
		}
		items = append(items, y)
	}
	if len(items) == 1 {
		return x, nil
	}
	return &concatExpr{t.pos(), items}, nil
}

func (p *parser) parseMath2() (expr, error) {
	return p.parseBinary(map[string]string{"mul": "*", "div": "/", "floordiv": "//", "mod": "%"}, p.parsePow)
}

func (p *parser) parsePow() (expr, error) {
	e, err := p.parseBinary(map[string]string{"pow": "**"}, func() (expr, error) { return p.parseUnary(true) })
	if err != nil {
		return nil, err
	}
	return foldNegPow(e), nil
}

func (p *parser) parseUnary(withFilter bool) (expr, error) {
	t := p.cur()
	var node expr
	var err error
	if t.typ == "sub" || t.typ == "add" {
		p.next()
		p.depth++
		defer func() { p.depth-- }()
		if p.depth > maxDepth {
			return nil, p.fail("expression nested too deeply")
		}
		x, err := p.parseUnary(false)
		if err != nil {
			return nil, err
		}
		node = &unaryExpr{t.pos(), map[string]string{"sub": "-", "add": "+"}[t.typ], x}
	} else if node, err = p.parsePrimary(); err != nil {
		return nil, err
	}
	if node, err = p.parsePostfix(node); err != nil {
		return nil, err
	}
	if withFilter {
		return p.parseFilterExpr(node)
	}
	return node, nil
}

func (p *parser) parsePrimary() (expr, error) {
	t := p.cur()
	switch t.typ {
	case "name":
		p.next()
		switch t.val {
		case "true", "True":
			return &constExpr{t.pos(), Bool(true)}, nil
		case "false", "False":
			return &constExpr{t.pos(), Bool(false)}, nil
		case "none", "None":
			return &constExpr{t.pos(), None}, nil
		}
		return &nameExpr{t.pos(), t.val}, nil
	case "string":
		s := p.next().lit.s
		for p.cur().typ == "string" {
			s += p.next().lit.s
		}
		return &constExpr{t.pos(), Str(s)}, nil
	case "integer", "float":
		p.next()
		return &constExpr{t.pos(), t.lit}, nil
	case "lparen":
		p.next()
		e, err := p.parseTuple(false, true, nil, true)
		if err != nil {
			return nil, err
		}
		_, err = p.expect("rparen")
		return e, err
	case "lbracket":
		return p.parseList()
	case "lbrace":
		return p.parseDict()
	}
	return nil, p.fail(fmt.Sprintf("unexpected %s", QuoteString(describeToken(t))))
}

// parseTuple is Parser.parse_tuple.
func (p *parser) parseTuple(simplified, withCond bool, extraEnd []string, explicitParens bool) (expr, error) {
	t := p.cur()
	parse := func() (expr, error) { return p.parseExpression(withCond) }
	if simplified {
		parse = p.parsePrimary
	}
	var args []expr
	isTuple := false
	for {
		if len(args) > 0 {
			if _, err := p.expect("comma"); err != nil {
				return nil, err
			}
		}
		if p.isTupleEnd(extraEnd) {
			break
		}
		a, err := parse()
		if err != nil {
			return nil, err
		}
		args = append(args, a)
		if p.cur().typ != "comma" {
			break
		}
		isTuple = true
	}
	if !isTuple {
		if len(args) > 0 {
			return args[0], nil
		}
		if !explicitParens {
			return nil, p.fail(fmt.Sprintf("Expected an expression, got %s", QuoteString(describeToken(p.cur()))))
		}
	}
	return &seqExpr{t.pos(), true, args}, nil
}

func (p *parser) isTupleEnd(extra []string) bool {
	switch p.cur().typ {
	case "variable_end", "block_end", "rparen":
		return true
	}
	return extra != nil && p.cur().testAny(extra...)
}

func (p *parser) parseList() (expr, error) {
	t, _ := p.expect("lbracket")
	var items []expr
	for p.cur().typ != "rbracket" {
		if len(items) > 0 {
			if _, err := p.expect("comma"); err != nil {
				return nil, err
			}
		}
		if p.cur().typ == "rbracket" {
			break
		}
		e, err := p.parseExpression(true)
		if err != nil {
			return nil, err
		}
		items = append(items, e)
	}
	_, err := p.expect("rbracket")
	return &seqExpr{t.pos(), false, items}, err
}

func (p *parser) parseDict() (expr, error) {
	t, _ := p.expect("lbrace")
	d := &dictExpr{pos: t.pos()}
	for p.cur().typ != "rbrace" {
		if len(d.keys) > 0 {
			if _, err := p.expect("comma"); err != nil {
				return nil, err
			}
		}
		if p.cur().typ == "rbrace" {
			break
		}
		k, err := p.parseExpression(true)
		if err != nil {
			return nil, err
		}
		if _, err := p.expect("colon"); err != nil {
			return nil, err
		}
		v, err := p.parseExpression(true)
		if err != nil {
			return nil, err
		}
		d.keys, d.vals = append(d.keys, k), append(d.vals, v)
	}
	_, err := p.expect("rbrace")
	return d, err
}
