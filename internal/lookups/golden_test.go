package lookups

import (
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/jinja2/jinja2test"
)

// goldenCase is one line of testdata/golden.jsonl (regen.py, ansible-core
// 2.14's templar).
type goldenCase struct {
	Expr     string          `json:"expr"`
	Loop     string          `json:"loop"`
	Terms    json.RawMessage `json:"terms"`
	Subdir   string          `json:"subdir"`
	Vars     json.RawMessage `json:"vars"`
	Type     string          `json:"type"`
	Repr     string          `json:"repr"`
	Unsafe   *bool           `json:"unsafe"`
	Error    string          `json:"error"`
	Msg      string          `json:"msg"`
	Warnings []string        `json:"warnings"`
}

// goldenExceptions differ from Ansible for a reason outside this package.
var goldenExceptions = map[string]string{
	// internal/jinja2 marks every value computed from unsafe data unsafe,
	// ints included; Python ints are never AnsibleUnsafe.
	"lookup('file', 'hello.txt') | length":              "int from unsafe data is unsafe",
	"lookup('template', 'greet.j2') | length":           "int from unsafe data is unsafe",
	"lookup('file', 'hello.txt', 'hello.txt') | length": "int from unsafe data is unsafe",
	// pyregex compiles with RE2, whose syntax error messages are its own.
	"lookup('varnames', '(')": "RE2's regular expression error message",
}

// jsonValue decodes JSON into a Value, keeping key order; "@PLAY@" in
// strings is the play directory.
func jsonValue(dec *json.Decoder, play string) (jinja2.Value, error) {
	tok, err := dec.Token()
	if err != nil {
		return jinja2.None, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			var items []jinja2.Value
			for dec.More() {
				v, err := jsonValue(dec, play)
				if err != nil {
					return jinja2.None, err
				}
				items = append(items, v)
			}
			_, err := dec.Token()
			return jinja2.NewList(items...), err
		}
		d := jinja2.NewDict()
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return jinja2.None, err
			}
			v, err := jsonValue(dec, play)
			if err != nil {
				return jinja2.None, err
			}
			d.SetStr(k.(string), v)
		}
		_, err := dec.Token()
		return jinja2.DictValue(d), err
	case json.Number:
		if b, ok := new(big.Int).SetString(t.String(), 10); ok {
			return jinja2.BigInt(b), nil
		}
		f, err := t.Float64()
		return jinja2.Float(f), err
	case string:
		return jinja2.Str(strings.ReplaceAll(t, "@PLAY@", play)), nil
	case bool:
		return jinja2.Bool(t), nil
	}
	return jinja2.None, nil
}

func decodeVars(t *testing.T, data []byte, play string) *jinja2.Dict {
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	v, err := jsonValue(dec, play)
	if err != nil {
		t.Fatal(err)
	}
	return v.DictOf()
}

func loadGolden(t *testing.T) []goldenCase {
	return jinja2test.LoadJSONL[goldenCase](t, "testdata/golden.jsonl")
}

// caseVars is vars.json with the case's overrides.
func caseVars(t *testing.T, base []byte, c goldenCase, play string) *jinja2.Dict {
	vars := decodeVars(t, base, play)
	if len(c.Vars) > 0 {
		over := decodeVars(t, c.Vars, play)
		for i, k := range over.Keys() {
			_ = vars.Set(k, over.Values()[i])
		}
	}
	return vars
}

