package pyregex

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Regexp is a compiled Python pattern: run by Go's RE2 when RE2 can
// (linear time), otherwise by a bounded backtracking matcher with
// Python re semantics (backreferences, lookaround). The methods mirror
// regexp.Regexp's; a backtracking match that exhausts its budget reports
// no match (the error-returning forms are Exec and the package helpers).
type Regexp struct {
	pattern string
	re2     *regexp.Regexp // nil when RE2 cannot run the pattern
	bt      *btProg        // nil only for Wrap's Go-syntax patterns
	// dollarNL: the pattern has a $ outside MULTILINE, which Python also
	// matches before a final newline and RE2 does not; such a pattern runs
	// on the backtracking matcher for subjects that end in a newline.
	dollarNL bool
}

// backtrack reports whether a match against s runs on the backtracking
// matcher: always when RE2 cannot run the pattern, and when only Python's
// reading of $ can tell the answer.
func (re *Regexp) backtrack(s string) bool {
	return re.re2 == nil || (re.dollarNL && strings.HasSuffix(s, "\n"))
}

// Wrap adapts a regexp.Compile result (a Go-syntax pattern, such as a
// translated glob) to a Regexp: pyregex.Wrap(regexp.Compile(p)).
func Wrap(re *regexp.Regexp, err error) (*Regexp, error) {
	if err != nil {
		return nil, err
	}
	return &Regexp{pattern: re.String(), re2: re}, nil
}

// String returns the source pattern.
func (re *Regexp) String() string { return re.pattern }

// Backtracking reports whether the pattern runs on the backtracking
// matcher rather than RE2.
func (re *Regexp) Backtracking() bool { return re.re2 == nil }

// NumSubexp returns the number of capturing groups.
func (re *Regexp) NumSubexp() int {
	if re.re2 == nil {
		return re.bt.ngroups
	}
	return re.re2.NumSubexp()
}

// SubexpNames returns the group names, "" for unnamed ones (index 0 is
// the whole match).
func (re *Regexp) SubexpNames() []string {
	if re.re2 == nil {
		return re.bt.names
	}
	return re.re2.SubexpNames()
}

// SubexpIndex returns the index of the named group, or -1.
func (re *Regexp) SubexpIndex(name string) int {
	if name == "" {
		return -1
	}
	for i, n := range re.SubexpNames() {
		if n == name {
			return i
		}
	}
	return -1
}

// Exec is Python's pattern.search(s, pos): the submatch indexes of the
// first match at or after pos, or nil; with mustAdvance an empty match
// at pos does not count. It fails only when a backtracking match runs
// out of budget.
func (re *Regexp) Exec(s string, pos int, mustAdvance bool) ([]int, error) {
	if re.backtrack(s) {
		m, err := re.bt.exec(s, pos, mustAdvance, nil)
		if err != nil {
			return nil, fmtErr(re.pattern, err)
		}
		return append([]int(nil), m...), nil
	}
	m := re.re2.FindStringSubmatchIndex(s[pos:])
	if m != nil && mustAdvance && m[1] == 0 {
		if pos == len(s) {
			return nil, nil
		}
		_, w := utf8.DecodeRuneInString(s[pos:])
		return re.Exec(s, pos+w, false)
	}
	for i := range m {
		if m[i] >= 0 {
			m[i] += pos
		}
	}
	return m, nil
}

// FindStringSubmatchIndex is regexp.Regexp's: the leftmost match's
// submatch indexes, or nil.
func (re *Regexp) FindStringSubmatchIndex(s string) []int {
	if !re.backtrack(s) {
		return re.re2.FindStringSubmatchIndex(s)
	}
	m, _ := re.Exec(s, 0, false)
	return m
}

// FindStringIndex returns the leftmost match's [start, end], or nil.
func (re *Regexp) FindStringIndex(s string) []int {
	if !re.backtrack(s) {
		return re.re2.FindStringIndex(s)
	}
	if m := re.FindStringSubmatchIndex(s); m != nil {
		return m[:2]
	}
	return nil
}

// FindIndex is FindStringIndex on bytes.
func (re *Regexp) FindIndex(b []byte) []int {
	if !re.backtrack(string(b)) {
		return re.re2.FindIndex(b)
	}
	return re.FindStringIndex(string(b))
}

// MatchString reports whether s contains a match.
func (re *Regexp) MatchString(s string) bool {
	if !re.backtrack(s) {
		return re.re2.MatchString(s)
	}
	return re.FindStringSubmatchIndex(s) != nil
}

// FindStringSubmatch returns the leftmost match and its groups ("" for
// unmatched ones), or nil.
func (re *Regexp) FindStringSubmatch(s string) []string {
	if !re.backtrack(s) {
		return re.re2.FindStringSubmatch(s)
	}
	m := re.FindStringSubmatchIndex(s)
	if m == nil {
		return nil
	}
	out := make([]string, len(m)/2)
	for i := range out {
		if m[2*i] >= 0 {
			out[i] = s[m[2*i]:m[2*i+1]]
		}
	}
	return out
}

// FindAllStringSubmatchIndex returns up to n (all if n < 0) matches as
// Python's re.finditer finds them (see FindAll).
func (re *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	ms, _ := FindAll(re, s)
	if n >= 0 && len(ms) > n {
		ms = ms[:n]
	}
	return ms
}

func fmtErr(pattern string, err error) error {
	return fmt.Errorf("regular expression %q: %w", pattern, err)
}
