package ansiblefilters

import (
	"math"
	"strings"

	j "github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/pyvalue"
)

// maxDepth bounds nesting while encoding, as Python's recursion limit.
const maxDepth = 500

// maxIndent bounds to_json's indent so no template can ask for gigabytes
// of spaces.
const maxIndent = 1000

// jsonStyle holds the json.dumps options the filters use.
type jsonStyle struct {
	indent   string // "" with newline false: one line
	newline  bool
	itemSep  string
	keySep   string
	sortKeys bool
	unicode  bool // ensure_ascii=False
}

// jsonOptions reads json.dumps keyword arguments over a base style.
func jsonOptions(st jsonStyle, kw *j.Dict, indentSet bool) (jsonStyle, error) {
	sepSet := false
	for i, k := range kw.Keys() {
		v := kw.Values()[i]
		switch k.StrValue() {
		case "indent":
			if err := st.setIndent(v); err != nil {
				return st, err
			}
			indentSet = true
		case "sort_keys":
			st.sortKeys, _ = truth(v)
		case "ensure_ascii":
			t, _ := truth(v)
			st.unicode = !t
		case "separators":
			items := v.Items()
			if len(items) != 2 || !isStr(items[0]) || !isStr(items[1]) {
				return st, valueError("not enough values to unpack (expected 2)")
			}
			st.itemSep, st.keySep, sepSet = items[0].StrValue(), items[1].StrValue(), true
		case "vault_to_text", "preprocess_unsafe", "skipkeys", "allow_nan", "check_circular":
		default:
			return st, typeError("JSONEncoder.__init__() got an unexpected keyword argument %s", j.QuoteString(k.StrValue()))
		}
	}
	if indentSet && st.newline && !sepSet {
		st.itemSep = ","
	}
	return st, nil
}

func (st *jsonStyle) setIndent(v j.Value) error {
	switch v.Kind() {
	case j.NoneKind:
		st.newline, st.indent = false, ""
	case j.StrKind:
		st.newline, st.indent = true, v.StrValue()
		if len(st.indent) > maxIndent {
			return valueError("indent longer than %d characters", maxIndent)
		}
	case j.IntKind, j.BoolKind:
		n, err := toInt(v)
		if err != nil {
			return err
		}
		st.newline, st.indent = true, strings.Repeat(" ", int(min(max(n, 0), maxIndent)))
	default:
		return typeError("can't multiply sequence by non-int of type '%s'", j.TypeName(v))
	}
	return nil
}

// dumpJSON is json.dumps(v) with Ansible's encoder.
func dumpJSON(v j.Value, st jsonStyle) (string, error) {
	var b strings.Builder
	if err := st.write(&b, v, 0); err != nil {
		return "", err
	}
	return b.String(), nil
}

func (st jsonStyle) write(b *strings.Builder, v j.Value, depth int) error {
	if depth > maxDepth {
		return j.NewError("RecursionError", "maximum recursion depth exceeded while encoding a JSON object")
	}
	switch v.Kind() {
	case j.NoneKind, j.BoolKind, j.IntKind, j.FloatKind:
		b.WriteString(jsonScalar(v))
	case j.StrKind:
		b.WriteString(pyvalue.QuoteJSON(v.StrValue(), st.unicode))
	case j.ListKind, j.TupleKind:
		return st.writeList(b, v.Items(), depth)
	case j.DictKind:
		return st.writeDict(b, v.DictOf(), depth)
	case j.UndefinedKind:
		return defined(v)
	default:
		return typeError("Object of type %s is not JSON serializable", j.TypeName(v))
	}
	return nil
}

// jsonScalar renders None, a bool or a number as json.dumps does.
func jsonScalar(v j.Value) string {
	switch v.Kind() {
	case j.NoneKind:
		return "null"
	case j.BoolKind:
		if v.BoolValue() {
			return "true"
		}
		return "false"
	case j.FloatKind:
		f := v.FloatValue()
		switch {
		case math.IsInf(f, 1):
			return "Infinity"
		case math.IsInf(f, -1):
			return "-Infinity"
		case math.IsNaN(f):
			return "NaN"
		}
		return j.FloatRepr(f)
	}
	return v.BigValue().String()
}

func (st jsonStyle) newlineAt(b *strings.Builder, depth int) {
	if st.newline {
		b.WriteByte('\n')
		b.WriteString(strings.Repeat(st.indent, depth))
	}
}

