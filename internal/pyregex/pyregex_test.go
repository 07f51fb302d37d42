package pyregex

import (
	"strings"
	"testing"
)

func TestReplaceAll(t *testing.T) {
	tests := []struct {
		pattern, template, src string
		flags                  Flag
		want                   string
		n                      int
	}{
		{`^(\w+)=(\d+)$`, `\2=\1`, "a=1\nb=2\n", Multiline, "1=a\n2=b\n", 2},
		{`(?P<k>\w+): (?P<v>\w+)`, `\g<v>: \g<k>`, "x: y", 0, "y: x", 1},
		{`foo`, `$1 \n`, "foo", 0, "$1 \n", 1},
		{`(a)|(b)`, `[\2]`, "ab", 0, "[][b]", 2},
		{`end\Z`, `E`, "the end", 0, "the E", 1},
		{`[]x]`, `-`, "a]x", 0, "a--", 2},
		{`AB`, `x`, "ab Ab", IgnoreCase, "x x", 2},
		{`(\w+)`, `<\1>`, "hi yo", 0, "<hi> <yo>", 2},
	}
	for _, tt := range tests {
		re, err := Compile(tt.pattern, tt.flags)
		if err != nil {
			t.Fatalf("Compile(%q): %v", tt.pattern, err)
		}
		got, n, err := ReplaceAll(re, tt.src, tt.template)
		if err != nil || got != tt.want || n != tt.n {
			t.Errorf("ReplaceAll(%q, %q, %q) = %q, %d, %v; want %q, %d", tt.pattern, tt.src, tt.template, got, n, err, tt.want, tt.n)
		}
	}
}

// TestCompileEngine checks which patterns go to the backtracking
// matcher (only those RE2 cannot run) and Python's compile errors.
func TestCompileEngine(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		bt      bool
		err     string
	}{
		{`(a)\1`, true, ""},
		{`foo(?=bar)`, true, ""},
		{`(?<!x)y`, true, ""},
		{`(?P<n>a)(?P=n)`, true, ""},
		{`^(\w+) .*$`, false, ""},
		{`[\1]`, true, ""},
		{`(?<=a+)b`, false, "look-behind requires fixed-width pattern"},
		{`(a)\2`, false, "invalid group reference 2 at position 4"},
		{`(a\1)`, false, "cannot refer to an open group at position 2"},
	} {
		re, err := Compile(tc.pattern, 0)
		if tc.err != "" {
			if err == nil || !strings.HasSuffix(err.Error(), tc.err) {
				t.Errorf("Compile(%q) error = %v, want %q", tc.pattern, err, tc.err)
			}
			continue
		}
		if err != nil || re.Backtracking() != tc.bt {
			t.Errorf("Compile(%q) = backtracking %v, %v; want %v", tc.pattern, re != nil && re.Backtracking(), err, tc.bt)
		}
	}
}

// TestEscape compares with Python 3's re.escape.
func TestEscape(t *testing.T) {
	if got, want := Escape("a.b*c (x) -y #z é\t"), `a\.b\*c\ \(x\)\ \-y\ \#z\ é\`+"\t"; got != want {
		t.Errorf("Escape = %q, want %q", got, want)
	}
}

// TestPythonMatchRules checks the rules of Python 3's re that Go's
// regexp lacks (expected results from Python 3.11): \w, \d and \s are
// Unicode, and an empty match right after a non-empty one counts.
func TestPythonMatchRules(t *testing.T) {
	for _, tc := range []struct{ pattern, src, repl, want string }{
		{`\w+`, "héllo wörld", "X", "X X"},
		{`[\w]+`, "ünï-x", "X", "X-X"},
		{`\W`, "a é!", "_", "a_é_"},
		{`\d`, "4٣", "D", "DD"},
		{`\s`, "a\u00a0b\vc", "_", "a_b_c"},
		{`a*`, "aaa", "x", "xx"},
		{`a*`, "baaac", "-", "-b--c-"},
		{`^a*`, "aaa", "x", "x"},
		{`\s*$`, "ab  ", "!", "ab!!"},
	} {
		re, err := Compile(tc.pattern, 0)
		if err != nil {
			t.Fatalf("%s: %v", tc.pattern, err)
		}
		got, _, err := ReplaceAll(re, tc.src, tc.repl)
		if err != nil || got != tc.want {
			t.Errorf("re.sub(%q, %q, %q) = %q, %v; want %q", tc.pattern, tc.repl, tc.src, got, err, tc.want)
		}
	}
}

// TestSearchAndMatchDollar checks $ against Python 3:
// python3 -c 'import re; print(bool(re.search(P, S)), bool(re.match(P, S)))'.
func TestSearchAndMatchDollar(t *testing.T) {
	tests := []struct {
		pattern, s    string
		search, match bool
	}{
		{`OK$`, "01 OK\n", true, false},
		{`.*OK$`, "01 OK\n", true, true},
		{`OK$`, "OK\n\n", false, false},
		{`OK\Z`, "OK\n", false, false},
		{`OK$`, "OK", true, true},
		{`a\n$`, "a\n\n", true, true},
		{`KO$`, "KO\nOK\n", false, false},
		{`^x`, "yx\n", false, false},
	}
	for _, tt := range tests {
		re, err := Compile(tt.pattern, 0)
		if err != nil {
			t.Fatalf("Compile(%q): %v", tt.pattern, err)
		}
		if got := Search(re, tt.s); got != tt.search {
			t.Errorf("Search(%q, %q) = %v, want %v", tt.pattern, tt.s, got, tt.search)
		}
		if got := Match(re, tt.s); got != tt.match {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.pattern, tt.s, got, tt.match)
		}
	}
}

// TestDollarBeforeFinalNewline checks Python's $ outside MULTILINE: it
// also matches right before a newline that ends the subject, in every
// operation (spans from Python 3's re.finditer and re.sub).
func TestDollarBeforeFinalNewline(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		flags   Flag
		src     string
		spans   [][]int
		sub     string
	}{
		{`a$`, 0, "a\n", [][]int{{0, 1}}, "X\n"},
		{`a$`, 0, "a\n\n", nil, "a\n\n"},
		{`a$`, Multiline, "a\nb\n", [][]int{{0, 1}}, "X\nb\n"},
		{`a\Z`, 0, "a\n", nil, "a\n"},
		{`(a|b)$`, 0, "xb\n", [][]int{{1, 2}}, "xX\n"},
		{`$`, 0, "ab\n", [][]int{{2, 2}, {3, 3}}, "abX\nX"},
	} {
		re, err := Compile(tc.pattern, tc.flags)
		if err != nil {
			t.Fatalf("Compile(%q): %v", tc.pattern, err)
		}
		ms, err := FindAll(re, tc.src)
		if err != nil || !sameSpans(ms, tc.spans) {
			t.Errorf("FindAll(%q, %q) = %v, %v; want %v", tc.pattern, tc.src, ms, err, tc.spans)
		}
		if got := Search(re, tc.src); got != (tc.spans != nil) {
			t.Errorf("Search(%q, %q) = %v", tc.pattern, tc.src, got)
		}
		if got, _, _ := ReplaceAll(re, tc.src, "X"); got != tc.sub {
			t.Errorf("ReplaceAll(%q, %q) = %q, want %q", tc.pattern, tc.src, got, tc.sub)
		}
	}
}

func sameSpans(got, want [][]int) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i][0] != want[i][0] || got[i][1] != want[i][1] {
			return false
		}
	}
	return true
}
