package pyregex

import "testing"

func TestReplaceAll(t *testing.T) {
	tests := []struct {
		pattern, template, src string
		multiline              bool
		want                   string
		n                      int
	}{
		{`^(\w+)=(\d+)$`, `\2=\1`, "a=1\nb=2\n", true, "1=a\n2=b\n", 2},
		{`(?P<k>\w+): (?P<v>\w+)`, `\g<v>: \g<k>`, "x: y", false, "y: x", 1},
		{`foo`, `$1 \n`, "foo", false, "$1 \n", 1},
		{`(a)|(b)`, `[\2]`, "ab", false, "[][b]", 2},
		{`end\Z`, `E`, "the end", false, "the E", 1},
		{`[]x]`, `-`, "a]x", false, "a--", 2},
	}
	for _, tt := range tests {
		re, err := Compile(tt.pattern, tt.multiline)
		if err != nil {
			t.Fatalf("Compile(%q): %v", tt.pattern, err)
		}
		got, n, err := ReplaceAll(re, tt.src, tt.template)
		if err != nil || got != tt.want || n != tt.n {
			t.Errorf("ReplaceAll(%q, %q, %q) = %q, %d, %v; want %q, %d", tt.pattern, tt.src, tt.template, got, n, err, tt.want, tt.n)
		}
	}
}

func TestCompileUnsupported(t *testing.T) {
	for _, p := range []string{`(a)\1`, `foo(?=bar)`, `(?<!x)y`, `(?P<n>a)(?P=n)`} {
		if _, err := Compile(p, false); err == nil {
			t.Errorf("Compile(%q) succeeded, want an error", p)
		}
	}
}
