package pyregex

import (
	"unicode"
	"unicode/utf8"
)

// charClass is a Python character set: ranges and \d \w \s style sets,
// possibly negated.
type charClass struct {
	ranges []rune // pairs lo, hi
	sets   []classSet
	neg    bool
}

// classSet is one of \d \D \w \W \s \S.
type classSet struct{ kind byte }

// has reports whether r is in the class (before folding).
func (c *charClass) has(r rune) bool { return c.hasPos(r) != c.neg }

// hasPos reports whether r is in the class's ranges or sets, ignoring
// negation.
func (c *charClass) hasPos(r rune) bool {
	in := false
	for i := 0; i+1 < len(c.ranges) && !in; i += 2 {
		in = c.ranges[i] <= r && r <= c.ranges[i+1]
	}
	for _, s := range c.sets {
		if in {
			break
		}
		in = s.has(r)
	}
	return in
}

// matches reports whether r is in the class, trying r's case variants
// when fold is set (Python's IGNORECASE).
func (c *charClass) matches(r rune, fold bool) bool {
	if !fold {
		return c.has(r)
	}
	in := c.hasPos(r)
	for f := unicode.SimpleFold(r); f != r && !in; f = unicode.SimpleFold(f) {
		in = c.hasPos(f)
	}
	return in != c.neg
}

func (s classSet) has(r rune) bool {
	switch s.kind {
	case 'd':
		return isPyDigit(r)
	case 'D':
		return !isPyDigit(r)
	case 'w':
		return isPyWord(r)
	case 'W':
		return !isPyWord(r)
	case 's':
		return isPySpace(r)
	case 'S':
		return !isPySpace(r)
	}
	return false
}

// isPyDigit is Python 3's \d: str.isdecimal.
func isPyDigit(r rune) bool { return unicode.Is(unicode.Nd, r) }

// isPyWord is Python 3's \w: str.isalnum or '_'.
func isPyWord(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) }

// isPySpace is Python 3's \s: str.isspace.
func isPySpace(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Z, r) || (r >= 0x1c && r <= 0x1f)
}

// class parses a [...] set at ps.pos.
func (ps *parser) class() (*charClass, error) {
	at := ps.pos
	ps.pos++
	cls := &charClass{}
	if ps.pos < len(ps.p) && ps.p[ps.pos] == '^' {
		cls.neg = true
		ps.pos++
	}
	first := true
	for {
		if ps.pos >= len(ps.p) {
			return nil, ps.errorf(at, "unterminated character set")
		}
		if ps.p[ps.pos] == ']' && !first {
			ps.pos++
			return cls, nil
		}
		first = false
		if err := ps.classItem(cls); err != nil {
			return nil, err
		}
	}
}

// classItem parses one character, range or \d-style set of a class.
func (ps *parser) classItem(cls *charClass) error {
	start := ps.pos
	lo, set, err := ps.classChar()
	if err != nil {
		return err
	}
	if set != 0 {
		if ps.isRangeDash() {
			return ps.errorf(start, "bad character range %s", ps.p[start:ps.pos+2])
		}
		cls.sets = append(cls.sets, classSet{kind: set})
		return nil
	}
	if !ps.isRangeDash() {
		cls.ranges = append(cls.ranges, lo, lo)
		return nil
	}
	ps.pos++
	hi, set, err := ps.classChar()
	if err != nil {
		return err
	}
	if set != 0 || hi < lo {
		return ps.errorf(start, "bad character range %s", ps.p[start:ps.pos])
	}
	cls.ranges = append(cls.ranges, lo, hi)
	return nil
}

// isRangeDash reports whether a '-' at ps.pos makes a range (it does
// unless it is last in the class).
func (ps *parser) isRangeDash() bool {
	return ps.pos+1 < len(ps.p) && ps.p[ps.pos] == '-' && ps.p[ps.pos+1] != ']'
}

// classChar reads one class character, or a \d \w \s set (returned as
// its letter).
func (ps *parser) classChar() (rune, byte, error) {
	if ps.p[ps.pos] != '\\' {
		r, w := utf8.DecodeRuneInString(ps.p[ps.pos:])
		ps.pos += w
		return r, 0, nil
	}
	if ps.pos+1 >= len(ps.p) {
		return 0, 0, ps.errorf(ps.pos, "bad escape (end of pattern)")
	}
	switch c := ps.p[ps.pos+1]; c {
	case 'd', 'D', 'w', 'W', 's', 'S':
		ps.pos += 2
		return 0, c, nil
	}
	if c := ps.p[ps.pos+1]; c >= '1' && c <= '7' {
		return ps.classOctal()
	}
	r, err := ps.escapeRune(true)
	return r, 0, err
}

// classOctal reads \1 to \377 inside a class (octal, not a group).
func (ps *parser) classOctal() (rune, byte, error) {
	at := ps.pos
	ps.pos++
	r := rune(0)
	for i := 0; i < 3 && ps.pos < len(ps.p) && isOctal(ps.p[ps.pos]); i++ {
		r = r<<3 | rune(ps.p[ps.pos]-'0')
		ps.pos++
	}
	if r > 0o377 {
		return 0, 0, ps.errorf(at, "octal escape value %s outside of range 0-0o377", ps.p[at:ps.pos])
	}
	return r, 0, nil
}
