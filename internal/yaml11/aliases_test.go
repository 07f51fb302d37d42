package yaml11

import (
	"fmt"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/edxplay/edxplay/internal/odict"
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
	bomb := "yaml aliases expand to more than 1048576 values (an alias bomb?)"
	cases := []struct {
		name, src string
		// valueErr and checkErr are the errors of Value and CheckAliases; "" means none.
		valueErr, checkErr string
	}{
		// Value shares an aliased value as PyYAML does: no expansion.
		{"billion laughs", aliasBomb(10, 9, false), "", bomb},
		{"merge-key bomb", aliasBomb(10, 9, true), bomb, bomb},
		{"a few levels of aliases", aliasBomb(5, 9, false), "", ""},
		{"a large document without aliases", big, "", ""},
	}
	for _, c := range cases {
		n := parse(t, c.src)
		_, err := located.Value(n)
		checkAliasErr(t, c.name+": Value", err, c.valueErr)
		checkAliasErr(t, c.name+": CheckAliases", located.CheckAliases(n), c.checkErr)
	}
}

// TestAliasShared checks that every alias of an anchor decodes to the
// same Go value, and that an alias inside its own anchor is an error.
func TestAliasShared(t *testing.T) {
	v, err := (&Decoder{}).Value(parse(t, "a: &a {k: [1]}\nb: *a\nc: [*a, *a]\n"))
	if err != nil {
		t.Fatal(err)
	}
	m := v.(*odict.Map).Plain()
	c := m["c"].([]any)
	if fmt.Sprintf("%p", m["a"]) != fmt.Sprintf("%p", m["b"]) || fmt.Sprintf("%p", c[0]) != fmt.Sprintf("%p", m["a"]) {
		t.Errorf("aliases decode to copies: %v", v)
	}
	if _, err := (&Decoder{}).Value(parse(t, "r: &r [*r]\n")); err == nil || !strings.Contains(err.Error(), "recursive alias") {
		t.Errorf("recursive alias: err = %v", err)
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

// TestNestingLimit checks that values nested past MaxNesting are an error
// naming their line, and that MaxNesting levels decode.
func TestNestingLimit(t *testing.T) {
	located := &Decoder{Locate: func(n *yaml.Node, err error) error { return fmt.Errorf("line %d: %w", n.Line, err) }}
	nested := func(depth int) string {
		return "a: " + strings.Repeat("[", depth) + "1" + strings.Repeat("]", depth) + "\n"
	}
	if _, err := located.Value(parse(t, nested(MaxNesting-1))); err != nil {
		t.Errorf("%d levels: %v", MaxNesting, err)
	}
	_, err := located.Value(parse(t, nested(MaxNesting+1)))
	if err == nil || !strings.HasPrefix(err.Error(), "line 1:") || !strings.Contains(err.Error(), "nesting limit") {
		t.Errorf("%d levels: err = %v", MaxNesting+2, err)
	}
}
