package jinja2

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"strings"
	"testing"
)

// goldenCase is one line of testdata/golden.jsonl (written by regen.py).
type goldenCase struct {
	Src   string         `json:"src"`
	Mode  string         `json:"mode"`
	Opts  map[string]any `json:"opts"`
	Type  string         `json:"type"`
	Repr  string         `json:"repr"`
	Error string         `json:"error"`
	Msg   string         `json:"msg"`
	Line  int            `json:"line"`
}

// jsonValue decodes JSON into a Value, keeping key order.
func jsonValue(dec *json.Decoder) (Value, error) {
	tok, err := dec.Token()
	if err != nil {
		return None, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			var items []Value
			for dec.More() {
				v, err := jsonValue(dec)
				if err != nil {
					return None, err
				}
				items = append(items, v)
			}
			_, err := dec.Token()
			return NewList(items...), err
		}
		d := NewDict()
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return None, err
			}
			v, err := jsonValue(dec)
			if err != nil {
				return None, err
			}
			d.SetStr(k.(string), v)
		}
		_, err := dec.Token()
		return DictValue(d), err
	case json.Number:
		if b, ok := new(big.Int).SetString(t.String(), 10); ok {
			return BigInt(b), nil
		}
		f, err := t.Float64()
		return Float(f), err
	case string:
		return Str(t), nil
	case bool:
		return Bool(t), nil
	}
	return None, nil
}

