package pyregex

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// group parses a parenthesised construct starting at '('.
func (ps *parser) group() (*node, error) {
	at := ps.pos
	rest := ps.p[at:]
	switch {
	case !strings.HasPrefix(rest, "(?"):
		ps.pos++
		return ps.capture(at, "")
	case strings.HasPrefix(rest, "(?:"):
		ps.pos += 3
		return ps.body(at)
	case strings.HasPrefix(rest, "(?P<"):
		name, err := ps.groupName(at+4, '>')
		if err != nil {
			return nil, err
		}
		return ps.capture(at, name)
	case strings.HasPrefix(rest, "(?P="):
		name, err := ps.groupName(at+4, ')')
		if err != nil {
			return nil, err
		}
		g, ok := ps.names[name]
		if !ok {
			return nil, ps.errorf(at+4, "unknown group name '%s'", name)
		}
		return ps.groupRef(g, at)
	case strings.HasPrefix(rest, "(?#"):
		end := strings.IndexByte(rest, ')')
		if end < 0 {
			return nil, ps.errorf(at, "missing ), unterminated comment")
		}
		ps.pos += end + 1
		return nil, nil
	case strings.HasPrefix(rest, "(?="), strings.HasPrefix(rest, "(?!"):
		ps.pos += 3
		return ps.look(at, rest[2] == '!', false)
	case strings.HasPrefix(rest, "(?<="), strings.HasPrefix(rest, "(?<!"):
		ps.pos += 4
		return ps.look(at, rest[3] == '!', true)
	case strings.HasPrefix(rest, "(?>"):
		ps.pos += 3
		sub, err := ps.body(at)
		if err != nil {
			return nil, err
		}
		return &node{op: opAtomic, subs: []*node{sub}}, nil
	case strings.HasPrefix(rest, "(?("):
		return ps.conditional(at)
	}
	return ps.scopedFlags(at)
}

// body parses alternatives up to the closing ')'.
func (ps *parser) body(at int) (*node, error) {
	n, err := ps.alt()
	if err != nil {
		return nil, err
	}
	if ps.pos >= len(ps.p) || ps.p[ps.pos] != ')' {
		return nil, ps.errorf(at, "missing ), unterminated subpattern")
	}
	ps.pos++
	return n, nil
}

// capture parses a capturing group's body (ps.pos after its opening).
func (ps *parser) capture(at int, name string) (*node, error) {
	g := len(ps.groups)
	n := &node{op: opCapture, group: g}
	ps.groups = append(ps.groups, n)
	if name != "" {
		if _, dup := ps.names[name]; dup {
			return nil, ps.errorf(at+4, "redefinition of group name '%s' as group %d; was group %d", name, g, ps.names[name])
		}
		ps.names[name] = g
	}
	ps.open[g] = true
	sub, err := ps.body(at)
	if err != nil {
		return nil, err
	}
	delete(ps.open, g)
	n.subs = []*node{sub}
	return n, nil
}

// groupName reads an identifier ending with term at from.
func (ps *parser) groupName(from int, term byte) (string, error) {
	end := strings.IndexByte(ps.p[from:], term)
	if end < 0 {
		return "", ps.errorf(from, "missing %c, unterminated name", term)
	}
	name := ps.p[from : from+end]
	if name == "" {
		return "", ps.errorf(from, "missing group name")
	}
	if !isIdentifier(name) {
		return "", ps.errorf(from, "bad character in group name '%s'", name)
	}
	ps.pos = from + end + 1
	return name, nil
}

func isIdentifier(s string) bool {
	for i, r := range s {
		if r == '_' || unicode.IsLetter(r) || (i > 0 && (unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))) {
			continue
		}
		return false
	}
	return utf8.ValidString(s)
}

// look parses a lookahead or lookbehind body; a lookbehind must have a
// fixed width, which is recorded.
func (ps *parser) look(at int, neg, behind bool) (*node, error) {
	if behind {
		saved := ps.behindFrom
		ps.behindFrom = len(ps.groups)
		defer func() { ps.behindFrom = saved }()
	}
	sub, err := ps.body(at)
	if err != nil {
		return nil, err
	}
	n := &node{op: opLook, subs: []*node{sub}, neg: neg, behind: behind}
	if behind {
		lo, hi := ps.widthOf(sub)
		if lo != hi {
			return nil, errors.New("look-behind requires fixed-width pattern")
		}
		n.width = lo
	}
	return n, nil
}

