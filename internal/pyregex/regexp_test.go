package pyregex

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TestRegexpMethods checks the regexp.Regexp-like methods on both
// engines (expected values from Python 3.11's re).
func TestRegexpMethods(t *testing.T) {
	for _, tc := range []struct {
		pattern, s string
		bt         bool
		names      []string
		submatch   []string
		all        [][]int
	}{
		{`(?P<k>\w+)=(\d)`, "a=1 b=2", false, []string{"", "k", ""}, []string{"a=1", "a", "1"}, [][]int{{0, 3, 0, 1, 2, 3}, {4, 7, 4, 5, 6, 7}}},
		{`(?P<k>\w)=(?P=k)`, "a=b c=c d=d", true, []string{"", "k"}, []string{"c=c", "c"}, [][]int{{4, 7, 4, 5}, {8, 11, 8, 9}}},
		{`x(?=y)(z)?`, "xa xy", true, []string{"", ""}, []string{"x", ""}, [][]int{{3, 4, -1, -1}}},
		{`q`, "abc", true, []string{""}, nil, nil},
	} {
		re, err := Compile(tc.pattern, 0)
		if err != nil {
			t.Fatal(err)
		}
		if tc.pattern == `q` { // forced onto the backtracking matcher for its no-match path
			re = &Regexp{pattern: `q`, bt: mustBacktrack(t, `q`)}
		}
		if re.Backtracking() != tc.bt || re.String() != tc.pattern || re.NumSubexp() != len(tc.names)-1 {
			t.Errorf("%q: backtracking %v, String %q, NumSubexp %d", tc.pattern, re.Backtracking(), re.String(), re.NumSubexp())
		}
		if got := re.SubexpNames(); !reflect.DeepEqual(got, tc.names) {
			t.Errorf("%q: SubexpNames = %q, want %q", tc.pattern, got, tc.names)
		}
		if got := re.FindStringSubmatch(tc.s); !reflect.DeepEqual(got, tc.submatch) {
			t.Errorf("%q: FindStringSubmatch = %q, want %q", tc.pattern, got, tc.submatch)
		}
		if got := re.FindAllStringSubmatchIndex(tc.s, -1); !reflect.DeepEqual(got, tc.all) {
			t.Errorf("%q: FindAllStringSubmatchIndex = %v, want %v", tc.pattern, got, tc.all)
		}
		if got := re.FindAllStringSubmatchIndex(tc.s, 1); len(tc.all) > 0 && !reflect.DeepEqual(got, tc.all[:1]) {
			t.Errorf("%q: FindAllStringSubmatchIndex(1) = %v", tc.pattern, got)
		}
		if got, want := re.FindIndex([]byte(tc.s)), re.FindStringIndex(tc.s); !reflect.DeepEqual(got, want) || (want != nil) != re.MatchString(tc.s) {
			t.Errorf("%q: FindIndex = %v, FindStringIndex = %v", tc.pattern, got, want)
		}
		if re.SubexpIndex("k") != map[bool]int{true: 1, false: -1}[len(tc.names) > 1 && tc.names[1] == "k"] {
			t.Errorf("%q: SubexpIndex(k) = %d", tc.pattern, re.SubexpIndex("k"))
		}
	}
}

func mustBacktrack(t *testing.T, p string) *btProg {
	t.Helper()
	prog, err := compileBacktrack(p, 0)
	if err != nil {
		t.Fatal(err)
	}
	return prog
}

// TestWrap checks that a Go-syntax regexp runs as a Regexp and that a
// compile error passes through.
func TestWrap(t *testing.T) {
	re, err := Wrap(regexp.Compile(`^a.c$`))
	if err != nil || !re.MatchString("abc") || re.Backtracking() {
		t.Errorf("Wrap = %v, %v", re, err)
	}
	bad := strings.Repeat("(", 1) // a pattern that does not compile (not a constant: staticcheck)
	if re, err := Wrap(regexp.Compile(bad)); err == nil || re != nil {
		t.Errorf("Wrap of a bad pattern = %v, %v", re, err)
	}
}
