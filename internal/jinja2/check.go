package jinja2

import "fmt"

// check performs what Jinja2 checks when compiling a template, with
// Ansible's plugin lookup: unknown filters and tests fail with
// `Could not load "name"`, and block names are unique.
func (e *Environment) check(name string, body []stmt) error {
	var err error
	blocks := map[string]bool{}
	fail := func(class, msg string, p pos) {
		if err == nil {
			err = &Error{Class: class, Msg: msg, Template: name, Line: p.line, Col: p.col}
		}
	}
	w := &walker{}
	w.expr = func(x expr) {
		switch x := x.(type) {
		case *filterExpr:
			if _, ok := e.filter(x.name); !ok {
				fail("TemplateSyntaxError", couldNotLoad(x.name).(*Error).Msg, x.pos)
			}
		case *testExpr:
			if _, ok := e.test(x.name); !ok {
				fail("TemplateSyntaxError", couldNotLoad(x.name).(*Error).Msg, x.pos)
			}
		}
	}
	w.stmt = func(s stmt) {
		if f, ok := s.(*forStmt); ok {
			if p, bad := loopAssigned(f); bad {
				fail("TemplateAssertionError", "Can't assign to special loop variable in for-loop target", p)
			}
		}
		if b, ok := s.(*blockStmt); ok {
			if blocks[b.name] {
				fail("TemplateAssertionError", fmt.Sprintf("block %s defined twice", QuoteString(b.name)), b.pos)
			}
			blocks[b.name] = true
		}
	}
	w.stmts(body)
	return err
}

// loopAssigned reports a for loop that assigns to `loop`.
func loopAssigned(f *forStmt) (pos, bool) {
	var at pos
	found := false
	mark := func(targets ...expr) {
		for _, t := range targets {
			(&walker{expr: func(e expr) {
				if n, ok := e.(*nameExpr); ok && n.name == "loop" && !found {
					at, found = n.pos, true
				}
			}}).exprs(t)
		}
	}
	mark(f.target)
	(&walker{stmt: func(s stmt) {
		switch s := s.(type) {
		case *assignStmt:
			mark(s.target)
		case *assignBlockStmt:
			mark(s.target)
		case *forStmt:
			mark(s.target)
		}
	}}).stmts(f.body)
	return at, found
}
