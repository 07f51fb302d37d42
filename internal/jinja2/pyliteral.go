package jinja2

import (
	"errors"
	"math/big"
	"strconv"
	"strings"
)

var errNotLiteral = errors.New("not a python literal")

// litParser is Python's ast.literal_eval(ast.parse(s, mode='eval')).
type litParser struct {
	s     string
	i     int
	json  bool // JSON true/false/null accepted (Ansible's Json2Python)
	depth int
	nest  int // open brackets: newlines are whitespace inside them
}

func literalEval(s string, json bool) (Value, error) {
	p := &litParser{s: s, json: json}
	if err := p.start(); err != nil {
		return None, err
	}
	v, err := p.exprList()
	if err != nil {
		return None, err
	}
	p.space()
	if p.i < len(p.s) {
		return None, errNotLiteral
	}
	return v, nil
}

// start skips leading blank and comment lines; an indented first line
// is an IndentationError.
func (p *litParser) start() error {
	for {
		j := p.i
		for j < len(p.s) && (p.s[j] == ' ' || p.s[j] == '\t' || p.s[j] == '\f') {
			j++
		}
		if j < len(p.s) && p.s[j] == '#' {
			for j < len(p.s) && p.s[j] != '\n' {
				j++
			}
		}
		if j < len(p.s) && (p.s[j] == '\n' || p.s[j] == '\r') {
			p.i = j + 1
			continue
		}
		if j > p.i && j < len(p.s) {
			return errNotLiteral
		}
		p.i = j
		return nil
	}
}

// space skips whitespace, comments and line continuations; a newline
// outside brackets ends the input unless only blank lines follow.
func (p *litParser) space() {
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == ' ' || c == '\t' || c == '\f':
			p.i++
		case c == '#':
			for p.i < len(p.s) && p.s[p.i] != '\n' {
				p.i++
			}
		case c == '\\' && p.i+1 < len(p.s) && p.s[p.i+1] == '\n':
			p.i += 2
		case c == '\n' || c == '\r':
			if p.nest == 0 && strings.TrimSpace(stripComments(p.s[p.i:])) != "" {
				return
			}
			p.i++
		default:
			return
		}
	}
}

func stripComments(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		b.WriteString(line)
	}
	return b.String()
}

