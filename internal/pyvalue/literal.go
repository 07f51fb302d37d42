package pyvalue

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/edxplay/edxplay/internal/odict"
)

// ErrNotLiteral means the text is not a Python literal.
var ErrNotLiteral = errors.New("not a python literal")

// LiteralOptions adapts LiteralEval to its caller.
type LiteralOptions struct {
	// JSONNames accepts true, false and null besides True, False and None
	// (like Ansible's native templating, which sees JSON text too).
	JSONNames bool
	// Key converts a non-string dict key to the map's string key;
	// JSONKey when nil.
	Key func(any) (string, error)
}

// LiteralEval evaluates the subset of Python expressions accepted by
// ast.literal_eval: numbers, strings, True/False/None, lists, tuples (as
// []any), dicts and sets (as []any). Complex numbers and bytes are not
// supported and yield ErrNotLiteral.
func LiteralEval(s string, opts LiteralOptions) (any, error) {
	if opts.Key == nil {
		opts.Key = JSONKey
	}
	p := &parser{src: []rune(s), opts: opts}
	v, err := p.exprList(true)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos < len(p.src) {
		return nil, ErrNotLiteral
	}
	return v, nil
}

type parser struct {
	src  []rune
	pos  int
	opts LiteralOptions
}

func (p *parser) peek() rune {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

// skipSpace skips blanks and a trailing comment.
func (p *parser) skipSpace() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\f', '\n', '\r':
			p.pos++
		case '#':
			for p.pos < len(p.src) && p.src[p.pos] != '\n' {
				p.pos++
			}
		default:
			return
		}
	}
}

// exprList parses "a" or "a, b, ..." (a tuple) when top is true.
func (p *parser) exprList(top bool) (any, error) {
	first, err := p.expr()
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if !top || p.peek() != ',' {
		return first, nil
	}
	items := []any{first}
	for p.peek() == ',' {
		p.pos++
		p.skipSpace()
		if p.pos >= len(p.src) {
			break
		}
		v, err := p.expr()
		if err != nil {
			return nil, err
		}
		items = append(items, v)
		p.skipSpace()
	}
	return items, nil
}

func (p *parser) expr() (any, error) {
	p.skipSpace()
	c := p.peek()
	switch {
	case c == '-' || c == '+':
		p.pos++
		p.skipSpace()
		v, err := p.number()
		if err != nil {
			return nil, err
		}
		if c == '-' {
			return negate(v), nil
		}
		return v, nil
	case c == '[':
		p.pos++
		return p.sequence(']')
	case c == '(':
		return p.parenthesized()
	case c == '{':
		p.pos++
		return p.dictOrSet()
	case c >= '0' && c <= '9' || c == '.':
		return p.number()
	case c == '\'' || c == '"':
		return p.strings()
	case unicode.IsLetter(c) || c == '_':
		return p.name()
	}
	return nil, ErrNotLiteral
}

func negate(v any) any {
	switch n := v.(type) {
	case int:
		return -n
	case float64:
		return -n
	}
	return v
}

func (p *parser) name() (any, error) {
	start := p.pos
	for p.pos < len(p.src) && (unicode.IsLetter(p.src[p.pos]) || unicode.IsDigit(p.src[p.pos]) || p.src[p.pos] == '_') {
		p.pos++
	}
	word := string(p.src[start:p.pos])
	if q := p.peek(); (q == '\'' || q == '"') && isStringPrefix(word) {
		p.pos = start
		return p.strings()
	}
	switch word {
	case "True":
		return true, nil
	case "False":
		return false, nil
	case "None":
		return nil, nil
	}
	if p.opts.JSONNames {
		switch word {
		case "true":
			return true, nil
		case "false":
			return false, nil
		case "null":
			return nil, nil
		}
	}
	return nil, ErrNotLiteral
}

func isStringPrefix(w string) bool {
	switch strings.ToLower(w) {
	case "r", "u":
		return true
	}
	return false
}

// sequence parses list items up to the closing rune.
func (p *parser) sequence(closing rune) ([]any, error) {
	items := []any{}
	for {
		p.skipSpace()
		if p.peek() == closing {
			p.pos++
			return items, nil
		}
		v, err := p.expr()
		if err != nil {
			return nil, err
		}
		items = append(items, v)
		p.skipSpace()
		switch p.peek() {
		case ',':
			p.pos++
		case closing:
		default:
			return nil, ErrNotLiteral
		}
	}
}

