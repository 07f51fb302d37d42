package jinja

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/edxplay/edxplay/keyorder"
)

// jsonStyle mirrors the json.dumps arguments Ansible passes.
type jsonStyle struct {
	indent   int // <0: single line
	itemSep  string
	keySep   string
	sortKeys bool
	// unicode keeps non-ASCII characters (ensure_ascii=False).
	unicode bool
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
		b.WriteString(jsonQuote(t, st.unicode))
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
	keys := dictKeys(m)
	if st.sortKeys {
		keys = sortedKeys(m)
	}
	for i, k := range keys {
		if i > 0 {
			b.WriteString(st.itemSep)
		}
		st.newline(b, depth+1)
		b.WriteString(jsonQuote(k, st.unicode))
		b.WriteString(st.keySep)
		if err := writeJSON(b, m[k], st, depth+1); err != nil {
			return err
		}
	}
	st.newline(b, depth)
	b.WriteByte('}')
	return nil
}

// jsonQuote quotes like Python's json: ensure_ascii=True escapes every
// non-ASCII character, unicode (ensure_ascii=False) keeps them.
func jsonQuote(s string, unicode bool) string {
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
		case r < 0x20 || (!unicode && r >= 0x7f && r <= 0xffff):
			fmt.Fprintf(&b, `\u%04x`, r)
		case !unicode && r > 0xffff:
			hi, lo := utf16.EncodeRune(r)
			fmt.Fprintf(&b, `\u%04x\u%04x`, hi, lo)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// fromJSON decodes JSON keeping integers as int and objects' key order.
func fromJSON(s string) (any, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	v, err := decodeJSONValue(dec)
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			err = errors.New("extra data after the JSON value")
		}
	}
	if err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	return v, nil
}

// decodeJSONValue reads one value from the token stream.
func decodeJSONValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			return decodeJSONArray(dec)
		}
		return decodeJSONObject(dec)
	case json.Number:
		return jsonNumber(t), nil
	}
	return tok, nil
}

func decodeJSONArray(dec *json.Decoder) (any, error) {
	out := []any{}
	for dec.More() {
		v, err := decodeJSONValue(dec)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	_, err := dec.Token() // ']'
	return out, err
}

func decodeJSONObject(dec *json.Decoder) (any, error) {
	out := map[string]any{}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		k, _ := tok.(string)
		v, err := decodeJSONValue(dec)
		if err != nil {
			return nil, err
		}
		out[k] = v
		keys = append(keys, k)
	}
	keyorder.Record(out, keys)
	_, err := dec.Token() // '}'
	return out, err
}

// jsonNumber converts a JSON number to int, *big.Int or float64.
func jsonNumber(t json.Number) any {
	if i, err := strconv.ParseInt(string(t), 10, 64); err == nil {
		return int(i)
	}
	if bi, ok := new(big.Int).SetString(string(t), 10); ok {
		return bi
	}
	f, _ := t.Float64()
	return f
}

func jsonFilters() map[string]filterFn {
	return map[string]filterFn{
		"to_json": func(in any, c *call) (any, error) {
			st := jsonStyle{indent: -1, itemSep: ", ", keySep: ": "}
			if c.has(-1, "indent") && c.kw["indent"] != nil {
				st.indent, st.itemSep = asInt(c.kw["indent"], 0), ","
			}
			return toJSON(in, jsonKeywords(st, c))
		},
		"to_nice_json": func(in any, c *call) (any, error) {
			st := jsonStyle{indent: asInt(c.arg(0, "indent", 4), 4), itemSep: ",", keySep: ": ", sortKeys: true}
			return toJSON(in, jsonKeywords(st, c))
		},
		"from_json": func(in any, _ *call) (any, error) { return fromJSON(pyStr(in)) },
	}
}

// jsonKeywords applies the json.dumps keywords sort_keys and ensure_ascii.
func jsonKeywords(st jsonStyle, c *call) jsonStyle {
	if v, ok := c.kw["sort_keys"]; ok {
		st.sortKeys = truthy(v)
	}
	if v, ok := c.kw["ensure_ascii"]; ok {
		st.unicode = !truthy(v)
	}
	return st
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

// JSONDumps encodes v as Python's json.dumps(v) does with its default
// arguments: dict keys in insertion order, ", " and ": " separators and
// non-ASCII characters escaped.
func JSONDumps(v any) (string, error) {
	return toJSON(v, jsonStyle{indent: -1, itemSep: ", ", keySep: ": "})
}