func (p *litParser) peek() byte {
	p.space()
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

// exprList parses `a` or a bare tuple `a, b`.
func (p *litParser) exprList() (Value, error) {
	v, err := p.value()
	if err != nil {
		return None, err
	}
	if p.peek() != ',' {
		return v, nil
	}
	items := []Value{v}
	for p.peek() == ',' {
		p.i++
		if c := p.peek(); c == 0 || c == '\n' {
			break
		}
		v, err := p.value()
		if err != nil {
			return None, err
		}
		items = append(items, v)
	}
	return NewTuple(items...), nil
}

func (p *litParser) value() (Value, error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > 100 {
		return None, errNotLiteral
	}
	switch c := p.peek(); {
	case c == '[':
		return p.seq('[', ']')
	case c == '(':
		return p.seq('(', ')')
	case c == '{':
		return p.dict()
	case c == '-' || c == '+':
		p.i++
		return p.signed(c)
	case c == '\'' || c == '"':
		return p.strings()
	case isDigit(c) || c == '.':
		return p.number()
	case c == '_' || (c|0x20 >= 'a' && c|0x20 <= 'z'):
		return p.name()
	}
	return None, errNotLiteral
}

func (p *litParser) signed(sign byte) (Value, error) {
	c := p.peek()
	if !isDigit(c) && c != '.' && !strings.HasPrefix(p.s[p.i:], "True") && !strings.HasPrefix(p.s[p.i:], "False") {
		return None, errNotLiteral
	}
	v, err := p.value()
	if err != nil || !v.isNumber() {
		return None, errNotLiteral
	}
	if sign == '-' {
		return UnaryOp("-", v)
	}
	return UnaryOp("+", v)
}

func (p *litParser) seq(open, close byte) (Value, error) {
	p.i++
	p.nest++
	defer func() { p.nest-- }()
	var items []Value
	comma := false
	for {
		if p.peek() == close {
			p.i++
			break
		}
		if len(items) > 0 && !comma {
			return None, errNotLiteral
		}
		v, err := p.value()
		if err != nil {
			return None, err
		}
		items = append(items, v)
		comma = p.peek() == ','
		if comma {
			p.i++
		}
	}
	if open == '[' {
		return NewList(items...), nil
	}
	if len(items) == 1 && !comma {
		return items[0], nil
	}
	return NewTuple(items...), nil
}

func (p *litParser) dict() (Value, error) {
	p.i++
	p.nest++
	defer func() { p.nest-- }()
	d := NewDict()
	for {
		if p.peek() == '}' {
			p.i++
			return DictValue(d), nil
		}
		k, err := p.value()
		if err != nil {
			return None, err
		}
		if p.peek() != ':' {
			return None, errNotLiteral
		}
		p.i++
		v, err := p.value()
		if err != nil {
			return None, err
		}
		if err := d.Set(k, v); err != nil {
			return None, errNotLiteral
		}
		switch p.peek() {
		case ',':
			p.i++
		case '}':
		default:
			return None, errNotLiteral
		}
	}
}

func (p *litParser) name() (Value, error) {
	j := p.i
	for j < len(p.s) && (p.s[j] == '_' || isDigit(p.s[j]) || (p.s[j]|0x20 >= 'a' && p.s[j]|0x20 <= 'z')) {
		j++
	}
	word := p.s[p.i:j]
	if j < len(p.s) && (p.s[j] == '\'' || p.s[j] == '"') && len(word) <= 2 {
		return p.strings()
	}
	p.i = j
	switch word {
	case "True":
		return Bool(true), nil
	case "False":
		return Bool(false), nil
	case "None":
		return None, nil
	}
	if p.json {
		switch word {
		case "true":
			return Bool(true), nil
		case "false":
			return Bool(false), nil
		case "null":
			return None, nil
		}
	}
	return None, errNotLiteral
}

func (p *litParser) number() (Value, error) {
	j := p.i
	for j < len(p.s) && (isDigit(p.s[j]) || p.s[j]|0x20 >= 'a' && p.s[j]|0x20 <= 'z' || p.s[j] == '_' || p.s[j] == '.' ||
		((p.s[j] == '+' || p.s[j] == '-') && j > p.i && p.s[j-1]|0x20 == 'e' && !strings.HasPrefix(p.s[p.i:], "0x"))) {
		j++
	}
	text := p.s[p.i:j]
	p.i = j
	return parsePyNumber(text)
}

// parsePyNumber parses a Python int or float literal.
func parsePyNumber(t string) (Value, error) {
	if strings.HasSuffix(t, "_") || strings.Contains(t, "__") || strings.HasSuffix(t, "j") || strings.HasSuffix(t, "J") {
		return None, errNotLiteral
	}
	clean := strings.ReplaceAll(t, "_", "")
	if len(clean) > 1 && clean[0] == '0' && strings.ContainsAny(clean[1:2], "xXoObB") {
		b, ok := new(big.Int).SetString(clean, 0)
		if !ok {
			return None, errNotLiteral
		}
		return BigInt(b), nil
	}
	if strings.ContainsAny(clean, ".eE") {
		if strings.ContainsAny(clean, "xXpP") || strings.Contains(clean, "inf") {
			return None, errNotLiteral
		}
		f, err := strconv.ParseFloat(clean, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return None, errNotLiteral
		}
		return Float(f), nil
	}
	if len(clean) > 1 && clean[0] == '0' && strings.Trim(clean, "0") != "" {
		return None, errNotLiteral
	}
	b, ok := new(big.Int).SetString(clean, 10)
	if !ok {
		return None, errNotLiteral
	}
	return BigInt(b), nil
}
