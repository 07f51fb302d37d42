// Package pyregex runs Python-syntax regular expressions, as written in
// Ansible tasks, on Go's regexp engine: it translates the pattern syntax
// the two share with different spellings and expands Python replacement
// templates (\1, \g<name>). Patterns RE2 cannot run (backreferences,
// lookaround, atomic groups) run on a bounded backtracking matcher with
// Python re semantics instead.
package pyregex

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
)

// Flag is a set of Python re flags.
type Flag int

// The re flags Ansible's modules and filters pass.
const (
	// Multiline is re.MULTILINE: ^ and $ match at line boundaries.
	Multiline Flag = 1 << iota
	// IgnoreCase is re.IGNORECASE.
	IgnoreCase
	// DotAll is re.DOTALL: . matches a newline too.
	DotAll
)

// errNeedsBacktrack marks what translate cannot give RE2.
var errNeedsBacktrack = errors.New("backreferences and lookaround need the backtracking matcher")

// Compile parses a Python pattern (with Python's errors) and compiles it
// with flags, for RE2 when RE2 can run it, else for the backtracking
// matcher.
func Compile(pattern string, flags Flag) (*Regexp, error) {
	prog, err := compileBacktrack(pattern, flags)
	if err != nil {
		return nil, fmt.Errorf("regular expression %q: %w", pattern, err)
	}
	goPat, err := translate(pattern)
	if err == nil {
		var re *regexp.Regexp
		if re, err = regexp.Compile(flagPrefix(flags) + goPat); err == nil {
			return &Regexp{pattern: pattern, re2: re, bt: prog, dollarNL: hasTextDollar(re)}, nil
		}
	}
	return &Regexp{pattern: pattern, bt: prog}, nil
}

// flagPrefix spells flags as an RE2 inline flag group.
func flagPrefix(flags Flag) string {
	prefix := ""
	if flags&IgnoreCase != 0 {
		prefix += "i"
	}
	if flags&Multiline != 0 {
		prefix += "m"
	}
	if flags&DotAll != 0 {
		prefix += "s"
	}
	if prefix == "" {
		return ""
	}
	return "(?" + prefix + ")"
}

// Escape is Python 3.7+'s re.escape.
func Escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("()[]{}?*+-|^$\\.&~# \t\n\r\v\f", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// unicodeClasses spell Python 3's Unicode \w, \d and \s (and their
// negations) in RE2, which reads them as ASCII: the form outside a
// character class and the form inside one ("" keeps RE2's).
var unicodeClasses = map[byte][2]string{
	'w': {`[\p{L}\p{N}_]`, `\p{L}\p{N}_`},
	'W': {`[^\p{L}\p{N}_]`, ""},
	'd': {`\p{Nd}`, `\p{Nd}`},
	'D': {`\P{Nd}`, `\P{Nd}`},
	's': {`[\s\v\p{Z}\x{85}\x{1c}-\x{1f}]`, `\s\v\p{Z}\x{85}\x{1c}-\x{1f}`},
	'S': {`[^\s\v\p{Z}\x{85}\x{1c}-\x{1f}]`, ""},
}

// translate rewrites Python-only spellings into RE2 ones.
func translate(p string) (string, error) {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+1 < len(p):
			next := p[i+1]
			i++
			if cls, ok := unicodeClasses[next]; ok && (!inClass || cls[1] != "") {
				b.WriteString(cls[map[bool]int{false: 0, true: 1}[inClass]])
				continue
			}
			switch {
			case next == 'Z' && !inClass:
				b.WriteString(`\z`)
			case next >= '1' && next <= '9' && !inClass:
				return "", errNeedsBacktrack
			case unicodeClass(next, inClass) != "":
				b.WriteString(unicodeClass(next, inClass))
			default:
				b.WriteByte('\\')
				b.WriteByte(next)
			}
			continue
		case c == '[' && !inClass:
			inClass = true
			b.WriteByte(c)
			// a ']' right after '[' or '[^' is literal
			if strings.HasPrefix(p[i+1:], "^]") {
				b.WriteString(`^\]`)
				i += 2
			} else if strings.HasPrefix(p[i+1:], "]") {
				b.WriteString(`\]`)
				i++
			}
			continue
		case c == '[' && inClass:
			// Python has no POSIX classes: "[[:digit:]]" is a '[' in a class.
			b.WriteString(`\[`)
			continue
		case c == ']' && inClass:
			inClass = false
		case c == '{' && !inClass && strings.HasPrefix(p[i:], "{,"):
			// Python's {,n} is RE2's {0,n}; RE2 would read it literally
			if end := strings.IndexByte(p[i:], '}'); end > 2 && allDigits(p[i+2:i+end]) {
				b.WriteString("{0")
				continue
			}
		case c == '(' && !inClass && strings.HasPrefix(p[i:], "(?"):
			if err := checkGroup(p[i:]); err != nil {
				return "", err
			}
		}
		b.WriteByte(c)
	}
	return b.String(), nil
}

// Python's \d, \w and \s on str patterns are Unicode classes (str.isdigit,
// str.isalnum or '_', str.isspace); RE2's are ASCII.
const (
	pyDigit = `\p{Nd}`
	pyWord  = `\p{L}\p{N}_`
	pySpace = `\s\v\x1c-\x1f\x85\p{Z}`
)

