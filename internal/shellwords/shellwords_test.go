package shellwords

import (
	"reflect"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		err  error
	}{
		{"echo hello world", []string{"echo", "hello", "world"}, nil},
		{`echo 'a b' "c d"`, []string{"echo", "a b", "c d"}, nil},
		{`echo "a \"q\" \$x \\"`, []string{"echo", `a "q" \$x \`}, nil},
		{`echo a\ b c'd'e`, []string{"echo", "a b", "cde"}, nil},
		{`printf '%s|' "a b" $HOME`, []string{"printf", "%s|", "a b", "$HOME"}, nil},
		{`echo '' ""`, []string{"echo", "", ""}, nil},
		{"  spaced\t\targs  ", []string{"spaced", "args"}, nil},
		{`echo # not a comment`, []string{"echo", "#", "not", "a", "comment"}, nil},
		{`echo 'open`, nil, ErrNoClosingQuote},
		{`echo "open`, nil, ErrNoClosingQuote},
		{`echo \`, nil, ErrNoEscapedChar},
	}
	for _, tt := range tests {
		got, err := Split(tt.in)
		if err != tt.err || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Split(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestJoin(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{[]string{"echo", "a b", "it's", "$HOME", ""}, `echo 'a b' 'it'\''s' '$HOME' ''`},
		{[]string{"ls", "-l", "/tmp/x_y.z"}, "ls -l /tmp/x_y.z"},
	}
	for _, tt := range tests {
		if got := Join(tt.in); got != tt.want {
			t.Errorf("Join(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestSplitComments compares with Python 3's shlex.split(s, comments=True).
func TestSplitComments(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`a#b c`, []string{"a"}},
		{`h x="y # z" # c`, []string{"h", "x=y # z"}},
		{`x '#' y#`, []string{"x", "#", "y"}},
		{`#all`, nil},
		{`a "" b`, []string{"a", "", "b"}},
		{`é"ü x"`, []string{"éü x"}},
		{`a\#b`, []string{"a#b"}},
	}
	for _, tt := range tests {
		got, err := SplitComments(tt.in)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitComments(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := SplitComments(`h x="open`); err != ErrNoClosingQuote {
		t.Errorf("unclosed quote: %v, want ErrNoClosingQuote", err)
	}
}