// conditional parses (?(group)yes|no).
func (ps *parser) conditional(at int) (*node, error) {
	end := strings.IndexByte(ps.p[at+3:], ')')
	if end < 0 {
		return nil, ps.errorf(at+3, "missing ), unterminated name")
	}
	ref := ps.p[at+3 : at+3+end]
	g, ok := ps.names[ref]
	if !ok {
		if isIdentifier(ref) && ref != "" {
			return nil, ps.errorf(at+3, "unknown group name '%s'", ref)
		}
		if ref == "" || !allDigits(ref) {
			return nil, ps.errorf(at+3, "bad character in group name '%s'", ref)
		}
		if g = atoiCap(ref); g == 0 || g >= len(ps.groups) {
			return nil, ps.errorf(at+3, "invalid group reference %s", ref)
		}
	}
	ps.pos = at + 3 + end + 1
	body, err := ps.body(at)
	if err != nil {
		return nil, err
	}
	yes, no := body, &node{op: opEmpty}
	if body.op == opAlt {
		if len(body.subs) > 2 {
			return nil, ps.errorf(at, "conditional backref with more than two branches")
		}
		yes, no = body.subs[0], body.subs[1]
	}
	return &node{op: opCond, group: g, subs: []*node{yes, no}}, nil
}

// scopedFlags parses (?i:...) and (?-i:...); global flags anywhere but
// the start are Python 3.11's error.
func (ps *parser) scopedFlags(at int) (*node, error) {
	i := at + 2
	for i < len(ps.p) && strings.IndexByte("aiLmsux-", ps.p[i]) >= 0 {
		i++
	}
	switch {
	case i >= len(ps.p) && i > at+2:
		return nil, ps.errorf(i, "missing -, : or )")
	case i >= len(ps.p) || (ps.p[i] == '<' && i+1 >= len(ps.p)):
		return nil, ps.errorf(len(ps.p), "unexpected end of pattern")
	case i == at+2:
		_, w := utf8.DecodeRuneInString(ps.p[i:])
		if ps.p[i] == '<' {
			_, w2 := utf8.DecodeRuneInString(ps.p[i+1:])
			w += w2
		}
		return nil, ps.errorf(at+1, "unknown extension ?%s", ps.p[i:i+w])
	}
	letters := ps.p[at+2 : i]
	if ps.p[i] == ')' {
		return nil, ps.errorf(at, "global flags not at the start of the expression")
	}
	if ps.p[i] != ':' {
		return nil, ps.errorf(i, "missing -, : or )")
	}
	on, off, _ := strings.Cut(letters, "-")
	add, err := ps.flagLetters(on, at+2)
	if err != nil {
		return nil, err
	}
	del, err := ps.flagLetters(off, at+2)
	if err != nil {
		return nil, err
	}
	saved := ps.flags
	ps.flags = (ps.flags | add) &^ del
	ps.pos = i + 1
	n, err := ps.body(at)
	ps.flags = saved
	return n, err
}

// widthOf is the least and greatest number of characters n matches
// (hi -1 when unbounded).
func (ps *parser) widthOf(n *node) (int, int) {
	switch n.op {
	case opLit, opClass, opAny:
		return 1, 1
	case opConcat:
		lo, hi := 0, 0
		for _, s := range n.subs {
			l, h := ps.widthOf(s)
			lo, hi = lo+l, addWidth(hi, h)
		}
		return lo, hi
	case opAlt, opCond:
		lo, hi := ps.widthOf(n.subs[0])
		for _, s := range n.subs[1:] {
			l, h := ps.widthOf(s)
			lo = min(lo, l)
			if hi >= 0 && (h < 0 || h > hi) {
				hi = h
			}
		}
		return lo, hi
	case opRepeat:
		l, h := ps.widthOf(n.subs[0])
		return mulWidth(l, n.min), mulWidth(h, n.max)
	case opCapture, opAtomic:
		return ps.widthOf(n.subs[0])
	case opBackref:
		return ps.widthOf(ps.groups[n.group])
	}
	return 0, 0
}

func addWidth(a, b int) int {
	if a < 0 || b < 0 {
		return -1
	}
	return a + b
}

func mulWidth(w, k int) int {
	if w < 0 || k < 0 {
		if w == 0 || k == 0 {
			return 0
		}
		return -1
	}
	if w != 0 && k > (1<<40)/w {
		return -1
	}
	return w * k
}
