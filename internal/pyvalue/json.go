package pyvalue

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/edxplay/edxplay/internal/odict"
)

// JSONStyle mirrors the arguments of Python's json.dumps.
type JSONStyle struct {
	// Indent is the indent width; below 0 everything stays on one line.
	Indent int
	// ItemSep and KeySep are json.dumps' separators.
	ItemSep, KeySep string
	// SortKeys lists dict keys sorted instead of in their recorded order.
	SortKeys bool
	// Unicode keeps non-ASCII characters (ensure_ascii=False).
	Unicode bool
}

// JSON encodes v like Python's json.dumps with the given style. Errors
// found in the tree are returned as they are; other values of unknown
// types fail like Python's "is not JSON serializable".
func JSON(v any, st JSONStyle) (string, error) {
	var b strings.Builder
	if err := st.write(&b, v, 0); err != nil {
		return "", err
	}
	return b.String(), nil
}

func (st JSONStyle) write(b *strings.Builder, v any, depth int) error {
	if depth > MaxDepth {
		return errors.New("maximum recursion depth exceeded while encoding a JSON object")
	}
	switch t := v.(type) {
	case nil, bool, int, *big.Int, float64:
		b.WriteString(jsonScalar(t))
	case int64, int32, uint32, uint64:
		fmt.Fprint(b, t) // sizes and ids modules report in Go's own widths
	case string:
		b.WriteString(QuoteJSON(t, st.Unicode))
	case Tuple:
		return st.writeList(b, t, depth)
	case []any:
		return st.writeList(b, t, depth)
	case []string:
		return st.writeList(b, stringsToAny(t), depth)
	case *odict.Map:
		return st.writeMap(b, t.Keys(), t.Plain(), depth)
	case map[string]any:
		return st.writeMap(b, odict.PlainKeys(t), t, depth)
	case Wrapper:
		return st.write(b, t.PyValue(), depth+1)
	case error:
		return t
	default:
		return fmt.Errorf("Object of type %T is not JSON serializable", v)
	}
	return nil
}

// jsonScalar renders nil, a bool or a number as JSON text.
func jsonScalar(v any) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(t)
	case int:
		return strconv.Itoa(t)
	case *big.Int:
		return t.String()
	case float64:
		return jsonFloat(t)
	}
	return fmt.Sprint(v)
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
	return FloatRepr(f)
}

func (st JSONStyle) newline(b *strings.Builder, depth int) {
	if st.Indent >= 0 {
		b.WriteByte('\n')
		b.WriteString(strings.Repeat(" ", st.Indent*depth))
	}
}

func (st JSONStyle) writeList(b *strings.Builder, l []any, depth int) error {
	if len(l) == 0 {
		b.WriteString("[]")
		return nil
	}
	b.WriteByte('[')
	for i, e := range l {
		if i > 0 {
			b.WriteString(st.ItemSep)
		}
		st.newline(b, depth+1)
		if err := st.write(b, e, depth+1); err != nil {
			return err
		}
	}
	st.newline(b, depth)
	b.WriteByte(']')
	return nil
}

// writeMap writes the entries of m in the order of keys (sorted with
// SortKeys).
func (st JSONStyle) writeMap(b *strings.Builder, keys []string, m map[string]any, depth int) error {
	if len(m) == 0 {
		b.WriteString("{}")
		return nil
	}
	b.WriteByte('{')
	if st.SortKeys {
		keys = slices.Sorted(slices.Values(keys))
	}
	for i, k := range keys {
		if i > 0 {
			b.WriteString(st.ItemSep)
		}
		st.newline(b, depth+1)
		b.WriteString(QuoteJSON(k, st.Unicode))
		b.WriteString(st.KeySep)
		if err := st.write(b, m[k], depth+1); err != nil {
			return err
		}
	}
	st.newline(b, depth)
	b.WriteByte('}')
	return nil
}

// QuoteJSON quotes s like Python's json: unicode false (ensure_ascii=True)
// escapes every non-ASCII character, unicode true keeps them.
func QuoteJSON(s string, unicode bool) string {
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

// JSONKey converts a hashable dict key to the string json.dumps writes
// for it (True becomes "true", None "null"); lists and dicts cannot be keys.
func JSONKey(k any) (string, error) {
	switch v := k.(type) {
	case string:
		return v, nil
	case nil, bool, int, *big.Int, float64:
		return jsonScalar(v), nil
	case []any, map[string]any, *odict.Map:
		return "", ErrNotLiteral
	}
	return QuoteJSON(fmt.Sprint(k), true), nil
}
