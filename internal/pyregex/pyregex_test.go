package pyregex

import "testing"

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

func TestCompileUnsupported(t *testing.T) {
	for _, p := range []string{`(a)\1`, `foo(?=bar)`, `(?<!x)y`, `(?P<n>a)(?P=n)`} {
		if _, err := Compile(p, 0); err == nil {
			t.Errorf("Compile(%q) succeeded, want an error", p)
		}
	}
}

// TestEscape compares with Python 3's re.escape.
func TestEscape(t *testing.T) {
	if got, want := Escape("a.b*c (x) -y #z é\t"), `a\.b\*c\ \(x\)\ \-y\ \#z\ é\`+"\t"; got != want {
		t.Errorf("Escape = %q, want %q", got, want)
	}
}
