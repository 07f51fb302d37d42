package yaml11

import (
	"fmt"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// aliasBomb is "billion laughs": levels anchors, each a list of width
// aliases of the one before.
func aliasBomb(levels, width int, merge bool) string {
	var b strings.Builder
	b.WriteString("a0: &a0 [lol]\n")
	for i := 1; i < levels; i++ {
		refs := strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), width), ", ")
		if merge {
			fmt.Fprintf(&b, "a%d: &a%d {k%d: 1, <<: [%s]}\n", i, i, i, strings.ReplaceAll(refs, "*a0", "{x: *a0}"))
			continue
		}
		fmt.Fprintf(&b, "a%d: &a%d [%s]\n", i, i, refs)
	}
	return b.String()
}

func TestAliasBudget(t *testing.T) {
	located := &Decoder{Locate: func(n *yaml.Node, err error) error { return fmt.Errorf("line %d: %w", n.Line, err) }}
	big := strings.Repeat("- [1, 2, 3, 4, 5, 6, 7, 8, 9]\n", MaxAliasExpansion/9)
	cases := []struct {
		name, src string
		wantErr   string // "" means it decodes
	}{
		{"billion laughs", aliasBomb(10, 9, false), "yaml aliases expand to more than 1048576 values (an alias bomb?)"},
		{"merge-key bomb", aliasBomb(10, 9, true), "yaml aliases expand to more than 1048576 values (an alias bomb?)"},
		{"a few levels of aliases", aliasBomb(5, 9, false), ""},
		{"a large document without aliases", big, ""},
	}
	for _, c := range cases {
		n := parse(t, c.src)
		_, err := located.Value(n)
		checkAliasErr(t, c.name+": Value", err, c.wantErr)
		checkAliasErr(t, c.name+": CheckAliases", located.CheckAliases(n), c.wantErr)
	}
}

// checkAliasErr wants err to name a line and end with want, or to be nil
// when want is empty.
func checkAliasErr(t *testing.T, name string, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("%s: unexpected error %v", name, err)
	case want != "" && (err == nil || !strings.HasPrefix(err.Error(), "line ") || !strings.HasSuffix(err.Error(), want)):
		t.Errorf("%s: err = %v, want line N: %s", name, err, want)
	}
}