// TestGolden evaluates every recorded lookup expression and compares the
// result (type, repr, unsafe) or error (class, message) and the warnings
// with ansible-core's.
func TestGolden(t *testing.T) {
	base, err := os.ReadFile("testdata/vars.json")
	if err != nil {
		t.Fatal(err)
	}
	cases := loadGolden(t)
	if len(cases) < 300 {
		t.Fatalf("only %d golden cases", len(cases))
	}
	for _, c := range cases {
		if _, ok := goldenExceptions[c.Expr]; ok {
			continue
		}
		ctrl := newTestController(t, nil)
		ctrl.vars = caseVars(t, base, c, ctrl.play)
		var got string
		var warnings []string
		if c.Loop != "" {
			got, warnings = loopCase(t, ctrl, c)
		} else {
			got, warnings = evalCase(ctrl, c.Expr)
		}
		want := describeGolden(c)
		got = strings.ReplaceAll(got, ctrl.play, "@PLAY@")
		if got != want {
			t.Errorf("%s%s %s\n got: %s\nwant: %s", c.Expr, c.Loop, c.Terms, got, want)
		}
		for i := range warnings {
			warnings[i] = strings.ReplaceAll(warnings[i], ctrl.play, "@PLAY@")
		}
		if !reflect.DeepEqual(warnings, c.Warnings) {
			t.Errorf("%s: warnings\n got: %q\nwant: %q", c.Expr, warnings, c.Warnings)
		}
	}
}

func describeGolden(c goldenCase) string {
	if c.Error != "" {
		return "error " + c.Error + ": " + c.Msg
	}
	s := c.Type + " " + c.Repr
	if c.Unsafe != nil && *c.Unsafe {
		s += " (unsafe)"
	}
	return s
}

// loopCase runs a with_<lookup> case through Loop.
func loopCase(t *testing.T, ctrl *testController, c goldenCase) (string, []string) {
	dec := json.NewDecoder(strings.NewReader(string(c.Terms)))
	dec.UseNumber()
	terms, err := jsonValue(dec, ctrl.play)
	if err != nil {
		t.Fatal(err)
	}
	items, err := Loop(context.Background(), ctrl, c.Loop, terms, c.Subdir)
	if err != nil {
		return describeErr(err), ctrl.warnings
	}
	v := jinja2.NewList(items...)
	if c.Loop == "fileglob" {
		v = inOrder(v)
	}
	return describeValue(v), ctrl.warnings
}

func evalCase(ctrl *testController, expr string) (string, []string) {
	env := ctrl.env(context.Background(), jinja2.AnsibleConfig(), nil)
	tpl, err := env.Parse("t", "{{ "+expr+" }}")
	if err != nil {
		return describeErr(err), ctrl.warnings
	}
	v, err := tpl.Eval(jinja2.DictVars{D: ctrl.vars})
	if err != nil {
		return describeErr(err), ctrl.warnings
	}
	if strings.Contains(expr, "fileglob") {
		v = inOrder(v)
	}
	return describeValue(v), ctrl.warnings
}

// describeValue is the type, repr and unsafe flag regen.py records.
func describeValue(v jinja2.Value) string {
	typ := jinja2.TypeName(v)
	if typ == "NativeJinjaText" {
		typ = "str" // regen.py records str subclasses as str
	}
	s := typ + " " + jinja2.Repr(v)
	if hasStrings(v) && v.IsUnsafe() {
		s += " (unsafe)"
	}
	return s
}

func hasStrings(v jinja2.Value) bool {
	switch v.Kind() {
	case jinja2.StrKind:
		return true
	case jinja2.ListKind, jinja2.TupleKind:
		for _, it := range v.Items() {
			if hasStrings(it) {
				return true
			}
		}
	case jinja2.DictKind:
		for _, it := range v.DictOf().Values() {
			if hasStrings(it) {
				return true
			}
		}
	}
	return false
}

func describeErr(err error) string {
	var e *jinja2.Error
	if errors.As(err, &e) {
		return "error " + e.Class + ": " + e.Msg
	}
	return "error ?: " + err.Error()
}

// inOrder is a fileglob result with its paths sorted, as regen.py records
// it: directory order differs between file systems.
func inOrder(v jinja2.Value) jinja2.Value {
	switch v.Kind() {
	case jinja2.ListKind:
		items := append([]jinja2.Value(nil), v.Items()...)
		sort.Slice(items, func(i, j int) bool { return items[i].StrValue() < items[j].StrValue() })
		return jinja2.WithMarksOf(jinja2.NewList(items...), v)
	case jinja2.StrKind:
		parts := strings.Split(v.StrValue(), ",")
		sort.Strings(parts)
		return jinja2.WithMarksOf(jinja2.Str(strings.Join(parts, ",")), v)
	}
	return v
}
