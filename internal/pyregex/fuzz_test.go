package pyregex

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// fuzzHang is how long one fuzz input may run (a hang fails the test
// with the input: t.Fatal cannot be called from the watchdog goroutine).
const fuzzHang = 10 * time.Second

// FuzzBacktrack checks that no pattern and input make the backtracking
// matcher panic or hang: every call ends with a result or an error.
func FuzzBacktrack(f *testing.F) {
	for _, seed := range [][2]string{
		{`(a)\1`, "aa"}, {`(?<=ab|cd)x`, "cdx"}, {`(?=(\w+))\w`, "ab"},
		{`(a*)*b`, "aaaa"}, {`(?P<q>['"]).*?(?P=q)`, `'x'`}, {`[^]\d-]+`, "a-1"},
		{`(?i)(?<!x)é\b`, "É "}, {`(?>a+)+b`, "aaa"}, {`(<)?\w(?(1)>)`, "<a>"},
		{`\x4`, ""}, {`a{2,1}`, ""}, {`(?<=\1(a))`, "a"},
	} {
		f.Add(seed[0], seed[1], uint8(0))
	}
	f.Fuzz(func(t *testing.T, pattern, s string, flags uint8) {
		done := make(chan struct{})
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(fuzzHang):
				panic(fmt.Sprintf("pattern %q on %q (flags %d) ran over %v", pattern, s, flags, fuzzHang))
			}
		}()
		prog, err := compileBacktrack(pattern, Flag(flags)&(Multiline|IgnoreCase|DotAll))
		if err != nil {
			return
		}
		re := &Regexp{pattern: pattern, bt: prog}
		m, err := re.Exec(s, 0, false)
		if err == nil && m != nil && (m[0] < 0 || m[1] < m[0] || m[1] > len(s)) {
			t.Fatalf("search %q on %q: bad span %v", pattern, s, m)
		}
		_, _ = FindAll(re, s)
		_, _, _ = ReplaceAll(re, s, `\g<0>`)
		_ = Match(re, s)
	})
}

// TestBacktrackBudget checks that catastrophic patterns end with
// ErrBudget instead of running for ever.
func TestBacktrackBudget(t *testing.T) {
	for _, tc := range []struct{ pattern, s string }{
		{`(a*)*\1b`, strings.Repeat("a", 40)},
		{`(x+x+)+y(?=z)`, strings.Repeat("x", 50)},
		{`(?:(a|aa)+)+\1c`, strings.Repeat("a", 60)},
	} {
		re, err := Compile(tc.pattern, 0)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		_, err = re.Exec(tc.s, 0, false)
		if !errors.Is(err, ErrBudget) {
			t.Errorf("%q: err = %v, want ErrBudget", tc.pattern, err)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%q: took %v", tc.pattern, d)
		}
		if _, _, err := ReplaceAll(re, tc.s, "x"); !errors.Is(err, ErrBudget) {
			t.Errorf("%q: ReplaceAll err = %v, want ErrBudget", tc.pattern, err)
		}
	}
}

// TestBacktrackLongInput checks that long inputs within budget match
// (the single-character loops do not recurse).
func TestBacktrackLongInput(t *testing.T) {
	line := strings.Repeat("x", 200000)
	re, err := Compile(`^(x)(.*)\1$`, 0)
	if err != nil {
		t.Fatal(err)
	}
	if m, err := re.Exec(line, 0, false); err != nil || m == nil || m[5] != len(line)-1 {
		t.Errorf("match = %v, %v", m, err)
	}
}
