package pyregex

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrBudget is returned when a backtracking match exhausts its step or
// depth budget (a catastrophic pattern on this input).
var ErrBudget = errors.New("regular expression too complex for this input: backtracking budget exhausted")

// maxDepth bounds the nesting of the matcher (its Go stack).
const maxDepth = 100000

// btProg is a parsed pattern run by backtracking, for the constructs
// RE2 lacks (backreferences, lookaround, atomic groups).
type btProg struct {
	root     *node
	ngroups  int
	names    []string
	anchored bool
}

// compileBacktrack parses a Python pattern for the backtracking matcher.
func compileBacktrack(pattern string, flags Flag) (*btProg, error) {
	root, ps, err := parsePython(pattern, flags)
	if err != nil {
		return nil, err
	}
	prog := &btProg{root: root, ngroups: len(ps.groups) - 1, names: make([]string, len(ps.groups))}
	for name, g := range ps.names {
		prog.names[g] = name
	}
	first := root
	for first.op == opConcat && len(first.subs) > 0 {
		first = first.subs[0]
	}
	prog.anchored = first.op == opBeginText
	return prog, nil
}

// machine is the state of one match attempt.
type machine struct {
	s      string
	caps   []int
	budget *int // steps left, shared by the searches of one FindAll
	depth  int
	err    error
}

// exec is Python's pattern.search(s, pos): the submatch indexes of the
// leftmost match at or after pos, or nil. With mustAdvance an empty
// match at pos is skipped (re.finditer after an empty match). budget
// (nil for a fresh one) counts the steps left.
func (p *btProg) exec(s string, pos int, mustAdvance bool, budget *int) ([]int, error) {
	m := p.machine(s, budget)
	for start := pos; start <= len(s); {
		for i := range m.caps {
			m.caps[i] = -1
		}
		end := -1
		ok := m.match(p.root, start, func(j int) bool {
			if mustAdvance && start == pos && j == pos {
				return false
			}
			end = j
			return true
		})
		if m.err != nil {
			return nil, m.err
		}
		if ok {
			m.caps[0], m.caps[1] = start, end
			return m.caps, nil
		}
		if p.anchored || start == len(s) {
			break
		}
		_, w := utf8.DecodeRuneInString(s[start:])
		start += w
	}
	return nil, nil
}

// execAt is Python's pattern.match(s): whether a match starts at 0.
func (p *btProg) execAt(s string) (bool, error) {
	m := p.machine(s, nil)
	for i := range m.caps {
		m.caps[i] = -1
	}
	ok := m.match(p.root, 0, func(int) bool { return true })
	return ok && m.err == nil, m.err
}

// machine prepares a match on s, with a fresh budget if none is given.
func (p *btProg) machine(s string, budget *int) *machine {
	if budget == nil {
		b := stepBudget(s)
		budget = &b
	}
	return &machine{s: s, caps: make([]int, 2*(p.ngroups+1)), budget: budget}
}

// stepBudget is the number of steps a match on s may take: a million,
// and a hundred more per byte.
func stepBudget(s string) int { return 1000000 + 100*len(s) }

// tick counts a step and reports whether the budget still holds.
func (m *machine) tick() bool {
	if m.err != nil {
		return false
	}
	*m.budget--
	if *m.budget < 0 || m.depth > maxDepth {
		m.err = ErrBudget
		return false
	}
	return true
}

// match matches n at i and then the continuation k.
func (m *machine) match(n *node, i int, k func(int) bool) bool {
	if !m.tick() {
		return false
	}
	m.depth++
	defer func() { m.depth-- }()
	switch n.op {
	case opEmpty:
		return k(i)
	case opLit, opClass, opAny:
		j, ok := m.one(n, i)
		return ok && k(j)
	case opBol, opEol, opBeginText, opEndText, opWordB, opNoWordB:
		return m.assert(n, i) && k(i)
	case opConcat:
		return m.seq(n.subs, i, k)
	case opAlt:
		for _, s := range n.subs {
			if m.match(s, i, k) {
				return true
			}
		}
		return false
	case opRepeat:
		if isSingle(n.subs[0].op) {
			return m.repeatOne(n, i, k)
		}
		return m.repeat(n, 0, i, k)
	case opCapture:
		return m.capture(n, i, k)
	case opBackref:
		return m.backref(n, i, k)
	case opLook:
		return m.look(n, i, k)
	case opAtomic:
		return m.atomic(n, i, k)
	case opCond:
		if m.caps[2*n.group] >= 0 {
			return m.match(n.subs[0], i, k)
		}
		return m.match(n.subs[1], i, k)
	}
	return false
}

func isSingle(o op) bool { return o == opLit || o == opClass || o == opAny }

func (m *machine) seq(subs []*node, i int, k func(int) bool) bool {
	if len(subs) == 0 {
		return k(i)
	}
	return m.match(subs[0], i, func(j int) bool { return m.seq(subs[1:], j, k) })
}

// one matches a single-character node at i.
func (m *machine) one(n *node, i int) (int, bool) {
	if i >= len(m.s) {
		return i, false
	}
	r, w := utf8.DecodeRuneInString(m.s[i:])
	switch n.op {
	case opLit:
		return i + w, r == n.r || (n.fold && foldEq(r, n.r))
	case opAny:
		return i + w, n.dotall || r != '\n'
	}
	return i + w, n.cls.matches(r, n.fold)
}

// foldEq reports whether a and b are equal under simple case folding.
func foldEq(a, b rune) bool {
	for f := unicode.SimpleFold(a); f != a; f = unicode.SimpleFold(f) {
		if f == b {
			return true
		}
	}
	return a == b
}

// assert checks a zero-width assertion at i.
func (m *machine) assert(n *node, i int) bool {
	s := m.s
	switch n.op {
	case opBol:
		return i == 0 || (n.multi && s[i-1] == '\n')
	case opEol:
		return i == len(s) || (s[i] == '\n' && (n.multi || i == len(s)-1))
	case opBeginText:
		return i == 0
	case opEndText:
		return i == len(s)
	}
	if len(s) == 0 {
		return false
	}
	before, after := false, false
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		before = isPyWord(r)
	}
	if i < len(s) {
		r, _ := utf8.DecodeRuneInString(s[i:])
		after = isPyWord(r)
	}
	return (before != after) == (n.op == opWordB)
}

// capture records group n.group around its body's match.
func (m *machine) capture(n *node, i int, k func(int) bool) bool {
	g := 2 * n.group
	return m.match(n.subs[0], i, func(j int) bool {
		os, oe := m.caps[g], m.caps[g+1]
		m.caps[g], m.caps[g+1] = i, j
		if k(j) {
			return true
		}
		m.caps[g], m.caps[g+1] = os, oe
		return false
	})
}

// backref matches the text group n.group captured.
func (m *machine) backref(n *node, i int, k func(int) bool) bool {
	s0, e0 := m.caps[2*n.group], m.caps[2*n.group+1]
	if s0 < 0 {
		return false
	}
	ref := m.s[s0:e0]
	if !n.fold {
		return strings.HasPrefix(m.s[i:], ref) && k(i+len(ref))
	}
	j := i
	for _, r := range ref {
		if j >= len(m.s) {
			return false
		}
		c, w := utf8.DecodeRuneInString(m.s[j:])
		if !foldEq(c, r) {
			return false
		}
		j += w
	}
	return k(j)
}
