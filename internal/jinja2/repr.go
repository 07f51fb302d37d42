package jinja2

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Repr returns Python's repr() of v.
func Repr(v Value) string {
	var b strings.Builder
	writeRepr(&b, v)
	return b.String()
}

// ToString returns Python's str() of v; an Undefined fails. An object
// with a Str method (Python's __str__) prints as it says, others as
// their repr.
func ToString(v Value) (string, error) {
	switch v.kind {
	case StrKind:
		return v.s, nil
	case UndefinedKind:
		if isPlainUndefined(v) {
			return "", nil
		}
		return "", v.ref.(*Undefined).err()
	case ObjectKind:
		if s, ok := v.ref.(interface{ Str() string }); ok {
			return s.Str(), nil
		}
	}
	return Repr(v), nil
}

func writeRepr(b *strings.Builder, v Value) {
	switch v.kind {
	case NoneKind:
		b.WriteString("None")
	case BoolKind:
		if v.n != 0 {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case IntKind:
		if v.ref != nil {
			b.WriteString(v.BigValue().String())
		} else {
			b.WriteString(strconv.FormatInt(v.n, 10))
		}
	case FloatKind:
		b.WriteString(FloatRepr(v.f))
	case StrKind:
		if v.mark&markup != 0 {
			b.WriteString("Markup(" + QuoteString(v.s) + ")")
			return
		}
		b.WriteString(QuoteString(v.s))
	case ListKind:
		writeItems(b, "[", v.Items(), "]")
	case TupleKind:
		items := v.Items()
		if len(items) == 1 {
			b.WriteByte('(')
			writeRepr(b, items[0])
			b.WriteString(",)")
			return
		}
		writeItems(b, "(", items, ")")
	case DictKind:
		writeDict(b, v.ref.(*Dict))
	case UndefinedKind:
		b.WriteString(v.ref.(*Undefined).repr())
	case ObjectKind:
		if r, ok := v.ref.(interface{ Repr() string }); ok {
			b.WriteString(r.Repr())
			return
		}
		fmt.Fprintf(b, "<%s object>", v.ref.(Object).TypeName())
	}
}

func writeItems(b *strings.Builder, open string, items []Value, close string) {
	b.WriteString(open)
	for i, it := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		writeRepr(b, it)
	}
	b.WriteString(close)
}

func writeDict(b *strings.Builder, d *Dict) {
	b.WriteByte('{')
	for i, k := range d.keys {
		if i > 0 {
			b.WriteString(", ")
		}
		writeRepr(b, k)
		b.WriteString(": ")
		writeRepr(b, d.vals[i])
	}
	b.WriteByte('}')
}

// FloatRepr formats f as Python's repr(float).
func FloatRepr(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64)
	mant, expS, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expS)
	neg := strings.HasPrefix(mant, "-")
	digits := strings.Replace(strings.TrimPrefix(mant, "-"), ".", "", 1)
	decpt := exp + 1
	var out string
	switch {
	case decpt <= -4 || decpt > 16:
		out = digits[:1]
		if len(digits) > 1 {
			out += "." + digits[1:]
		}
		sign := "+"
		if exp < 0 {
			sign, exp = "-", -exp
		}
		out += fmt.Sprintf("e%s%02d", sign, exp)
	case decpt <= 0:
		out = "0." + strings.Repeat("0", -decpt) + digits
	case decpt >= len(digits):
		out = digits + strings.Repeat("0", decpt-len(digits)) + ".0"
	default:
		out = digits[:decpt] + "." + digits[decpt:]
	}
	if neg {
		return "-" + out
	}
	return out
}

// QuoteString returns Python's repr() of a str.
func QuoteString(s string) string {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == rune(q) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r < 0x7f || isPrintable(r):
			b.WriteRune(r)
		case r <= 0xff:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
	}
	b.WriteByte(q)
	return b.String()
}

// isPrintable approximates Python's str.isprintable for one rune.
func isPrintable(r rune) bool {
	if r == ' ' {
		return true
	}
	if unicode.In(r, unicode.Cc, unicode.Cf, unicode.Cs, unicode.Co, unicode.Zl, unicode.Zp, unicode.Zs) {
		return false
	}
	return unicode.IsPrint(r) || unicode.IsGraphic(r)
}

// typeName returns the Python type name of v.
func typeName(v Value) string {
	switch v.kind {
	case NoneKind:
		return "NoneType"
	case BoolKind:
		return "bool"
	case IntKind:
		return "int"
	case FloatKind:
		return "float"
	case StrKind:
		switch {
		case v.mark&markup != 0:
			return "Markup"
		case v.mark&nativeText != 0:
			return "NativeJinjaText"
		case v.mark&loaded != 0:
			return "AnsibleUnicode"
		}
		return "str"
	case ListKind:
		return "list"
	case TupleKind:
		return "tuple"
	case DictKind:
		return "dict"
	case UndefinedKind:
		if isPlainUndefined(v) {
			return "Undefined"
		}
		return "AnsibleUndefined"
	}
	return v.ref.(Object).TypeName()
}
