package jinja2

import (
	"fmt"
	"strings"
)

// parser is jinja2.parser.Parser over a token slice.
type parser struct {
	cfg      *Config
	name     string
	toks     []token
	i        int
	tagStack []string
	endStack [][]string
	depth    int
}

// maxDepth bounds expression nesting so deep input cannot exhaust the stack.
const maxDepth = 200

func parse(cfg *Config, name, source string) ([]stmt, error) {
	toks, err := lex(cfg, name, source)
	if err != nil {
		return nil, err
	}
	p := &parser{cfg: cfg, name: name, toks: toks}
	body, err := p.subparse(nil)
	if err != nil {
		return nil, err
	}
	return body, nil
}

func (p *parser) cur() token { return p.toks[p.i] }

func (p *parser) look() token {
	if p.i+1 < len(p.toks) {
		return p.toks[p.i+1]
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) next() token {
	t := p.toks[p.i]
	if p.i < len(p.toks)-1 {
		p.i++
	}
	return t
}

// test matches a token against "type" or "name:value".
func (t token) test(e string) bool {
	if typ, val, ok := strings.Cut(e, ":"); ok {
		return t.typ == typ && t.val == val
	}
	return t.typ == e
}

func (t token) testAny(es ...string) bool {
	for _, e := range es {
		if t.test(e) {
			return true
		}
	}
	return false
}

func (t token) pos() pos { return pos{t.line, t.col} }

func (p *parser) skipIf(e string) bool {
	if p.cur().test(e) {
		p.next()
		return true
	}
	return false
}

func (p *parser) failAt(t token, msg string) error {
	return &Error{Class: "TemplateSyntaxError", Msg: msg, Template: p.name, Line: t.line, Col: t.col}
}

func (p *parser) fail(msg string) error { return p.failAt(p.cur(), msg) }

func (p *parser) expect(e string) (token, error) {
	t := p.cur()
	if t.test(e) {
		return p.next(), nil
	}
	if t.typ == "eof" {
		return t, p.fail(fmt.Sprintf("unexpected end of template, expected %s.", QuoteString(describeExpr(e))))
	}
	return t, p.fail(fmt.Sprintf("expected token %s, got %s", QuoteString(describeExpr(e)), QuoteString(describeToken(t))))
}

var tokenDescriptions = map[string]string{
	"block_begin": "begin of statement block", "block_end": "end of statement block",
	"variable_begin": "begin of print statement", "variable_end": "end of print statement",
	"data": "template data / text", "eof": "end of template", "raw_begin": "raw_begin", "raw_end": "raw_end",
}

func describeType(typ string) string {
	for op, t := range operatorTokens {
		if t == typ {
			return op
		}
	}
	if d, ok := tokenDescriptions[typ]; ok {
		return d
	}
	return typ
}

func describeToken(t token) string {
	if t.typ == "name" {
		return t.val
	}
	return describeType(t.typ)
}

func describeExpr(e string) string {
	if typ, val, ok := strings.Cut(e, ":"); ok && typ == "name" {
		return val
	}
	return describeType(e)
}

// subparse parses template data, outputs and statements until one of
// endTokens starts a block.
func (p *parser) subparse(endTokens []string) ([]stmt, error) {
	var body []stmt
	out := &outputStmt{}
	if endTokens != nil {
		p.endStack = append(p.endStack, endTokens)
		defer func() { p.endStack = p.endStack[:len(p.endStack)-1] }()
	}
	for p.cur().typ != "eof" {
		if p.cur().typ != "block_begin" {
			if err := p.parseOutput(out); err != nil {
				return nil, err
			}
			continue
		}
		if len(out.nodes) > 0 {
			body, out = append(body, out), &outputStmt{}
		}
		p.next()
		if endTokens != nil && p.cur().testAny(endTokens...) {
			return body, nil
		}
		s, err := p.parseStatement()
		if err != nil {
			return nil, err
		}
		body = append(body, s...)
		if _, err := p.expect("block_end"); err != nil {
			return nil, err
		}
	}
	if len(out.nodes) > 0 {
		body = append(body, out)
	}
	return body, nil
}

// parseOutput adds template data, a {{ }} expression or raw text to out.
func (p *parser) parseOutput(out *outputStmt) error {
	t := p.cur()
	switch t.typ {
	case "data":
		out.add(&constExpr{t.pos(), Str(t.val)}, true)
		p.next()
		return nil
	case "variable_begin":
		p.next()
		e, err := p.parseTuple(false, true, nil, false)
		if err != nil {
			return err
		}
		out.add(e, false)
		_, err = p.expect("variable_end")
		return err
	case "raw_begin":
		p.next()
		if p.cur().typ == "data" {
			out.add(&constExpr{p.cur().pos(), Str(p.next().val)}, true)
		}
		_, err := p.expect("raw_end")
		return err
	}
	return p.fail("unexpected " + QuoteString(describeToken(t)))
}

func (o *outputStmt) add(e expr, data bool) {
	if len(o.nodes) == 0 {
		o.pos = e.at()
	}
	o.nodes = append(o.nodes, e)
	o.data = append(o.data, data)
}

// parseStatements parses a statement body up to one of endTokens.
func (p *parser) parseStatements(endTokens []string, dropNeedle bool) ([]stmt, error) {
	p.skipIf("colon")
	if _, err := p.expect("block_end"); err != nil {
		return nil, err
	}
	body, err := p.subparse(endTokens)
	if err != nil {
		return nil, err
	}
	if p.cur().typ == "eof" {
		return nil, p.failEOF(endTokens)
	}
	if dropNeedle {
		p.next()
	}
	return body, nil
}

func (p *parser) failEOF(endTokens []string) error {
	stack := append([][]string(nil), p.endStack...)
	if endTokens != nil {
		stack = append(stack, endTokens)
	}
	return p.failUnknown("", stack, p.cur())
}

// failUnknown is Parser._fail_ut_eof.
func (p *parser) failUnknown(name string, stack [][]string, t token) error {
	expected := map[string]bool{}
	for _, es := range stack {
		for _, e := range es {
			expected[describeExpr(e)] = true
		}
	}
	looking := ""
	if len(stack) > 0 {
		var q []string
		for _, e := range stack[len(stack)-1] {
			q = append(q, QuoteString(describeExpr(e)))
		}
		looking = strings.Join(q, " or ")
	}
	msg := []string{"Unexpected end of template."}
	if name != "" {
		msg = []string{fmt.Sprintf("Encountered unknown tag %s.", QuoteString(name))}
	}
	if looking != "" {
		if name != "" && expected[name] {
			msg = append(msg, "You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for "+looking+".")
		} else {
			msg = append(msg, "Jinja was looking for the following tags: "+looking+".")
		}
	}
	if len(p.tagStack) > 0 {
		msg = append(msg, fmt.Sprintf("The innermost block that needs to be closed is %s.", QuoteString(p.tagStack[len(p.tagStack)-1])))
	}
	return p.failAt(t, strings.Join(msg, " "))
}
