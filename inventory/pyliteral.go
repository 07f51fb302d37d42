package inventory

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/edxplay/edxplay/keyorder"
)

// errNotLiteral means the text is not a Python literal; ansible then keeps
// the raw string.
var errNotLiteral = errors.New("not a python literal")

// parseINIValue mirrors the ini plugin's _parse_value: ast.literal_eval when
// it succeeds, else the string unchanged.
func parseINIValue(s string) any {
	v, err := pyLiteralEval(s)
	if err != nil {
		return s
	}
	return v
}

// pyLiteralEval evaluates the subset of Python expressions accepted by
// ast.literal_eval: numbers, strings, True/False/None, lists, tuples (as
// lists), dicts and sets (as lists). Complex numbers and bytes are not
// supported and yield errNotLiteral.
func pyLiteralEval(s string) (any, error) {
	p := &pyParser{src: []rune(strings.TrimLeft(s, " \t"))}
	v, err := p.exprList(true)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos < len(p.src) {
		return nil, errNotLiteral
	}
	return v, nil
}

type pyParser struct {
	src []rune
	pos int
}

func (p *pyParser) peek() rune {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

// skipSpace skips blanks and a trailing comment.
func (p *pyParser) skipSpace() {
	for p.pos < len(p.src) {
		switch c := p.src[p.pos]; {
		case c == ' ' || c == '\t' || c == '\f':
			p.pos++
		case c == '#':
			p.pos = len(p.src)
		default:
			return
		}
	}
}

// exprList parses "a" or "a, b, ..." (a tuple) when top is true.
func (p *pyParser) exprList(top bool) (any, error) {
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

func (p *pyParser) expr() (any, error) {
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
	return nil, errNotLiteral
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

func (p *pyParser) name() (any, error) {
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
	return nil, errNotLiteral
}

func isStringPrefix(w string) bool {
	switch strings.ToLower(w) {
	case "r", "u":
		return true
	}
	return false
}

// sequence parses list items up to the closing rune.
func (p *pyParser) sequence(closing rune) ([]any, error) {
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
			return nil, errNotLiteral
		}
	}
}

func (p *pyParser) parenthesized() (any, error) {
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
		return nil, errNotLiteral
	}
	p.pos++
	rest, err := p.sequence(')')
	if err != nil {
		return nil, err
	}
	return append([]any{v}, rest...), nil
}

func (p *pyParser) dictOrSet() (any, error) {
	p.skipSpace()
	if p.peek() == '}' {
		p.pos++
		return map[string]any{}, nil
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
			return nil, errNotLiteral
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

func (p *pyParser) dictRest(key any) (any, error) {
	out := map[string]any{}
	var keys []string
	for {
		p.pos++ // ':'
		v, err := p.expr()
		if err != nil {
			return nil, err
		}
		k, err := pyKeyString(key)
		if err != nil {
			return nil, err
		}
		out[k] = v
		keys = append(keys, k)
		p.skipSpace()
		if p.peek() == ',' {
			p.pos++
			p.skipSpace()
		}
		if p.peek() == '}' {
			p.pos++
			keyorder.Record(out, keys)
			return out, nil
		}
		if key, err = p.expr(); err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.peek() != ':' {
			return nil, errNotLiteral
		}
	}
}

// pyKeyString converts a hashable Python key the way json.dumps does.
func pyKeyString(k any) (string, error) {
	switch v := k.(type) {
	case string:
		return v, nil
	case []any, map[string]any:
		return "", errNotLiteral
	}
	return jsonScalar(k), nil
}

// number parses a Python int or float literal.
func (p *pyParser) number() (any, error) {
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
		return nil, errNotLiteral
	}
	clean := strings.ReplaceAll(lower, "_", "")
	if len(clean) > 1 && clean[0] == '0' && strings.ContainsAny(clean[1:2], "xob") {
		base := map[byte]int{'x': 16, 'o': 8, 'b': 2}[clean[1]]
		return pyInt(clean[2:], base)
	}
	if strings.ContainsAny(clean, ".e") {
		if strings.Contains(lower, "_.") || strings.Contains(lower, "._") || strings.Contains(lower, "_e") || strings.Contains(lower, "e_") {
			return nil, errNotLiteral
		}
		f, err := strconv.ParseFloat(clean, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return nil, errNotLiteral
		}
		return f, nil
	}
	if len(clean) > 1 && clean[0] == '0' && strings.Trim(clean, "0") != "" {
		return nil, errNotLiteral // leading zeros are a SyntaxError
	}
	return pyInt(clean, 10)
}

func pyInt(digits string, base int) (any, error) {
	if digits == "" {
		return nil, errNotLiteral
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
		return nil, errNotLiteral
	}
	return int(n), nil
}