func (p *parser) parenthesized() (any, error) {
	p.pos++
	p.skipSpace()
	if p.peek() == ')' {
		p.pos++
		return []any{}, nil
	}
	v, err := p.expr()
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.peek() == ')' {
		p.pos++
		return v, nil
	}
	if p.peek() != ',' {
		return nil, ErrNotLiteral
	}
	p.pos++
	rest, err := p.sequence(')')
	if err != nil {
		return nil, err
	}
	return append([]any{v}, rest...), nil
}

func (p *parser) dictOrSet() (any, error) {
	p.skipSpace()
	if p.peek() == '}' {
		p.pos++
		return odict.New(0), nil
	}
	first, err := p.expr()
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.peek() != ':' {
		// A set literal: keep it as a list.
		if p.peek() == '}' {
			p.pos++
			return []any{first}, nil
		}
		if p.peek() != ',' {
			return nil, ErrNotLiteral
		}
		p.pos++
		rest, err := p.sequence('}')
		if err != nil {
			return nil, err
		}
		return append([]any{first}, rest...), nil
	}
	return p.dictRest(first)
}

func (p *parser) dictRest(key any) (any, error) {
	out := odict.New(0)
	for {
		p.pos++ // ':'
		v, err := p.expr()
		if err != nil {
			return nil, err
		}
		k, err := p.opts.Key(key)
		if err != nil {
			return nil, err
		}
		out.Set(k, v)
		p.skipSpace()
		if p.peek() == ',' {
			p.pos++
			p.skipSpace()
		}
		if p.peek() == '}' {
			p.pos++
			return out, nil
		}
		if key, err = p.expr(); err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.peek() != ':' {
			return nil, ErrNotLiteral
		}
	}
}

// number parses a Python int or float literal.
func (p *parser) number() (any, error) {
	start := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if unicode.IsLetter(c) || unicode.IsDigit(c) || c == '_' || c == '.' {
			p.pos++
			continue
		}
		if (c == '+' || c == '-') && p.pos > start && (p.src[p.pos-1] == 'e' || p.src[p.pos-1] == 'E') &&
			!strings.HasPrefix(strings.ToLower(string(p.src[start:p.pos])), "0x") {
			p.pos++
			continue
		}
		break
	}
	return pyNumber(string(p.src[start:p.pos]))
}

func pyNumber(text string) (any, error) {
	lower := strings.ToLower(text)
	if text == "" || strings.HasSuffix(lower, "j") || strings.Contains(text, "__") ||
		strings.HasSuffix(text, "_") || strings.HasPrefix(text, "_") {
		return nil, ErrNotLiteral
	}
	clean := strings.ReplaceAll(lower, "_", "")
	if len(clean) > 1 && clean[0] == '0' && strings.ContainsAny(clean[1:2], "xob") {
		base := map[byte]int{'x': 16, 'o': 8, 'b': 2}[clean[1]]
		return pyInt(clean[2:], base)
	}
	if strings.ContainsAny(clean, ".e") {
		if strings.Contains(lower, "_.") || strings.Contains(lower, "._") || strings.Contains(lower, "_e") || strings.Contains(lower, "e_") {
			return nil, ErrNotLiteral
		}
		f, err := strconv.ParseFloat(clean, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return nil, ErrNotLiteral
		}
		return f, nil
	}
	if len(clean) > 1 && clean[0] == '0' && strings.Trim(clean, "0") != "" {
		return nil, ErrNotLiteral // leading zeros are a SyntaxError
	}
	return pyInt(clean, 10)
}

func pyInt(digits string, base int) (any, error) {
	if digits == "" {
		return nil, ErrNotLiteral
	}
	n, err := strconv.ParseInt(digits, base, 64)
	if err != nil {
		// Python ints are unbounded; keep huge ones as floats rather than fail.
		if errors.Is(err, strconv.ErrRange) && base == 10 {
			f, _ := strconv.ParseFloat(digits, 64)
			if !math.IsInf(f, 0) {
				return f, nil
			}
		}
		return nil, ErrNotLiteral
	}
	return int(n), nil
}
