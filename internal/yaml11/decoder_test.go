package yaml11

import (
	"encoding/json"
	"errors"
	"github.com/edxplay/edxplay/internal/taint"
	"math"
	"math/big"
	"os"
	"reflect"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/edxplay/edxplay/internal/odict"
)

// jsonLike converts decoded values to what encoding/json yields for the
// golden: numbers become float64, infinity the string "+Inf".
func jsonLike(v any) any {
	switch t := v.(type) {
	case taint.Value: // JSON holds no marks; Ansible's unsafe text is a str
		return jsonLike(t.V)
	case *odict.Map:
		out := map[string]any{}
		for k, x := range t.All() {
			out[k] = jsonLike(x)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = jsonLike(x)
		}
		return out
	case int:
		return float64(t)
	case float64:
		if math.IsInf(t, 1) {
			return "+Inf"
		}
	}
	return v
}

func parse(t *testing.T, src string) *yaml.Node {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		t.Fatal(err)
	}
	return &n
}

// checkValue decodes in with d and compares the value, or the error text
// when wantErr is set.
func checkValue(t *testing.T, name string, d *Decoder, in string, want any, wantErr string) {
	t.Helper()
	got, err := d.Value(parse(t, in))
	if wantErr != "" {
		if err == nil || err.Error() != wantErr {
			t.Errorf("%s: err = %v, want %q", name, err, wantErr)
		}
		return
	}
	if err != nil || !reflect.DeepEqual(odict.DeepPlain(got), want) {
		t.Errorf("%s: got %#v, %v; want %#v", name, got, err, want)
	}
}

// TestValuesMatchAnsible compares decoding with Ansible's loader
// (testdata/regen.py).
func TestValuesMatchAnsible(t *testing.T) {
	src, err := os.ReadFile("testdata/values.yml")
	if err != nil {
		t.Fatal(err)
	}
	got, err := (&Decoder{}).Value(parse(t, string(src)))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("testdata/values.json")
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]any
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	g := jsonLike(got).(map[string]any)
	for k, w := range want {
		if !reflect.DeepEqual(g[k], w) {
			t.Errorf("%s: got %#v, want %#v", k, g[k], w)
		}
	}
	if len(g) != len(want) {
		t.Errorf("got %d keys, want %d", len(g), len(want))
	}
}

func TestResolvePlain(t *testing.T) {
	big20, _ := new(big.Int).SetString("100000000000000000000", 10)
	tests := []struct {
		in   string
		want any
	}{
		{"0644", 420}, {"0755", 493}, {"08", "08"}, {"09", "09"}, {"1_000", 1000}, {"-1_000", -1000},
		{"1e3", "1e3"}, {"1.0e+3", 1000.0}, {"1.5e+3", 1500.0}, {"1.", 1.0}, {"1.10", 1.1},
		{"yes", true}, {"Off", false}, {"True", true}, {"tRue", "tRue"}, {"y", "y"},
		{"~", nil}, {"", nil}, {"Null", nil}, {"2001-12-14", "2001-12-14"},
		{"0x1F", 31}, {"0x1f", 31}, {"0b11", 3}, {"-0b11", -3}, {"+7", 7}, {"0", 0},
		{"1:30", 90}, {"-1:30", -90}, {"1:30.5", 90.5},
		{".inf", math.Inf(1)}, {"-.inf", math.Inf(-1)}, {".5", 0.5},
		{"100000000000000000000", big20},
	}
	for _, tc := range tests {
		if got := ResolvePlain(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ResolvePlain(%q) = %#v, want %#v", tc.in, got, tc.want)
		}
	}
	if got := ResolvePlain(".nan"); !math.IsNaN(got.(float64)) {
		t.Errorf("ResolvePlain(.nan) = %#v", got)
	}
}

func TestScalarTags(t *testing.T) {
	tests := []struct {
		in      string
		want    any
		wantErr string
	}{
		{`!!str 123`, "123", ""},
		{`!!int "42"`, 42, ""},
		{`!!int 0x10`, 16, ""},
		{`!!float 3`, 3.0, ""},
		{`!!float "1.5"`, 1.5, ""},
		{`!!bool "yes"`, true, ""},
		{`!!null x`, nil, ""},
		{`!unsafe "{{ x }}"`, taint.Value{V: "{{ x }}", Flags: taint.Unsafe}, ""},
		{`!unsafe ['{{ x }}', 1]`, []any{taint.Value{V: "{{ x }}", Flags: taint.Unsafe}, 1}, ""},
		{"!unsafe {a: '{{ x }}'}", map[string]any{"a": taint.Value{V: "{{ x }}", Flags: taint.Unsafe}}, ""},
		{`"yes"`, "yes", ""},
		{`'0644'`, "0644", ""},
		{`!!int foo`, nil, `cannot decode "foo" as !!int`},
		{`!!bool maybe`, nil, `cannot decode "maybe" as !!bool`},
		{`!foo x`, nil, "unsupported yaml tag !foo"},
		{`!vault abc`, nil, ErrNoVaultSecret.Error()},
	}
	for _, tc := range tests {
		checkValue(t, tc.in, &Decoder{}, tc.in, tc.want, tc.wantErr)
	}
}

