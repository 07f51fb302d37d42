package pyvalue

import (
	"strconv"
	"strings"
	"unicode"
)

// strings parses one or more adjacent Python string literals ("a" 'b'),
// concatenating them like the Python tokenizer.
func (p *parser) strings() (any, error) {
	var out strings.Builder
	parsed := false
	for {
		p.skipSpace()
		raw := false
		start := p.pos
		for p.pos < len(p.src) && unicode.IsLetter(p.src[p.pos]) {
			p.pos++
		}
		prefix := strings.ToLower(string(p.src[start:p.pos]))
		switch prefix {
		case "":
		case "u":
		case "r":
			raw = true
		default:
			if parsed {
				p.pos = start
				return out.String(), nil
			}
			return nil, ErrNotLiteral
		}
		q := p.peek()
		if q != '\'' && q != '"' {
			if parsed {
				p.pos = start
				return out.String(), nil
			}
			return nil, ErrNotLiteral
		}
		s, err := p.stringBody(q, raw)
		if err != nil {
			return nil, err
		}
		out.WriteString(s)
		parsed = true
	}
}

// stringBody reads a quoted (or triple-quoted) literal starting at the quote.
func (p *parser) stringBody(q rune, raw bool) (string, error) {
	triple := p.pos+2 < len(p.src) && p.src[p.pos+1] == q && p.src[p.pos+2] == q
	if triple {
		p.pos += 3
	} else {
		p.pos++
	}
	var body []rune
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c == '\\' && p.pos+1 < len(p.src) {
			body = append(body, c, p.src[p.pos+1])
			p.pos += 2
			continue
		}
		if c == q {
			if !triple {
				p.pos++
				return decodePyEscapes(body, raw)
			}
			if p.pos+2 < len(p.src) && p.src[p.pos+1] == q && p.src[p.pos+2] == q {
				p.pos += 3
				return decodePyEscapes(body, raw)
			}
		}
		if c == '\n' && !triple {
			return "", ErrNotLiteral
		}
		body = append(body, c)
		p.pos++
	}
	return "", ErrNotLiteral
}

// decodePyEscapes interprets backslash escapes of a non-raw str literal.
func decodePyEscapes(body []rune, raw bool) (string, error) {
	if raw {
		return string(body), nil
	}
	var out strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' || i+1 >= len(body) {
			out.WriteRune(c)
			continue
		}
		i++
		n, consumed, ok := pyEscape(body[i:])
		if !ok {
			return "", ErrNotLiteral
		}
		out.WriteString(n)
		i += consumed - 1
	}
	return out.String(), nil
}

var simpleEscapes = map[rune]string{
	'\\': "\\", '\'': "'", '"': "\"", 'a': "\a", 'b': "\b", 'f': "\f",
	'n': "\n", 'r': "\r", 't': "\t", 'v': "\v", '\n': "",
}

// pyEscape decodes the escape whose first rune (after the backslash) is
// s[0]; it returns the text, the runes consumed and whether it was valid.
func pyEscape(s []rune) (string, int, bool) {
	if v, ok := simpleEscapes[s[0]]; ok {
		return v, 1, true
	}
	switch s[0] {
	case 'x':
		return hexEscape(s, 2)
	case 'u':
		return hexEscape(s, 4)
	case 'U':
		return hexEscape(s, 8)
	case 'N':
		return "", 0, false
	}
	if s[0] >= '0' && s[0] <= '7' {
		n := 0
		for n < 3 && n < len(s) && s[n] >= '0' && s[n] <= '7' {
			n++
		}
		v, _ := strconv.ParseInt(string(s[:n]), 8, 32)
		return string(rune(v)), n, true
	}
	// Unknown escapes keep the backslash.
	return "\\" + string(s[0]), 1, true
}

func hexEscape(s []rune, digits int) (string, int, bool) {
	if len(s) < digits+1 {
		return "", 0, false
	}
	v, err := strconv.ParseUint(string(s[1:digits+1]), 16, 32)
	if err != nil || v > unicode.MaxRune {
		return "", 0, false
	}
	return string(rune(v)), digits + 1, true
}