func (st jsonStyle) writeList(b *strings.Builder, items []j.Value, depth int) error {
	if len(items) == 0 {
		b.WriteString("[]")
		return nil
	}
	b.WriteByte('[')
	for i, it := range items {
		if i > 0 {
			b.WriteString(st.itemSep)
		}
		st.newlineAt(b, depth+1)
		if err := st.write(b, it, depth+1); err != nil {
			return err
		}
	}
	st.newlineAt(b, depth)
	b.WriteByte(']')
	return nil
}

func (st jsonStyle) writeDict(b *strings.Builder, d *j.Dict, depth int) error {
	if d.Len() == 0 {
		b.WriteString("{}")
		return nil
	}
	keys := d.Keys()
	if st.sortKeys {
		var err error
		if keys, err = j.Sort(append([]j.Value{}, keys...), false, nil); err != nil {
			return err
		}
	}
	b.WriteByte('{')
	for i, k := range keys {
		ks, err := jsonKey(k)
		if err != nil {
			return err
		}
		if i > 0 {
			b.WriteString(st.itemSep)
		}
		st.newlineAt(b, depth+1)
		b.WriteString(pyvalue.QuoteJSON(ks, st.unicode))
		b.WriteString(st.keySep)
		v, _ := d.Get(k)
		if err := st.write(b, v, depth+1); err != nil {
			return err
		}
	}
	st.newlineAt(b, depth)
	b.WriteByte('}')
	return nil
}

// jsonKey converts a dict key as json.dumps does.
func jsonKey(k j.Value) (string, error) {
	switch k.Kind() {
	case j.StrKind:
		return k.StrValue(), nil
	case j.NoneKind, j.BoolKind, j.IntKind, j.FloatKind:
		return jsonScalar(k), nil
	}
	return "", typeError("keys must be str, int, float, bool or None, not %s", j.TypeName(k))
}

// toJSON is Ansible's to_json.
func toJSON(_ *j.CallContext, v j.Value, args []j.Value, kw *j.Dict) (j.Value, error) {
	if len(args) > 0 {
		return j.None, tooManyDumpsArgs(len(args)+1, 1, kw)
	}
	st, err := jsonOptions(jsonStyle{itemSep: ", ", keySep: ": "}, kw, false)
	if err != nil {
		return j.None, err
	}
	s, err := dumpJSON(v, st)
	return j.NativeText(s), err
}

// toNiceJSON is Ansible's to_nice_json(a, indent=4, sort_keys=True).
func toNiceJSON(_ *j.CallContext, v j.Value, args []j.Value, kw *j.Dict) (j.Value, error) {
	st := jsonStyle{indent: "    ", newline: true, itemSep: ",", keySep: ": ", sortKeys: true}
	if len(args) > 0 {
		if err := st.setIndent(args[0]); err != nil {
			return j.None, err
		}
	}
	if len(args) > 1 {
		st.sortKeys, _ = truth(args[1])
	}
	if _, dup := kw.GetStr("separators"); dup {
		return j.None, typeError("to_json() got multiple values for keyword argument 'separators'")
	}
	if len(args) > 2 {
		return j.None, tooManyDumpsArgs(len(args)-1, 4, kw)
	}
	st, err := jsonOptions(st, kw, true)
	if err != nil {
		return j.None, err
	}
	s, err := dumpJSON(v, st)
	return j.NativeText(s), err
}

// fromJSON is json.loads.
func fromJSON(_ *j.CallContext, a []j.Value) (j.Value, error) {
	if !isStr(a[0]) {
		return j.None, typeError("the JSON object must be str, bytes or bytearray, not %s", j.TypeName(a[0]))
	}
	return loadsJSON(a[0].StrValue())
}

// dumpsKeywordOnly are json.dumps' keyword-only parameters.
var dumpsKeywordOnly = map[string]bool{"skipkeys": true, "ensure_ascii": true, "check_circular": true, "allow_nan": true,
	"cls": true, "indent": true, "separators": true, "default": true, "sort_keys": true}

// tooManyDumpsArgs is CPython's error for json.dumps called with extra
// positional arguments; fixed counts the keyword-only arguments Ansible
// passes itself.
func tooManyDumpsArgs(given, fixed int, kw *j.Dict) error {
	n := fixed
	for _, k := range kw.Keys() {
		if dumpsKeywordOnly[k.StrValue()] {
			n++
		}
	}
	plural := "s"
	if n == 1 {
		plural = ""
	}
	return typeError("dumps() takes 1 positional argument but %d positional arguments (and %d keyword-only argument%s) were given", given, n, plural)
}
