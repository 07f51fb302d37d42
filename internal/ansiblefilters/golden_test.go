package ansiblefilters

import (
	"encoding/json"
	"errors"
	"math/big"
	"os"
	"strings"
	"testing"

	j "github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/jinja2/jinja2test"
)

// goldenCase is one line of testdata/golden.jsonl (written by regen.py).
type goldenCase struct {
	Src   string `json:"src"`
	Mode  string `json:"mode"`
	Type  string `json:"type"`
	Repr  string `json:"repr"`
	Error string `json:"error"`
	Msg   string `json:"msg"`
}

// goldenExceptions are the error cases whose message (and, for YAML, the
// exception class) may differ from Python's, with the reason. They must
// still fail.
var goldenExceptions = map[string]string{
	"{{ s | regex_replace('(', 'x') is string }}":             "Go's regexp words its syntax errors differently from Python's re",
	"{{ '[1, 2' | from_yaml is string }}":                     "yaml.v3 raises one YAMLError where PyYAML has ParserError, ScannerError, ... with other words",
	"{{ d | to_nice_json(indent=2, separators=(',', '=')) }}": "Python names the function by the plugin's generated module name (random)",
}

// goldenValueExceptions are results that differ for reasons outside this
// package, with the reason; the case must still render.
var goldenValueExceptions = map[string]string{
	"{{ range(3) | type_debug }}":          "internal/jinja2's range() builds a list, Python's a range object",
	"{{ 'x' | vault('', salt='abcdef') }}": "internal/vault refuses an empty password (Ansible's filter encrypts with it)",
}

func decodeJSONValue(dec *json.Decoder) (j.Value, error) {
	return decodeJSON(dec, 0)
}

func loadGoldenVars(t testing.TB) *j.Dict {
	f, err := os.Open("testdata/vars.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	dec.UseNumber()
	v, err := decodeJSONValue(dec)
	if err != nil {
		t.Fatal(err)
	}
	return v.DictOf()
}

func loadGolden(t *testing.T, name string) []goldenCase {
	return jinja2test.LoadJSONL[goldenCase](t, "testdata/"+name)
}

// deepCopy copies the containers of v, so one case cannot change the
// variables another case sees.
func deepCopy(v j.Value) j.Value {
	switch v.Kind() {
	case j.ListKind:
		items := make([]j.Value, len(v.Items()))
		for i, it := range v.Items() {
			items[i] = deepCopy(it)
		}
		return j.NewList(items...)
	case j.DictKind:
		d := j.NewDict()
		for i, k := range v.DictOf().Keys() {
			_ = d.Set(k, deepCopy(v.DictOf().Values()[i]))
		}
		return j.DictValue(d)
	}
	return v
}

func newEnv() *j.Environment {
	e := j.NewEnvironment(j.AnsibleConfig(), nil)
	Register(e)
	return e
}

// renderGolden renders one case: type and repr, or error class and message.
func renderGolden(e *j.Environment, c goldenCase, vars *j.Dict) (typ, repr, class, msg string) {
	t, err := e.Parse("", c.Src)
	var v j.Value
	if err == nil {
		vs := j.DictVars{D: deepCopy(j.DictValue(vars)).DictOf()}
		switch c.Mode {
		case "eval":
			v, err = t.Eval(vs)
		case "str":
			v, err = t.Render(vs)
		default:
			v, err = t.Native(vs)
		}
	}
	if err != nil {
		var te *j.Error
		if errors.As(err, &te) {
			return "", "", te.Class, te.Msg
		}
		return "", "", "GoError", err.Error()
	}
	name := j.TypeName(v) // type(v).__name__ has no module prefix
	return name[strings.LastIndexByte(name, '.')+1:], j.Repr(v), "", ""
}

// TestGolden renders every case of testdata/golden.jsonl through jinja2
// with Ansible's filters and compares with what ansible-core 2.14 gave.
func TestGolden(t *testing.T) {
	cases := loadGolden(t, "golden.jsonl")
	if len(cases) < 400 {
		t.Fatalf("only %d golden cases", len(cases))
	}
	checkGolden(t, newEnv(), cases)
}

// TestGoldenConfigEncoders compares the config-encoders filters with the
// Open edX configuration repository's plugins run under Ansible.
func TestGoldenConfigEncoders(t *testing.T) {
	e := newEnv()
	RegisterConfigEncoders(e)
	checkGolden(t, e, loadGolden(t, "golden_encoders.jsonl"))
}

func checkGolden(t *testing.T, e *j.Environment, cases []goldenCase) {
	t.Helper()
	vars := loadGoldenVars(t)
	for _, c := range cases {
		typ, repr, class, msg := renderGolden(e, c, vars)
		if goldenValueExceptions[c.Src] != "" {
			continue // documented above
		}
		switch {
		case c.Error != "":
			_, exempt := goldenExceptions[c.Src]
			if (class != c.Error || msg != c.Msg) && !(exempt && class != "") {
				t.Errorf("%s %s\n  want %s: %s\n  got  %s: %s%s", c.Mode, c.Src, c.Error, c.Msg, class, msg, repr)
			}
		case class != "":
			t.Errorf("%s %s\n  want %s %s\n  got  %s: %s", c.Mode, c.Src, c.Type, c.Repr, class, msg)
		case typ != c.Type || repr != c.Repr:
			t.Errorf("%s %s\n  want %s %s\n  got  %s %s", c.Mode, c.Src, c.Type, c.Repr, typ, repr)
		}
	}
}

// decodeJSON reads vars.json keeping key order and big ints.
func decodeJSON(dec *json.Decoder, depth int) (j.Value, error) {
	if depth > maxDepth {
		return j.None, errors.New("maximum recursion depth exceeded")
	}
	tok, err := dec.Token()
	if err != nil {
		return j.None, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			var items []j.Value
			for dec.More() {
				v, err := decodeJSON(dec, depth+1)
				if err != nil {
					return j.None, err
				}
				items = append(items, v)
			}
			_, err := dec.Token()
			return j.NewList(items...), err
		}
		d := j.NewDict()
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return j.None, err
			}
			v, err := decodeJSON(dec, depth+1)
			if err != nil {
				return j.None, err
			}
			d.SetStr(k.(string), v)
		}
		_, err := dec.Token()
		return j.DictValue(d), err
	case json.Number:
		if n, ok := new(big.Int).SetString(t.String(), 10); ok {
			return j.BigInt(n), nil
		}
		f, err := t.Float64()
		return j.Float(f), err
	case string:
		return j.Str(t), nil
	case bool:
		return j.Bool(t), nil
	}
	return j.None, nil
}
