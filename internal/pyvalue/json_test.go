package pyvalue

import (
	"math/big"
	"reflect"
	"testing"

	"github.com/edxplay/edxplay/internal/odict"
)

// wrapped stands for a caller's own type that formats as a tuple.
type wrapped []any

func (w wrapped) PyValue() any { return Tuple(w) }

func TestJSONAndRepr(t *testing.T) {
	ordered := odict.Of("b", 1, "a", Tuple{"x"})
	oneLine := JSONStyle{Indent: -1, ItemSep: ", ", KeySep: ": "}
	tests := []struct {
		v          any
		st         JSONStyle
		json, repr string
	}{
		{ordered, oneLine, `{"b": 1, "a": ["x"]}`, `{'b': 1, 'a': ('x',)}`},
		{ordered, JSONStyle{Indent: -1, ItemSep: ",", KeySep: ":", SortKeys: true}, `{"a":["x"],"b":1}`, `{'b': 1, 'a': ('x',)}`},
		{"é😀\x7f", oneLine, `"\u00e9\ud83d\ude00\u007f"`, `'é😀\x7f'`},
		{"é\u00a0", JSONStyle{Indent: -1, Unicode: true}, `"é` + "\u00a0" + `"`, `'é\xa0'`},
		{new(big.Int).Lsh(big.NewInt(1), 70), oneLine, "1180591620717411303424", "1180591620717411303424"},
		{wrapped{1, 2}, oneLine, "[1, 2]", "(1, 2)"},
		{[]string{"a"}, JSONStyle{Indent: 2, ItemSep: ","}, "[\n  \"a\"\n]", "['a']"},
		{map[string]any{}, oneLine, "{}", "{}"},
	}
	for _, tt := range tests {
		got, err := JSON(tt.v, tt.st)
		if err != nil || got != tt.json {
			t.Errorf("JSON(%#v) = %s, %v, want %s", tt.v, got, err, tt.json)
		}
		if got := Repr(tt.v); got != tt.repr {
			t.Errorf("Repr(%#v) = %s, want %s", tt.v, got, tt.repr)
		}
	}
	if _, err := JSON(struct{}{}, oneLine); err == nil {
		t.Error("JSON(struct{}{}) succeeded, want not serializable")
	}
}

func TestParseJSON(t *testing.T) {
	tests := []struct {
		in   string
		want any
		keys []string
	}{
		{`{"z": 1, "a": [2.5, null, true]}`, map[string]any{"z": 1, "a": []any{2.5, nil, true}}, []string{"z", "a"}},
		{`123456789012345678901234`, func() any { b, _ := new(big.Int).SetString("123456789012345678901234", 10); return b }(), nil},
		{`"x"`, "x", nil},
	}
	for _, tt := range tests {
		got, err := ParseJSON(tt.in)
		if err != nil || !reflect.DeepEqual(odict.DeepPlain(got), tt.want) {
			t.Errorf("ParseJSON(%q) = %#v, %v, want %#v", tt.in, got, err, tt.want)
		}
		if m, ok := got.(*odict.Map); ok != (tt.keys != nil) || !reflect.DeepEqual(m.Keys(), tt.keys) {
			t.Errorf("ParseJSON(%q) = %T, keys %v, want keys %v", tt.in, got, m.Keys(), tt.keys)
		}
	}
	for _, bad := range []string{`{"a": 1} x`, `[1,`, ``} {
		if _, err := ParseJSON(bad); err == nil {
			t.Errorf("ParseJSON(%q) succeeded, want an error", bad)
		}
	}
}

func TestLiteralEvalOptions(t *testing.T) {
	strKey := LiteralOptions{JSONNames: true, Key: func(k any) (string, error) { return Str(k), nil }}
	tests := []struct {
		in   string
		opts LiteralOptions
		want any
	}{
		{"[true, null]", strKey, []any{true, nil}},
		{"{True: 1}", strKey, map[string]any{"True": 1}},
		{"{True: 1}", LiteralOptions{}, map[string]any{"true": 1}},
		{"[1,\n 2] # two", LiteralOptions{}, []any{1, 2}},
	}
	for _, tt := range tests {
		got, err := LiteralEval(tt.in, tt.opts)
		if err != nil || !reflect.DeepEqual(odict.DeepPlain(got), tt.want) {
			t.Errorf("LiteralEval(%q) = %#v, %v, want %#v", tt.in, got, err, tt.want)
		}
	}
	if _, err := LiteralEval("[true]", LiteralOptions{}); err == nil {
		t.Error("LiteralEval([true]) without JSONNames succeeded")
	}
}
