package pyregex

import (
	"fmt"
	"strings"
)

// op is the kind of a node of a parsed Python pattern.
type op int

const (
	opEmpty op = iota
	opLit
	opClass
	opAny
	opBol
	opEol
	opBeginText
	opEndText
	opWordB
	opNoWordB
	opConcat
	opAlt
	opRepeat
	opCapture
	opLook
	opBackref
	opAtomic
	opCond
)

// node is one element of a parsed pattern; the flags in force where it
// was written (case folding, MULTILINE, DOTALL) are resolved into it.
type node struct {
	op       op
	r        rune
	cls      *charClass
	subs     []*node
	min, max int // repeat bounds, max -1 for no bound
	greedy   bool
	group    int // capture, backreference or condition group
	neg      bool
	behind   bool
	width    int // characters a lookbehind steps back
	fold     bool
	multi    bool
	dotall   bool
}

// verbose is re.VERBOSE, set inline with (?x): whitespace and # comments
// outside classes are ignored.
const verbose Flag = 1 << 8

// skipVerbose skips the whitespace and comments of a verbose pattern.
func (ps *parser) skipVerbose() {
	for ps.flags&verbose != 0 && ps.pos < len(ps.p) {
		switch c := ps.p[ps.pos]; {
		case strings.IndexByte(" \t\n\r\v\f", c) >= 0:
			ps.pos++
		case c == '#':
			if nl := strings.IndexByte(ps.p[ps.pos:], '\n'); nl >= 0 {
				ps.pos += nl + 1
			} else {
				ps.pos = len(ps.p)
			}
		default:
			return
		}
	}
}

// maxRepeat is Python's MAXREPEAT - 1, the largest {m,n} bound.
const maxRepeat = 4294967294

// parser reads a Python pattern into nodes, with Python's errors.
type parser struct {
	p      string
	pos    int
	flags  Flag
	groups []*node // capture nodes by index (0 unused)
	names  map[string]int
	open   map[int]bool
	// behindFrom is the first group of the lookbehind being parsed (0
	// outside any).
	behindFrom int
}

// errorf is Python's re.error wording with the position.
func (ps *parser) errorf(pos int, format string, a ...any) error {
	return fmt.Errorf("%s at position %d", fmt.Sprintf(format, a...), pos)
}

// parsePython parses a whole pattern.
func parsePython(pattern string, flags Flag) (*node, *parser, error) {
	ps := &parser{p: pattern, flags: flags, groups: []*node{nil}, names: map[string]int{}, open: map[int]bool{}}
	if err := ps.globalFlags(); err != nil {
		return nil, nil, err
	}
	n, err := ps.alt()
	if err != nil {
		return nil, nil, err
	}
	if ps.pos < len(ps.p) {
		return nil, nil, ps.errorf(ps.pos, "unbalanced parenthesis")
	}
	return n, ps, nil
}

// globalFlags reads the leading (?aiLmsux) groups.
func (ps *parser) globalFlags() error {
	for strings.HasPrefix(ps.p[ps.pos:], "(?") {
		end := ps.pos + 2
		for end < len(ps.p) && strings.IndexByte("aiLmsux", ps.p[end]) >= 0 {
			end++
		}
		if end == ps.pos+2 || end >= len(ps.p) || ps.p[end] != ')' {
			return nil
		}
		f, err := ps.flagLetters(ps.p[ps.pos+2:end], ps.pos+2)
		if err != nil {
			return err
		}
		ps.flags |= f
		ps.pos = end + 1
	}
	return nil
}

// flagLetters converts inline flag letters; locale is
// refused.
func (ps *parser) flagLetters(s string, at int) (Flag, error) {
	var f Flag
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'i':
			f |= IgnoreCase
		case 'm':
			f |= Multiline
		case 's':
			f |= DotAll
		case 'a', 'u':
		case 'x':
			f |= verbose
		case 'L':
			return 0, ps.errorf(at+i, "bad inline flags: cannot use 'L' flag with a str pattern")
		default:
			return 0, ps.errorf(at+i, "unknown flag")
		}
	}
	return f, nil
}