// unicodeClass returns the RE2 spelling of Python's \d \D \w \W \s \S, or
// "" for other escapes (and for \W \S inside a class, left as RE2 has them).
func unicodeClass(c byte, inClass bool) string {
	switch c {
	case 'd':
		return pyDigit
	case 'D':
		return `\P{Nd}`
	case 'w', 's':
		set := pyWord
		if c == 's' {
			set = pySpace
		}
		if inClass {
			return set
		}
		return "[" + set + "]"
	case 'W', 'S':
		if inClass {
			return ""
		}
		if c == 'W' {
			return "[^" + pyWord + "]"
		}
		return "[^" + pySpace + "]"
	}
	return ""
}

func checkGroup(p string) error {
	for _, unsupported := range []string{"(?=", "(?!", "(?<=", "(?<!", "(?P=", "(?>", "(?("} {
		if strings.HasPrefix(p, unsupported) {
			return errNeedsBacktrack
		}
	}
	return nil
}

// ReplaceAll substitutes every match of re in src with the expanded
// Python template and returns the result and the number of substitutions.
func ReplaceAll(re *Regexp, src, template string) (string, int, error) {
	var b strings.Builder
	last, n := 0, 0
	ms, err := FindAll(re, src)
	if err != nil {
		return "", 0, err
	}
	for _, m := range ms {
		rep, err := Expand(re, template, src, m)
		if err != nil {
			return "", 0, err
		}
		b.WriteString(src[last:m[0]])
		b.WriteString(rep)
		last = m[1]
		n++
	}
	b.WriteString(src[last:])
	return b.String(), n, nil
}

// FindAll returns the submatch indexes of every match as Python's
// re.finditer finds them: unlike Go, Python (3.7+) also matches the empty
// string right after a non-empty match ('a*' on "aaa" matches "aaa" and
// ""). On RE2, patterns that look left (^, \A, \b, \B) keep Go's matches.
// It fails only when a backtracking match runs out of budget.
func FindAll(re *Regexp, src string) ([][]int, error) {
	if re.backtrack(src) {
		return findAllBacktrack(re, src)
	}
	ms := re.re2.FindAllStringSubmatchIndex(src, -1)
	if looksLeft(re.re2) {
		return ms, nil
	}
	var out [][]int
	for i, m := range ms {
		out = append(out, m)
		end := m[1]
		if m[0] == end || (i+1 < len(ms) && ms[i+1][0] == end) {
			continue
		}
		if e := re.re2.FindStringSubmatchIndex(src[end:]); e != nil && e[0] == 0 && e[1] == 0 {
			for k := range e {
				if e[k] >= 0 {
					e[k] += end
				}
			}
			out = append(out, e)
		}
	}
	return out, nil
}

// findAllBacktrack is re.finditer on the backtracking matcher: each
// search starts where the last match ended, and after an empty match
// the next one must not be empty at the same place; all the searches
// share one step budget.
func findAllBacktrack(re *Regexp, src string) ([][]int, error) {
	var out [][]int
	budget := stepBudget(src)
	for pos, mustAdvance := 0, false; pos <= len(src); {
		m, err := re.bt.exec(src, pos, mustAdvance, &budget)
		if err != nil {
			return nil, fmtErr(re.pattern, err)
		}
		if m == nil {
			return out, nil
		}
		out = append(out, append([]int(nil), m...))
		pos, mustAdvance = m[1], m[0] == m[1]
	}
	return out, nil
}

// looksLeft reports whether the pattern has an assertion about the text
// before a position, so it cannot be matched on a suffix alone.
func looksLeft(re *regexp.Regexp) bool {
	prog, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return true
	}
	var walk func(r *syntax.Regexp) bool
	walk = func(r *syntax.Regexp) bool {
		switch r.Op {
		case syntax.OpBeginLine, syntax.OpBeginText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
			return true
		}
		for _, sub := range r.Sub {
			if walk(sub) {
				return true
			}
		}
		return false
	}
	return walk(prog)
}

// Search reports whether Python's re.search finds re in s.
func Search(re *Regexp, s string) bool {
	return re.MatchString(s)
}

// Match reports whether Python's re.match finds re at the start of s.
func Match(re *Regexp, s string) bool {
	if re.backtrack(s) {
		m, err := re.bt.execAt(s)
		return err == nil && m
	}
	loc := re.re2.FindStringIndex(s)
	return loc != nil && loc[0] == 0
}

// hasTextDollar reports whether the compiled pattern has a $ that RE2
// reads as end of text (a $ outside MULTILINE; \z is not one).
func hasTextDollar(re *regexp.Regexp) bool {
	prog, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return true
	}
	var walk func(r *syntax.Regexp) bool
	walk = func(r *syntax.Regexp) bool {
		if r.Op == syntax.OpEndText && r.Flags&syntax.WasDollar != 0 {
			return true
		}
		for _, sub := range r.Sub {
			if walk(sub) {
				return true
			}
		}
		return false
	}
	return walk(prog)
}
