// Package pyvalue formats and parses plain Go value trees the way Python
// does: repr(), str(), json.dumps and ast.literal_eval.
//
// Plain values are nil, bool, int, *big.Int, float64, string, []any,
// []string, Tuple, *odict.Map (dicts, listed in insertion order) and
// map[string]any (dicts listed in the order odict.PlainKeys gives). Other types
// take part by implementing Wrapper.
package pyvalue

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"

	"github.com/edxplay/edxplay/internal/odict"
)

// Tuple is a Python tuple: it prints in parentheses and encodes as a JSON
// list.
type Tuple []any

// Wrapper is implemented by a caller's types that stand for a Python
// value (a lazily read mapping, a tuple type of its own...).
type Wrapper interface {
	// PyValue returns the plain value that the receiver stands for.
	PyValue() any
}

// Str renders v like Python's str(): strings as they are, anything else
// like Repr.
func Str(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case Wrapper:
		if s, ok := t.PyValue().(string); ok {
			return s
		}
	}
	return Repr(v)
}

// Repr renders v like Python's repr() of the equivalent object.
func Repr(v any) string {
	var b strings.Builder
	writeRepr(&b, v, 0)
	return b.String()
}

// MaxDepth is how deeply Repr and JSON follow nested lists and dicts
// (Python's default recursion limit): JSON fails past it, as json.dumps
// does, and Repr writes "..." for deeper values.
const MaxDepth = 1000

func writeRepr(b *strings.Builder, v any, depth int) {
	if depth > MaxDepth {
		b.WriteString("...")
		return
	}
	switch x := v.(type) {
	case nil:
		b.WriteString("None")
	case bool:
		b.WriteString(map[bool]string{true: "True", false: "False"}[x])
	case int:
		b.WriteString(strconv.Itoa(x))
	case *big.Int:
		b.WriteString(x.String())
	case float64:
		b.WriteString(FloatRepr(x))
	case string:
		b.WriteString(QuoteString(x))
	case Tuple:
		writeSeq(b, x, "(", ")", depth)
		if len(x) == 1 {
			s := b.String()
			b.Reset()
			b.WriteString(s[:len(s)-1] + ",)")
		}
	case []any:
		writeSeq(b, x, "[", "]", depth)
	case []string:
		writeSeq(b, stringsToAny(x), "[", "]", depth)
	case *odict.Map:
		writeDict(b, x.Keys(), x.Plain(), depth)
	case map[string]any:
		writeDict(b, odict.PlainKeys(x), x, depth)
	case Wrapper:
		writeRepr(b, x.PyValue(), depth+1)
	default:
		fmt.Fprint(b, x)
	}
}

// writeDict writes the entries of m in the order of keys.
func writeDict(b *strings.Builder, keys []string, m map[string]any, depth int) {
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(QuoteString(k))
		b.WriteString(": ")
		writeRepr(b, m[k], depth+1)
	}
	b.WriteByte('}')
}

func writeSeq(b *strings.Builder, items []any, open, closing string, depth int) {
	b.WriteString(open)
	for i, e := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		writeRepr(b, e, depth+1)
	}
	b.WriteString(closing)
}

func stringsToAny(s []string) []any {
	out := make([]any, len(s))
	for i, e := range s {
		out[i] = e
	}
	return out
}

// FloatRepr formats f like Python's repr(float): the shortest digits that
// round-trip, exponent form below 1e-4 and from 1e16.
func FloatRepr(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64)
	mant, expText, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expText)
	if exp < -4 || exp >= 16 {
		sign := "+"
		if exp < 0 {
			sign, exp = "-", -exp
		}
		return fmt.Sprintf("%se%s%02d", mant, sign, exp)
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// QuoteString renders s like Python's repr(str): single quotes unless s
// holds a single quote and no double quote, non-printable characters
// escaped.
func QuoteString(s string) string {
	quote := '\''
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		quote = '"'
	}
	var b strings.Builder
	b.WriteRune(quote)
	for _, r := range s {
		switch {
		case r == quote || r == '\\':
			b.WriteRune('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case !unicode.IsPrint(r) && r != ' ':
			writeCodepoint(&b, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteRune(quote)
	return b.String()
}

// writeCodepoint writes the shortest of Python's \x, \u and \U escapes.
func writeCodepoint(b *strings.Builder, r rune) {
	switch {
	case r <= 0xff:
		fmt.Fprintf(b, `\x%02x`, r)
	case r <= 0xffff:
		fmt.Fprintf(b, `\u%04x`, r)
	default:
		fmt.Fprintf(b, `\U%08x`, r)
	}
}
