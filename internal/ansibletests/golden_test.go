package ansibletests

import (
	"encoding/json"
	"math/big"
	"os"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/jinja2/jinja2test"
)

// goldenCase is one line of testdata/golden.jsonl (written by regen.py
// with ansible-core 2.14).
type goldenCase struct {
	Expr  string `json:"expr"`
	Type  string `json:"type"`
	Repr  string `json:"repr"`
	Error string `json:"error"`
	Msg   string `json:"msg"`
}

// goldenExceptions are cases where Ansible differs for a reason outside
// this package, with the reason.
var goldenExceptions = map[string]string{
	// Jinja2 returns what the test function returns; Ansible's failed test
	// returns the raw `failed` value, and jinja2.TestFunc results are bools.
	"r_failed_str is failed":  "test results are bools",
	"r_failed_str is failure": "test results are bools",
}

// jsonValue decodes JSON into a Value, keeping key order.
func jsonValue(dec *json.Decoder) (jinja2.Value, error) {
	tok, err := dec.Token()
	if err != nil {
		return jinja2.None, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			var items []jinja2.Value
			for dec.More() {
				v, err := jsonValue(dec)
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
			v, err := jsonValue(dec)
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
		return jinja2.Str(t), nil
	case bool:
		return jinja2.Bool(t), nil
	}
	return jinja2.None, nil
}

func loadVars(t *testing.T) *jinja2.Dict {
	data, err := os.ReadFile("testdata/vars.json")
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	v, err := jsonValue(dec)
	if err != nil {
		t.Fatal(err)
	}
	return v.DictOf()
}

func loadGolden(t *testing.T) []goldenCase {
	return jinja2test.LoadJSONL[goldenCase](t, "testdata/golden.jsonl")
}

// TestGolden evaluates every recorded expression with Jinja2 and these
// tests and compares the result (type and repr) or the error (class and
// message) with ansible-core's.
func TestGolden(t *testing.T) {
	env := jinja2.NewEnvironment(jinja2.AnsibleConfig(), nil)
	Register(env)
	vars := jinja2.DictVars{D: loadVars(t)}
	cases := loadGolden(t)
	if len(cases) < 1000 {
		t.Fatalf("only %d golden cases", len(cases))
	}
	failures := 0
	for _, c := range cases {
		if _, ok := goldenExceptions[c.Expr]; ok {
			continue
		}
		got := evalCase(env, vars, c.Expr)
		want := describeGolden(c)
		if got != want {
			failures++
			t.Errorf("%s\n got: %s\nwant: %s", c.Expr, got, want)
		}
	}
	t.Logf("%d cases, %d failures", len(cases), failures)
}

func describeGolden(c goldenCase) string {
	if c.Error != "" {
		return "error " + c.Error + ": " + c.Msg
	}
	return c.Type + " " + c.Repr
}

func evalCase(env *jinja2.Environment, vars jinja2.Vars, expr string) string {
	tpl, err := env.Parse("t", "{{ "+expr+" }}")
	if err != nil {
		return describeErr(err)
	}
	v, err := tpl.Eval(vars)
	if err != nil {
		return describeErr(err)
	}
	return jinja2.TypeName(v) + " " + jinja2.Repr(v)
}

func describeErr(err error) string {
	var e *jinja2.Error
	if ok := asJinjaError(err, &e); ok {
		return "error " + e.Class + ": " + e.Msg
	}
	return "error ?: " + err.Error()
}