// alt parses alternatives up to a ')' or the end.
func (ps *parser) alt() (*node, error) {
	var alts []*node
	for {
		c, err := ps.concat()
		if err != nil {
			return nil, err
		}
		alts = append(alts, c)
		if ps.pos >= len(ps.p) || ps.p[ps.pos] != '|' {
			break
		}
		ps.pos++
	}
	if len(alts) == 1 {
		return alts[0], nil
	}
	return &node{op: opAlt, subs: alts}, nil
}

// concat parses a sequence of quantified atoms.
func (ps *parser) concat() (*node, error) {
	seq := &node{op: opConcat}
	for ps.skipVerbose(); ps.pos < len(ps.p) && ps.p[ps.pos] != '|' && ps.p[ps.pos] != ')'; ps.skipVerbose() {
		atom, err := ps.atom()
		if err != nil {
			return nil, err
		}
		if atom == nil {
			continue
		}
		if atom, err = ps.quantifiers(atom); err != nil {
			return nil, err
		}
		seq.subs = append(seq.subs, atom)
	}
	if len(seq.subs) == 1 {
		return seq.subs[0], nil
	}
	return seq, nil
}

// quantifiers applies the * + ? {m,n} (lazy ?, possessive +) after atom.
func (ps *parser) quantifiers(atom *node) (*node, error) {
	repeated := false
	for ps.skipVerbose(); ps.pos < len(ps.p); ps.skipVerbose() {
		at := ps.pos
		min, max, ok, err := ps.quantifier()
		if err != nil {
			return nil, err
		}
		if !ok {
			return atom, nil
		}
		if repeated {
			return nil, ps.errorf(at, "multiple repeat")
		}
		if atom.op == opEmpty || isAssertion(atom.op) {
			return nil, ps.errorf(at, "nothing to repeat")
		}
		repeated = true
		rep := &node{op: opRepeat, subs: []*node{atom}, min: min, max: max, greedy: true}
		if ps.pos < len(ps.p) && ps.p[ps.pos] == '?' {
			rep.greedy = false
			ps.pos++
		} else if ps.pos < len(ps.p) && ps.p[ps.pos] == '+' {
			ps.pos++
			rep = &node{op: opAtomic, subs: []*node{rep}}
		}
		atom = rep
	}
	return atom, nil
}

func isAssertion(o op) bool {
	switch o {
	case opBol, opEol, opBeginText, opEndText, opWordB, opNoWordB:
		return true
	}
	return false
}

// quantifier reads one quantifier; a '{' that does not start a valid
// {m}, {m,}, {,n} or {m,n} is a literal, as in Python.
func (ps *parser) quantifier() (int, int, bool, error) {
	switch ps.p[ps.pos] {
	case '*':
		ps.pos++
		return 0, -1, true, nil
	case '+':
		ps.pos++
		return 1, -1, true, nil
	case '?':
		ps.pos++
		return 0, 1, true, nil
	case '{':
		return ps.braces()
	}
	return 0, 0, false, nil
}

func (ps *parser) braces() (int, int, bool, error) {
	at := ps.pos
	end := strings.IndexByte(ps.p[at:], '}')
	if end < 0 {
		return 0, 0, false, nil
	}
	body := ps.p[at+1 : at+end]
	lo, hi, comma := body, body, false
	if i := strings.IndexByte(body, ','); i >= 0 {
		lo, hi, comma = body[:i], body[i+1:], true
	}
	if !allDigits(lo) || !allDigits(hi) || (!comma && lo == "") {
		return 0, 0, false, nil
	}
	min, max := 0, -1
	if lo != "" {
		if min = atoiCap(lo); min > maxRepeat {
			return 0, 0, false, ps.errorf(at+1, "the repetition number is too large")
		}
	}
	if !comma {
		max = min
	} else if hi != "" {
		if max = atoiCap(hi); max > maxRepeat {
			return 0, 0, false, ps.errorf(at+1, "the repetition number is too large")
		}
		if max < min {
			return 0, 0, false, ps.errorf(at+1, "min repeat greater than max repeat")
		}
	}
	ps.pos = at + end + 1
	return min, max, true, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// atoiCap converts decimal digits, saturating above maxRepeat.
func atoiCap(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
		if n > maxRepeat {
			return maxRepeat + 1
		}
	}
	return n
}
