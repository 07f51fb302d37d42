package jinja2

// parsePostfix parses attribute, item and call suffixes.
func (p *parser) parsePostfix(node expr) (expr, error) {
	for {
		var err error
		switch p.cur().typ {
		case "dot", "lbracket":
			node, err = p.parseSubscript(node)
		case "lparen":
			node, err = p.parseCall(node)
		default:
			return node, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// parseFilterExpr parses filter, test and call suffixes.
func (p *parser) parseFilterExpr(node expr) (expr, error) {
	for {
		var err error
		switch {
		case p.cur().typ == "pipe":
			node, err = p.parseFilter(node, false)
		case p.cur().test("name:is"):
			node, err = p.parseTest(node)
		case p.cur().typ == "lparen":
			node, err = p.parseCall(node)
		default:
			return node, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func (p *parser) parseSubscript(node expr) (expr, error) {
	t := p.next()
	if t.typ == "dot" {
		a := p.next()
		switch a.typ {
		case "name":
			return &getattrExpr{t.pos(), node, a.val}, nil
		case "integer":
			return &getitemExpr{t.pos(), node, &constExpr{a.pos(), a.lit}}, nil
		}
		return nil, p.failAt(a, "expected name or number")
	}
	var args []expr
	for p.cur().typ != "rbracket" {
		if len(args) > 0 {
			if _, err := p.expect("comma"); err != nil {
				return nil, err
			}
		}
		a, err := p.parseSubscribed()
		if err != nil {
			return nil, err
		}
		args = append(args, a)
	}
	if _, err := p.expect("rbracket"); err != nil {
		return nil, err
	}
	if len(args) == 1 {
		return &getitemExpr{t.pos(), node, args[0]}, nil
	}
	return &getitemExpr{t.pos(), node, &seqExpr{t.pos(), true, args}}, nil
}

func (p *parser) parseSubscribed() (expr, error) {
	t := p.cur()
	var args []expr
	if t.typ == "colon" {
		p.next()
		args = []expr{nil}
	} else {
		e, err := p.parseExpression(true)
		if err != nil {
			return nil, err
		}
		if p.cur().typ != "colon" {
			return e, nil
		}
		p.next()
		args = []expr{e}
	}
	part := func() (expr, error) {
		if p.cur().typ == "rbracket" || p.cur().typ == "comma" {
			return nil, nil
		}
		return p.parseExpression(true)
	}
	if p.cur().typ == "colon" {
		args = append(args, nil)
	} else {
		e, err := part()
		if err != nil {
			return nil, err
		}
		args = append(args, e)
	}
	if p.cur().typ == "colon" {
		p.next()
		e, err := part()
		if err != nil {
			return nil, err
		}
		args = append(args, e)
	} else {
		args = append(args, nil)
	}
	return &sliceExpr{t.pos(), args[0], args[1], args[2]}, nil
}

func (p *parser) parseCall(node expr) (expr, error) {
	t := p.cur()
	a, err := p.parseCallArgs()
	if err != nil {
		return nil, err
	}
	return &callExpr{t.pos(), node, a}, nil
}

// parseCallArgs is Parser.parse_call_args.
func (p *parser) parseCallArgs() (callArgs, error) {
	var a callArgs
	t, err := p.expect("lparen")
	if err != nil {
		return a, err
	}
	invalid := func(ok bool) error {
		if !ok {
			return p.failAt(t, "invalid syntax for function call expression")
		}
		return nil
	}
	requireComma := false
	for p.cur().typ != "rparen" {
		if requireComma {
			if _, err := p.expect("comma"); err != nil {
				return a, err
			}
			if p.cur().typ == "rparen" {
				break
			}
		}
		if err := p.parseCallArg(&a, invalid); err != nil {
			return a, err
		}
		requireComma = true
	}
	_, err = p.expect("rparen")
	return a, err
}

func (p *parser) parseCallArg(a *callArgs, invalid func(bool) error) error {
	var err error
	switch {
	case p.cur().typ == "mul":
		if err := invalid(a.dynArgs == nil && a.dynKwarg == nil); err != nil {
			return err
		}
		p.next()
		a.dynArgs, err = p.parseExpression(true)
	case p.cur().typ == "pow":
		if err := invalid(a.dynKwarg == nil); err != nil {
			return err
		}
		p.next()
		a.dynKwarg, err = p.parseExpression(true)
	case p.cur().typ == "name" && p.look().typ == "assign":
		if err := invalid(a.dynKwarg == nil); err != nil {
			return err
		}
		key := p.next().val
		p.next()
		v, e := p.parseExpression(true)
		a.kwNames, a.kwVals, err = append(a.kwNames, key), append(a.kwVals, v), e
	default:
		if err := invalid(a.dynArgs == nil && a.dynKwarg == nil && len(a.kwNames) == 0); err != nil {
			return err
		}
		v, e := p.parseExpression(true)
		a.args, err = append(a.args, v), e
	}
	return err
}

func (p *parser) dottedName() (token, string, error) {
	t, err := p.expect("name")
	if err != nil {
		return t, "", err
	}
	name := t.val
	for p.cur().typ == "dot" {
		p.next()
		n, err := p.expect("name")
		if err != nil {
			return t, "", err
		}
		name += "." + n.val
	}
	return t, name, nil
}

func (p *parser) parseFilter(node expr, startInline bool) (expr, error) {
	for p.cur().typ == "pipe" || startInline {
		if !startInline {
			p.next()
		}
		startInline = false
		t, name, err := p.dottedName()
		if err != nil {
			return nil, err
		}
		f := &filterExpr{pos: t.pos(), node: node, name: name}
		if p.cur().typ == "lparen" {
			if f.callArgs, err = p.parseCallArgs(); err != nil {
				return nil, err
			}
		}
		node = f
	}
	return node, nil
}

func (p *parser) parseTest(node expr) (expr, error) {
	t := p.next()
	negated := p.skipIf("name:not")
	_, name, err := p.dottedName()
	if err != nil {
		return nil, err
	}
	te := &testExpr{pos: t.pos(), node: node, name: name}
	c := p.cur()
	switch {
	case c.typ == "lparen":
		if te.callArgs, err = p.parseCallArgs(); err != nil {
			return nil, err
		}
	case (c.typ == "name" || c.typ == "string" || c.typ == "integer" || c.typ == "float" ||
		c.typ == "lbracket" || c.typ == "lbrace") && !c.testAny("name:else", "name:or", "name:and"):
		if c.test("name:is") {
			return nil, p.fail("You cannot chain multiple tests with is")
		}
		arg, err := p.parsePrimary()
		if err != nil {
			return nil, err
		}
		if arg, err = p.parsePostfix(arg); err != nil {
			return nil, err
		}
		te.args = []expr{arg}
	}
	if negated {
		return &unaryExpr{t.pos(), "not", te}, nil
	}
	return te, nil
}
