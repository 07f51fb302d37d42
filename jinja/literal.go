package jinja

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/edxplay/edxplay/keyorder"
)

// errNotLiteral is returned when text is not a Python literal.
var errNotLiteral = errors.New("not a python literal")

// literalEval parses a Python literal (as ast.literal_eval does, with the
// JSON names true/false/null accepted like Ansible's Json2Python).
func literalEval(s string) (any, error) {
	p := &litParser{src: s}
	p.skipSpace()
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos != len(p.src) {
		return nil, errNotLiteral
	}
	return v, nil
}

type litParser struct {
	src string
	pos int
}

func (p *litParser) skipSpace() {
	for p.pos < len(p.src) && strings.ContainsRune(" \t\n\r", rune(p.src[p.pos])) {
		p.pos++
	}
}

func (p *litParser) peek() byte {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

func (p *litParser) value() (any, error) {
	switch c := p.peek(); {
	case c == '[':
		items, err := p.sequence('[', ']')
		return items, err
	case c == '(':
		items, err := p.sequence('(', ')')
		return items, err
	case c == '{':
		return p.dict()
	case c == '\'' || c == '"':
		return p.str()
	case c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'):
		return p.number()
	case c >= 'A' && c <= 'z':
		return p.name()
	}
	return nil, errNotLiteral
}

func (p *litParser) sequence(open, closing byte) ([]any, error) {
	p.pos++
	out := []any{}
	for {
		p.skipSpace()
		if p.peek() == closing {
			p.pos++
			return out, nil
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
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

func (p *litParser) dict() (map[string]any, error) {
	p.pos++
	out := map[string]any{}
	var keys []string
	for {
		p.skipSpace()
		if p.peek() == '}' {
			p.pos++
			keyorder.Record(out, keys)
			return out, nil
		}
		k, err := p.value()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.peek() != ':' {
			return nil, errNotLiteral
		}
		p.pos++
		p.skipSpace()
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		out[keyString(k)] = v
		keys = append(keys, keyString(k))
		p.skipSpace()
		switch p.peek() {
		case ',':
			p.pos++
		case '}':
		default:
			return nil, errNotLiteral
		}
	}
}

func (p *litParser) name() (any, error) {
	start := p.pos
	for p.pos < len(p.src) && (isIdent(p.src[p.pos])) {
		p.pos++
	}
	switch p.src[start:p.pos] {
	case "True", "true":
		return true, nil
	case "False", "false":
		return false, nil
	case "None", "null":
		return nil, nil
	}
	return nil, errNotLiteral
}

func isIdent(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

func (p *litParser) number() (any, error) {
	start := p.pos
	if c := p.peek(); c == '-' || c == '+' {
		p.pos++
	}
	for p.pos < len(p.src) && strings.ContainsRune("0123456789.eE_xXabcdefABCDEF+-oO", rune(p.src[p.pos])) {
		if (p.src[p.pos] == '+' || p.src[p.pos] == '-') && !strings.ContainsRune("eE", rune(p.src[p.pos-1])) {
			break
		}
		p.pos++
	}
	text := strings.ReplaceAll(p.src[start:p.pos], "_", "")
	if i, err := strconv.ParseInt(text, 0, 64); err == nil {
		return int(i), nil
	}
	if f, err := strconv.ParseFloat(text, 64); err == nil && !strings.ContainsAny(text, "xX") {
		return f, nil
	}
	return nil, errNotLiteral
}

// str parses a Python string literal with its escapes.
func (p *litParser) str() (string, error) {
	quote := p.src[p.pos]
	p.pos++
	var b strings.Builder
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == quote:
			p.pos++
			return b.String(), nil
		case c == '\\' && p.pos+1 < len(p.src):
			if err := p.escape(&b); err != nil {
				return "", err
			}
		default:
			r, size := utf8.DecodeRuneInString(p.src[p.pos:])
			b.WriteRune(r)
			p.pos += size
		}
	}
	return "", errNotLiteral
}

func (p *litParser) escape(b *strings.Builder) error {
	c := p.src[p.pos+1]
	p.pos += 2
	simple := map[byte]string{'n': "\n", 't': "\t", 'r': "\r", '\\': "\\", '\'': "'", '"': "\"", '0': "\x00", 'a': "\a", 'b': "\b", 'f': "\f", 'v': "\v", '\n': ""}
	if s, ok := simple[c]; ok {
		b.WriteString(s)
		return nil
	}
	width := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
	if width == 0 {
		b.WriteByte('\\')
		b.WriteByte(c)
		return nil
	}
	if p.pos+width > len(p.src) {
		return errNotLiteral
	}
	n, err := strconv.ParseUint(p.src[p.pos:p.pos+width], 16, 32)
	if err != nil {
		return fmt.Errorf("bad escape: %w", err)
	}
	b.WriteRune(rune(n))
	p.pos += width
	return nil
}

// escapeBackslashes doubles backslashes in string literals inside {{ }}, as
// Ansible does for templates coming from playbooks (not template files).
func escapeBackslashes(s string) string {
	if !strings.Contains(s, "\\") || !strings.Contains(s, "{{") {
		return s
	}
	var b strings.Builder
	inVar := false
	for i := 0; i < len(s); i++ {
		switch {
		case !inVar && strings.HasPrefix(s[i:], "{{"):
			inVar = true
			b.WriteString("{{")
			i++
		case inVar && strings.HasPrefix(s[i:], "}}"):
			inVar = false
			b.WriteString("}}")
			i++
		case inVar && (s[i] == '\'' || s[i] == '"'):
			end := stringLiteralEnd(s, i)
			b.WriteString(strings.ReplaceAll(s[i:end], "\\", "\\\\"))
			i = end - 1
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// stringLiteralEnd returns the index just past the string literal at i.
func stringLiteralEnd(s string, i int) int {
	quote := s[i]
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case quote:
			return j + 1
		}
	}
	return len(s)
}

// protectBackslashes rewrites `\\` inside string literals of {{ }} and
// {% %} tags as `\x5c` (decoded to a backslash like every Python escape):
// gonja's lexer would otherwise take the quote after `\\` as escaped.
func protectBackslashes(s string) string {
	if !strings.Contains(s, `\\`) {
		return s
	}
	var b strings.Builder
	inTag := false
	for i := 0; i < len(s); i++ {
		switch {
		case !inTag && (strings.HasPrefix(s[i:], "{{") || strings.HasPrefix(s[i:], "{%")):
			inTag = true
			b.WriteString(s[i : i+2])
			i++
		case inTag && (strings.HasPrefix(s[i:], "}}") || strings.HasPrefix(s[i:], "%}")):
			inTag = false
			b.WriteString(s[i : i+2])
			i++
		case inTag && (s[i] == '\'' || s[i] == '"'):
			end := stringLiteralEnd(s, i)
			b.WriteString(strings.ReplaceAll(s[i:end], `\\`, `\x5c`))
			i = end - 1
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
