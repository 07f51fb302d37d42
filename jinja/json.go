package jinja

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf16"
)

// jsonStyle mirrors the json.dumps arguments Ansible passes.
type jsonStyle struct {
	indent   int // <0: single line
	itemSep  string
	keySep   string
	sortKeys bool
}

// toJSON encodes like Python's json.dumps with ensure_ascii=True.
func toJSON(v any, st jsonStyle) (string, error) {
	var b strings.Builder
	if err := writeJSON(&b, plain(v), st, 0); err != nil {
		return "", err
	}
	return b.String(), nil
}

func writeJSON(b *strings.Builder, v any, st jsonStyle, depth int) error {
	switch t := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(map[bool]string{true: "true", false: "false"}[t])
	case int:
		b.WriteString(strconv.Itoa(t))
	case *big.Int:
		b.WriteString(t.String())
	case float64:
		b.WriteString(jsonFloat(t))
	case string:
		b.WriteString(jsonQuote(t))
	case pyTuple:
		return writeJSONList(b, t, st, depth)
	case []any:
		return writeJSONList(b, t, st, depth)
	case map[string]any:
		return writeJSONMap(b, t, st, depth)
	case *lazyMap:
		return writeJSON(b, materialize(t.scope), st, depth)
	case error:
		return t
	default:
		return fmt.Errorf("Object of type %s is not JSON serializable", pyTypeName(v))
	}
	return nil
}

func jsonFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case math.IsNaN(f):
		return "NaN"
	}
	return pyFloat(f)
}

func (st jsonStyle) newline(b *strings.Builder, depth int) {
	if st.indent >= 0 {
		b.WriteByte('\n')
		b.WriteString(strings.Repeat(" ", st.indent*depth))
	}
}

func writeJSONList(b *strings.Builder, l []any, st jsonStyle, depth int) error {
	if len(l) == 0 {
		b.WriteString("[]")
		return nil
	}
	b.WriteByte('[')
	for i, e := range l {
		if i > 0 {
			b.WriteString(st.itemSep)
		}
		st.newline(b, depth+1)
		if err := writeJSON(b, e, st, depth+1); err != nil {
			return err
		}
	}
	st.newline(b, depth)
	b.WriteByte(']')
	return nil
}

func writeJSONMap(b *strings.Builder, m map[string]any, st jsonStyle, depth int) error {
	if len(m) == 0 {
		b.WriteString("{}")
		return nil
	}
	b.WriteByte('{')
	for i, k := range sortedKeys(m) {
		if i > 0 {
			b.WriteString(st.itemSep)
		}
		st.newline(b, depth+1)
		b.WriteString(jsonQuote(k))
		b.WriteString(st.keySep)
		if err := writeJSON(b, m[k], st, depth+1); err != nil {
			return err
		}
	}
	st.newline(b, depth)
	b.WriteByte('}')
	return nil
}

// jsonQuote quotes like Python's json with ensure_ascii=True.
func jsonQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r < 0x20 || (r >= 0x7f && r <= 0xffff):
			fmt.Fprintf(&b, `\u%04x`, r)
		case r > 0xffff:
			hi, lo := utf16.EncodeRune(r)
			fmt.Fprintf(&b, `\u%04x\u%04x`, hi, lo)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// fromJSON decodes JSON keeping integers as int.
func fromJSON(s string) (any, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	return jsonNumbers(v), nil
}

func jsonNumbers(v any) any {
	switch t := v.(type) {
	case json.Number:
		if i, err := strconv.ParseInt(string(t), 10, 64); err == nil {
			return int(i)
		}
		if bi, ok := new(big.Int).SetString(string(t), 10); ok {
			return bi
		}
		f, _ := t.Float64()
		return f
	case []any:
		for i := range t {
			t[i] = jsonNumbers(t[i])
		}
	case map[string]any:
		for k := range t {
			t[k] = jsonNumbers(t[k])
		}
	}
	return v
}

func jsonFilters() map[string]filterFn {
	return map[string]filterFn{
		"to_json": func(in any, c *call) (any, error) {
			st := jsonStyle{indent: -1, itemSep: ", ", keySep: ": "}
			if c.has(-1, "indent") {
				st.indent, st.itemSep = asInt(c.kw["indent"], 0), ","
			}
			return toJSON(in, st)
		},
		"to_nice_json": func(in any, c *call) (any, error) {
			st := jsonStyle{indent: asInt(c.arg(0, "indent", 4), 4), itemSep: ",", keySep: ": ", sortKeys: true}
			return toJSON(in, st)
		},
		"from_json": func(in any, _ *call) (any, error) { return fromJSON(pyStr(in)) },
	}
}

// PyJSON encodes v as Python's json.dumps(v, sort_keys=True, indent=indent)
// does: indent < 0 gives the one-line form with ", " and ": " separators.
func PyJSON(v any, indent int) string {
	st := jsonStyle{indent: indent, itemSep: ", ", keySep: ": ", sortKeys: true}
	if indent >= 0 {
		st.itemSep = ","
	}
	s, err := toJSON(v, st)
	if err != nil {
		return fmt.Sprint(v)
	}
	return s
}