func TestMergeKeysAndOrder(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want map[string]any
		keys []string
	}{
		{"single", "a: &a {x: 1, y: 1}\nb: {<<: *a, y: 2, w: 0}",
			map[string]any{"x": 1, "y": 2, "w": 0}, []string{"x", "y", "w"}},
		{"list, earlier wins", "a: &a {y: 1}\nc: &c {y: 3, z: 3}\nb: {<<: [*a, *c], k: 0}",
			map[string]any{"y": 1, "z": 3, "k": 0}, []string{"y", "z", "k"}},
		{"explicit before merge still wins", "a: &a {y: 1, q: 1}\nb: {y: 2, <<: *a}",
			map[string]any{"y": 2, "q": 1}, []string{"y", "q"}},
		{"quoted << is a key", "a: {}\nb: {'<<': 1}", map[string]any{"<<": 1}, []string{"<<"}},
		{"duplicate keeps first place", "a: {}\nb: {z: 1, a: 2, z: 3}",
			map[string]any{"z": 3, "a": 2}, []string{"z", "a"}},
		{"scalar keys as str()", "a: {}\nb: {1: a, yes: b, ~: c, 1.5: d}",
			map[string]any{"1": "a", "True": "b", "None": "c", "1.5": "d"}, []string{"1", "True", "None", "1.5"}},
	}
	for _, tc := range tests {
		v, err := (&Decoder{}).Value(parse(t, tc.in))
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		bv, _ := v.(*odict.Map).Get("b")
		b := bv.(*odict.Map)
		if !reflect.DeepEqual(b.Plain(), tc.want) {
			t.Errorf("%s: got %#v, want %#v", tc.name, b.Plain(), tc.want)
		}
		if got := b.Keys(); !reflect.DeepEqual(got, tc.keys) {
			t.Errorf("%s: keys %q, want %q", tc.name, got, tc.keys)
		}
	}
}

func TestHooks(t *testing.T) {
	big20, _ := new(big.Int).SetString("100000000000000000000", 10)
	located := errors.New("located")
	tests := []struct {
		name    string
		d       Decoder
		in      string
		want    any
		wantErr string
	}{
		{"json plain scalars", Decoder{JSON: true}, `{"a": true, "b": 1, "c": 1.5, "d": null, "<<": 2}`,
			map[string]any{"a": true, "b": 1, "c": 1.5, "d": nil, "<<": 2}, ""},
		{"json keeps yes a string", Decoder{JSON: true}, `["yes", 1e3]`, []any{"yes", 1000.0}, ""},
		{"json big int", Decoder{JSON: true}, `[100000000000000000000, 1e999]`, []any{big20, math.Inf(1)}, ""},
		{"locate", Decoder{Locate: func(n *yaml.Node, err error) error {
			return errors.Join(located, err)
		}}, "a: !!int x", nil, "located\ncannot decode \"x\" as !!int"},
		{"key hook", Decoder{Key: func(k any) (string, error) { return "k", nil }}, "1: a",
			map[string]any{"k": "a"}, ""},
		{"collection key", Decoder{}, "? [1]\n: a", nil, "mapping keys must be scalars"},
		{"tag hook", Decoder{Tag: func(n *yaml.Node) (any, error) { return n.Value, nil }}, "!vault abc", "abc", ""},
		{"merge of a list of scalars", Decoder{}, "<<: [1]", nil, "expected a mapping, got a scalar"},
	}
	for _, tc := range tests {
		checkValue(t, tc.name, &tc.d, tc.in, tc.want, tc.wantErr)
	}
}

func TestKindName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"{a: 1}", "a mapping"}, {"[1]", "a list"}, {"~", "null"}, {"x", "a scalar"},
	}
	d := &Decoder{}
	for _, tc := range tests {
		if got := d.KindName(parse(t, tc.in)); got != tc.want {
			t.Errorf("KindName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := d.KindName(nil); got != "nothing" {
		t.Errorf("KindName(nil) = %q, want nothing", got)
	}
}

func TestResolvesToString(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"hello", true}, {"y", true}, {"1e3", true}, {"08", true},
		{"yes", false}, {"0644", false}, {"1.5", false}, {"~", false}, {"", false},
		{"<<", false}, {"=", false}, {"2001-12-14", false}, {"2001-12-14 21:59:43.10 -5", false},
	}
	for _, tc := range tests {
		if got := ResolvesToString(tc.in); got != tc.want {
			t.Errorf("ResolvesToString(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