func loadVars(t *testing.T) *Dict {
	f, err := os.Open("testdata/vars.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	dec.UseNumber()
	v, err := jsonValue(dec)
	if err != nil {
		t.Fatal(err)
	}
	return v.DictOf()
}

var goldenLoader = MapLoader{
	"inc.j2":     "[included n={{ n }}]",
	"loopinc.j2": "<{{ x }}>",
	"macros.j2": "{% macro hello(who) %}hello {{ who }}{% endmacro %}{% macro bye() %}bye{% endmacro %}" +
		"{% set greeting = 'hi' %}{% macro _private() %}{% endmacro %}",
	"base.j2": "<title>{% block title %}base title{% endblock %}</title>{% block body %}base body{% endblock %}",
	"mid.j2":  "{% extends 'base.j2' %}{% block body %}mid+{{ super() }}{% endblock %}",
}

func configFor(opts map[string]any) Config {
	c := AnsibleConfig()
	for k, v := range opts {
		switch k {
		case "trim_blocks":
			c.TrimBlocks = v.(bool)
		case "lstrip_blocks":
			c.LstripBlocks = v.(bool)
		case "keep_trailing_newline":
			c.KeepTrailingNewline = v.(bool)
		case "newline_sequence":
			c.NewlineSequence = v.(string)
		case "block_start_string":
			c.BlockStart = v.(string)
		case "block_end_string":
			c.BlockEnd = v.(string)
		case "variable_start_string":
			c.VariableStart = v.(string)
		case "variable_end_string":
			c.VariableEnd = v.(string)
		case "comment_start_string":
			c.CommentStart = v.(string)
		case "comment_end_string":
			c.CommentEnd = v.(string)
		}
	}
	return c
}

// renderCase renders one golden case and describes the result as
// regen.py does: type and repr, or error class and message.
var goldenEnvs = map[string]*Environment{}

func renderCase(c goldenCase, vars *Dict) (typ, repr, class, msg string, line int) {
	key := fmt.Sprint(c.Opts)
	env, ok := goldenEnvs[key]
	if !ok {
		env = NewEnvironment(configFor(c.Opts), goldenLoader)
		goldenEnvs[key] = env
	}
	if c.Mode == "file" {
		return renderFile(env, c, vars)
	}
	t, err := env.Parse("", c.Src)
	var v Value
	if err == nil {
		vs := DictVars{deepCopy(DictValue(vars)).DictOf()}
		switch c.Mode {
		case "eval":
			v, err = t.Eval(vs)
		case "native":
			v, err = t.Native(vs)
		default:
			v, err = t.Render(vs)
		}
	}
	if err != nil {
		var e *Error
		if ok := asError(err, &e); ok {
			return "", "", e.Class, e.Msg, e.Line
		}
		return "", "", "GoError", err.Error(), 0
	}
	if v.kind == StrKind {
		return "str", QuoteString(v.s), "", "", 0
	}
	return typeName(v), Repr(v), "", "", 0
}

func asError(err error, e **Error) bool {
	x, ok := err.(*Error)
	*e = x
	return ok
}

// goldenExceptions are the recorded templates whose Python result our
// value model does not represent (complex numbers, bytes, sets, Unicode
// character names, pow with an arbitrary fractional exponent).
var goldenExceptions = map[string]string{
	"{{ g ** f }}":                        "negative float ** fractional power is a Python complex number",
	"{{ (-8) ** 0.5 }}":                   "negative ** fractional power is a Python complex number",
	"{{ '\\u00e9' }} {{ '\\N{BULLET}' }}": "\\N{name} escapes need the Unicode name table",
	"{{ 'b\"x\"' }}":                      "native literal_eval of a bytes literal: no bytes type",
	"{{ '{1, 2}' }}":                      "literal_eval of a set literal: no set type",
	"{{ big ** g }}":                      "pow with a fractional exponent other than 1/2 is not correctly rounded",
}

// goldenException returns why a recorded result is not compared.
func goldenException(c goldenCase) (string, bool) {
	if reason, ok := goldenExceptions[c.Src]; ok {
		return reason, true
	}
	if c.Type == "complex" || strings.HasSuffix(c.Repr, "j)'") || strings.HasSuffix(c.Repr, "j)") {
		return "Python complex number: no complex type", true
	}
	return "", false
}

// TestGolden renders every template recorded from Python's Jinja2 (as
// Ansible 2.14 configures it) and compares output or error class.
func TestGolden(t *testing.T) {
	f, err := os.Open("testdata/golden.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	vars := loadVars(t)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	total, failed, excepted := 0, 0, 0
	var report strings.Builder
	for sc.Scan() {
		var c goldenCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		total++
		if reason, ok := goldenException(c); ok {
			excepted++
			t.Logf("exception %q: %s", c.Src, reason)
			continue
		}
		typ, repr, class, msg, line := renderCase(c, vars)
		switch {
		case c.Error != "" && class != c.Error:
			failed++
			fmt.Fprintf(&report, "%s%v %q: want error %s (%s), got %s%s %s\n", c.Mode, c.Opts, c.Src, c.Error, c.Msg, class, msg, repr)
		case c.Error == "" && (class != "" || typ != c.Type || repr != c.Repr):
			failed++
			fmt.Fprintf(&report, "%s%v %q: want %s %s, got %s %s %s %s\n", c.Mode, c.Opts, c.Src, c.Type, c.Repr, typ, repr, class, msg)
		case strings.HasPrefix(c.Error, "Template") && c.Line > 0 && c.Line != line:
			failed++
			fmt.Fprintf(&report, "%s %q: want line %d, got %d\n", c.Mode, c.Src, c.Line, line)
		case c.Error != "" && msg != c.Msg:
			failed++
			fmt.Fprintf(&report, "%s %q: want message %q, got %q\n", c.Mode, c.Src, c.Msg, msg)
		}
	}
	if failed > 0 {
		t.Errorf("%d of %d templates differ from Python Jinja2:\n%s", failed, total, report.String())
	}
	t.Logf("%d templates, %d differences, %d documented exceptions", total, failed, excepted)
}

func deepCopy(v Value) Value {
	switch v.kind {
	case ListKind, TupleKind:
		items := make([]Value, len(v.Items()))
		for i, it := range v.Items() {
			items[i] = deepCopy(it)
		}
		return Value{kind: v.kind, mark: v.mark, ref: &List{Items: items}}
	case DictKind:
		d := NewDict()
		src := v.DictOf()
		for i, k := range src.keys {
			_ = d.Set(k, deepCopy(src.vals[i]))
		}
		return Value{kind: DictKind, mark: v.mark, ref: d}
	}
	return v
}

// renderFile renders a "file" case (the template module); Ansible wraps
// every error as AnsibleError, so only the fact of an error is compared.
func renderFile(env *Environment, c goldenCase, vars *Dict) (typ, repr, class, msg string, line int) {
	v, err := env.RenderFile("", c.Src, DictVars{deepCopy(DictValue(vars)).DictOf()})
	if err != nil {
		return "", "", "AnsibleError", c.Msg, 0
	}
	return "str", QuoteString(v.s), "", "", 0
}
