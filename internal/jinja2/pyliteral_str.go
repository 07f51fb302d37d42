package jinja2

import "strings"

// strings parses one or more adjacent Python string literals.
func (p *litParser) strings() (Value, error) {
	var b strings.Builder
	n := 0
	for {
		c := p.peek()
		start := p.i
		j := p.i
		for j < len(p.s) && j-start < 2 && strings.IndexByte("rRuUbBfF", p.s[j]) >= 0 {
			j++
		}
		if j >= len(p.s) || (p.s[j] != '\'' && p.s[j] != '"') {
			if n == 0 {
				return None, errNotLiteral
			}
			return Str(b.String()), nil
		}
		prefix := strings.ToLower(p.s[start:j])
		if strings.ContainsAny(prefix, "bf") || (len(prefix) == 2 && prefix != "ur" && prefix != "ru") || prefix == "ur" || prefix == "ru" {
			return None, errNotLiteral
		}
		_ = c
		p.i = j
		s, err := p.quoted(strings.Contains(prefix, "r"))
		if err != nil {
			return None, err
		}
		b.WriteString(s)
		n++
	}
}

func (p *litParser) quoted(raw bool) (string, error) {
	q := p.s[p.i : p.i+1]
	if strings.HasPrefix(p.s[p.i:], q+q+q) {
		q = q + q + q
	}
	p.i += len(q)
	start := p.i
	for p.i < len(p.s) {
		if p.s[p.i] == '\\' {
			p.i += 2
			continue
		}
		if len(q) == 1 && p.s[p.i] == '\n' {
			return "", errNotLiteral
		}
		if strings.HasPrefix(p.s[p.i:], q) {
			body := p.s[start:p.i]
			p.i += len(q)
			if raw {
				return body, nil
			}
			return unescapePython(body)
		}
		p.i++
	}
	return "", errNotLiteral
}

// unescapePython decodes a Python (non-raw) string literal body.
func unescapePython(s string) (string, error) {
	s = strings.ReplaceAll(s, "\\\n", "")
	out, err := unescape(s)
	if err != nil {
		return "", errNotLiteral
	}
	return out, nil
}
