package lookups

import (
	"testing"

	"github.com/edxplay/edxplay/internal/jinja2"
)

// TestShapePy checks Templar._lookup's shaping of what a Python plugin's
// run() returned (expected values from ansible-core 2.14).
func TestShapePy(t *testing.T) {
	dict := jinja2.NewDict()
	dict.SetStr("one", jinja2.Int(1))
	dict.SetStr("two", jinja2.Int(2))
	cases := []struct {
		name     string
		ran      jinja2.Value
		typ      string
		wantlist bool
		want     string
		err      bool
	}{
		{"dict wantlist", jinja2.DictValue(dict), "dict", true, "{'one': 1, 'two': 2}", false},
		{"dict joins keys", jinja2.DictValue(dict), "dict", false, "'one,two'", false},
		{"strings joined", jinja2.NewList(jinja2.Str("a"), jinja2.Str("b")), "list", false, "'a,b'", false},
		{"one non-string", jinja2.NewList(jinja2.Int(3)), "list", false, "3", false},
		{"empty as is", jinja2.NewList(), "list", false, "[]", false},
		{"str chars", jinja2.Str("ab"), "str", false, "'a,b'", false},
		{"int refused", jinja2.Int(5), "int", false, "", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := shapePy("p", c.ran, c.typ, c.wantlist)
			if (err != nil) != c.err {
				t.Fatalf("err = %v, want error %v", err, c.err)
			}
			if err == nil && jinja2.Repr(got) != c.want {
				t.Errorf("got %s, want %s", jinja2.Repr(got), c.want)
			}
		})
	}
}

// TestDecodeJSONValue keeps key order and big integers.
func TestDecodeJSONValue(t *testing.T) {
	v, err := decodeJSONValue([]byte(`{"b": [1, 2.5, null, true], "a": 123456789012345678901234567890}`))
	if err != nil {
		t.Fatal(err)
	}
	want := "{'b': [1, 2.5, None, True], 'a': 123456789012345678901234567890}"
	if got := jinja2.Repr(v); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
