package pyregex

import (
	"strings"
	"unicode/utf8"
)

// atom parses one atom; it returns nil for a comment group.
func (ps *parser) atom() (*node, error) {
	c := ps.p[ps.pos]
	switch c {
	case '(':
		return ps.group()
	case '[':
		cls, err := ps.class()
		if err != nil {
			return nil, err
		}
		return ps.flagged(&node{op: opClass, cls: cls}), nil
	case '.':
		ps.pos++
		return ps.flagged(&node{op: opAny}), nil
	case '^':
		ps.pos++
		return ps.flagged(&node{op: opBol}), nil
	case '$':
		ps.pos++
		return ps.flagged(&node{op: opEol}), nil
	case '\\':
		return ps.escapeAtom()
	case '*', '+', '?':
		return nil, ps.errorf(ps.pos, "nothing to repeat")
	case '{':
		if _, _, ok, _ := (&parser{p: ps.p, pos: ps.pos}).braces(); ok {
			return nil, ps.errorf(ps.pos, "nothing to repeat")
		}
	}
	r, w := utf8.DecodeRuneInString(ps.p[ps.pos:])
	ps.pos += w
	return ps.flagged(&node{op: opLit, r: r}), nil
}

// flagged records the flags in force in n.
func (ps *parser) flagged(n *node) *node {
	n.fold = ps.flags&IgnoreCase != 0
	n.multi = ps.flags&Multiline != 0
	n.dotall = ps.flags&DotAll != 0
	return n
}

// escapeAtom parses a backslash escape outside a class.
func (ps *parser) escapeAtom() (*node, error) {
	at := ps.pos
	if at+1 >= len(ps.p) {
		return nil, ps.errorf(at, "bad escape (end of pattern)")
	}
	c := ps.p[at+1]
	switch c {
	case 'A':
		ps.pos += 2
		return &node{op: opBeginText}, nil
	case 'Z', 'z':
		ps.pos += 2
		return &node{op: opEndText}, nil
	case 'b':
		ps.pos += 2
		return &node{op: opWordB}, nil
	case 'B':
		ps.pos += 2
		return &node{op: opNoWordB}, nil
	case 'd', 'D', 'w', 'W', 's', 'S':
		ps.pos += 2
		return ps.flagged(&node{op: opClass, cls: &charClass{sets: []classSet{{kind: c}}}}), nil
	}
	if c >= '1' && c <= '9' {
		if n, ok := ps.octalOrGroup(); ok {
			return n, nil
		}
		return ps.backref(at)
	}
	r, err := ps.escapeRune(false)
	if err != nil {
		return nil, err
	}
	return ps.flagged(&node{op: opLit, r: r}), nil
}

// octalOrGroup reads a three-digit octal escape (\123) as a literal.
func (ps *parser) octalOrGroup() (*node, bool) {
	s := ps.p[ps.pos+1:]
	if len(s) >= 3 && isOctal(s[0]) && isOctal(s[1]) && isOctal(s[2]) && s[0] <= '3' {
		ps.pos += 4
		r := rune(s[0]-'0')<<6 | rune(s[1]-'0')<<3 | rune(s[2]-'0')
		return ps.flagged(&node{op: opLit, r: r}), true
	}
	return nil, false
}

func isOctal(c byte) bool { return c >= '0' && c <= '7' }

// backref parses \N (one or two digits) as a group reference.
func (ps *parser) backref(at int) (*node, error) {
	end := at + 2
	if end < len(ps.p) && ps.p[end] >= '0' && ps.p[end] <= '9' {
		end++
	}
	g := atoiCap(ps.p[at+1 : end])
	ps.pos = end
	return ps.groupRef(g, at)
}

// groupRef checks and builds a reference to group g.
func (ps *parser) groupRef(g, at int) (*node, error) {
	if g >= len(ps.groups) {
		return nil, ps.errorf(at+1, "invalid group reference %d", g)
	}
	if ps.open[g] {
		return nil, ps.errorf(at, "cannot refer to an open group")
	}
	if ps.behindFrom > 0 && g >= ps.behindFrom {
		return nil, ps.errorf(ps.pos, "cannot refer to group defined in the same lookbehind subpattern")
	}
	return ps.flagged(&node{op: opBackref, group: g}), nil
}

// escapeRune parses an escape standing for one character (\n, \x41,
// \u00e9, \0, \., ...); inClass allows \b (backspace).
func (ps *parser) escapeRune(inClass bool) (rune, error) {
	at := ps.pos
	c := ps.p[at+1]
	ps.pos += 2
	switch c {
	case 'a':
		return '\a', nil
	case 'f':
		return '\f', nil
	case 'n':
		return '\n', nil
	case 'r':
		return '\r', nil
	case 't':
		return '\t', nil
	case 'v':
		return '\v', nil
	case 'x':
		return ps.hexEscape(at, 2)
	case 'u':
		return ps.hexEscape(at, 4)
	case 'U':
		return ps.hexEscape(at, 8)
	case '0':
		r := rune(0)
		for i := 0; i < 2 && ps.pos < len(ps.p) && isOctal(ps.p[ps.pos]); i++ {
			r = r<<3 | rune(ps.p[ps.pos]-'0')
			ps.pos++
		}
		return r, nil
	case 'b':
		if inClass {
			return '\b', nil
		}
	}
	if c < utf8.RuneSelf && (isASCIILetter(c) || c >= '0' && c <= '9') {
		return 0, ps.errorf(at, "bad escape \\%c", c)
	}
	r, w := utf8.DecodeRuneInString(ps.p[at+1:])
	ps.pos = at + 1 + w
	return r, nil
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// hexEscape reads n hex digits after \x, \u or \U.
func (ps *parser) hexEscape(at, n int) (rune, error) {
	if ps.pos+n > len(ps.p) {
		return 0, ps.errorf(at, "incomplete escape %s", ps.p[at:])
	}
	r := rune(0)
	for _, h := range []byte(ps.p[ps.pos : ps.pos+n]) {
		d := strings.IndexByte("0123456789abcdef", h|0x20)
		if d < 0 || h >= utf8.RuneSelf {
			return 0, ps.errorf(at, "incomplete escape %s", ps.p[at:ps.pos+n])
		}
		r = r<<4 | rune(d)
	}
	ps.pos += n
	if r > utf8.MaxRune {
		return 0, ps.errorf(at, "bad escape %s", ps.p[at:ps.pos])
	}
	return r, nil
}
