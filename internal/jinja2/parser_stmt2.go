package jinja2

func (p *parser) parseBlock() (stmt, error) {
	t := p.next()
	n, err := p.expect("name")
	if err != nil {
		return nil, err
	}
	s := &blockStmt{pos: t.pos(), name: n.val}
	s.scoped = p.skipIf("name:scoped")
	s.required = p.skipIf("name:required")
	if p.cur().typ == "sub" {
		return nil, p.fail("Block names in Jinja have to be valid Python identifiers and may not contain hyphens, use an underscore instead.")
	}
	if s.body, err = p.parseStatements([]string{"name:endblock"}, true); err != nil {
		return nil, err
	}
	if s.required && !onlyWhitespace(s.body) {
		return nil, p.failAt(t, "Required blocks can only contain comments or whitespace")
	}
	p.skipIf("name:" + s.name)
	return s, nil
}

func onlyWhitespace(body []stmt) bool {
	for _, s := range body {
		o, ok := s.(*outputStmt)
		if !ok {
			return false
		}
		for i, n := range o.nodes {
			c, isConst := n.(*constExpr)
			if !o.data[i] || !isConst || !isBlank(c.v.s) {
				return false
			}
		}
	}
	return true
}

func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isSpace(s[i]) {
			return false
		}
	}
	return true
}

// parseContext parses an optional `with context` / `without context`.
func (p *parser) parseContext(def bool) bool {
	if p.cur().testAny("name:with", "name:without") && p.look().test("name:context") {
		with := p.next().val == "with"
		p.next()
		return with
	}
	return def
}

func (p *parser) parseInclude() (stmt, error) {
	t := p.next()
	e, err := p.parseExpression(true)
	if err != nil {
		return nil, err
	}
	s := &includeStmt{pos: t.pos(), template: e}
	if p.cur().test("name:ignore") && p.look().test("name:missing") {
		s.ignoreMissing = true
		p.next()
		p.next()
	}
	s.withContext = p.parseContext(true)
	return s, nil
}

func (p *parser) parseImport() (stmt, error) {
	t := p.next()
	e, err := p.parseExpression(true)
	if err != nil {
		return nil, err
	}
	if _, err := p.expect("name:as"); err != nil {
		return nil, err
	}
	n, err := p.expect("name")
	if err != nil {
		return nil, err
	}
	return &importStmt{t.pos(), e, n.val, p.parseContext(false)}, nil
}

func (p *parser) parseFrom() (stmt, error) {
	t := p.next()
	e, err := p.parseExpression(true)
	if err != nil {
		return nil, err
	}
	s := &fromImportStmt{pos: t.pos(), template: e}
	if _, err := p.expect("name:import"); err != nil {
		return nil, err
	}
	isContext := func() bool {
		return p.cur().testAny("name:with", "name:without") && p.look().test("name:context")
	}
	for {
		if len(s.names) > 0 {
			if _, err := p.expect("comma"); err != nil {
				return nil, err
			}
		}
		if p.cur().typ != "name" {
			_, err := p.expect("name")
			return nil, err
		}
		if isContext() {
			break
		}
		n := p.next()
		if n.val[0] == '_' {
			return nil, &Error{Class: "TemplateAssertionError", Msg: "names starting with an underline can not be imported",
				Template: p.name, Line: n.line, Col: n.col}
		}
		alias := n.val
		if p.skipIf("name:as") {
			a, err := p.expect("name")
			if err != nil {
				return nil, err
			}
			alias = a.val
		}
		s.names = append(s.names, [2]string{n.val, alias})
		if isContext() || p.cur().typ != "comma" {
			break
		}
	}
	s.withContext = p.parseContext(false)
	return s, nil
}

func (p *parser) parseWith() (stmt, error) {
	t := p.next()
	s := &withStmt{pos: t.pos()}
	for p.cur().typ != "block_end" {
		if len(s.targets) > 0 {
			if _, err := p.expect("comma"); err != nil {
				return nil, err
			}
		}
		target, err := p.parseAssignTarget(true, false, nil, false)
		if err != nil {
			return nil, err
		}
		if _, err := p.expect("assign"); err != nil {
			return nil, err
		}
		v, err := p.parseExpression(true)
		if err != nil {
			return nil, err
		}
		s.targets, s.values = append(s.targets, target), append(s.values, v)
	}
	var err error
	s.body, err = p.parseStatements([]string{"name:endwith"}, true)
	return s, err
}

func (p *parser) parsePrint() (stmt, error) {
	t := p.next()
	o := &outputStmt{pos: t.pos()}
	for p.cur().typ != "block_end" {
		if len(o.nodes) > 0 {
			if _, err := p.expect("comma"); err != nil {
				return nil, err
			}
		}
		e, err := p.parseExpression(true)
		if err != nil {
			return nil, err
		}
		o.nodes, o.data = append(o.nodes, e), append(o.data, false)
	}
	return o, nil
}

func (p *parser) parseAutoescape() (stmt, error) {
	t := p.next()
	if _, err := p.parseExpression(true); err != nil {
		return nil, err
	}
	body, err := p.parseStatements([]string{"name:endautoescape"}, true)
	return &scopeStmt{t.pos(), body}, err
}
