package jinja2

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// strFormatMethod is Python's str.format.
func strFormatMethod(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	s, err := formatBraces(recv.s, args, kw)
	if err != nil {
		return None, err
	}
	r := withMarks(Str(s), args...)
	return withMarks(r, kw.vals...), nil
}

func formatBraces(f string, args []Value, kw *Dict) (string, error) {
	var b strings.Builder
	auto := 0
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c == '}' {
			if i+1 < len(f) && f[i+1] == '}' {
				b.WriteByte('}')
				i++
				continue
			}
			return "", valueErrorf("Single '}' encountered in format string")
		}
		if c != '{' {
			b.WriteByte(c)
			continue
		}
		if i+1 < len(f) && f[i+1] == '{' {
			b.WriteByte('{')
			i++
			continue
		}
		end := strings.IndexByte(f[i:], '}')
		if end < 0 {
			return "", valueErrorf("Single '{' encountered in format string")
		}
		out, err := formatField(f[i+1:i+end], args, kw, &auto)
		if err != nil {
			return "", err
		}
		b.WriteString(out)
		i += end
	}
	return b.String(), nil
}

func formatField(field string, args []Value, kw *Dict, auto *int) (string, error) {
	spec := ""
	if j := strings.IndexByte(field, ':'); j >= 0 {
		field, spec = field[:j], field[j+1:]
	}
	conv := byte(0)
	if j := strings.IndexByte(field, '!'); j >= 0 && j+1 < len(field) {
		field, conv = field[:j], field[j+1]
	}
	name := field
	rest := ""
	if j := strings.IndexAny(field, ".["); j >= 0 {
		name, rest = field[:j], field[j:]
	}
	v, err := formatArg(name, args, kw, auto)
	if err != nil {
		return "", err
	}
	for rest != "" {
		if v, rest, err = formatAccess(v, rest); err != nil {
			return "", err
		}
	}
	switch conv {
	case 'r', 'a':
		v = Str(Repr(v))
	case 's':
		s, err := ToString(v)
		if err != nil {
			return "", err
		}
		v = Str(s)
	}
	return formatSpec(v, spec)
}

func formatArg(name string, args []Value, kw *Dict, auto *int) (Value, error) {
	if name == "" {
		name = strconv.Itoa(*auto)
		*auto++
	}
	if n, err := strconv.Atoi(name); err == nil {
		if n >= len(args) {
			return None, newError("IndexError", "Replacement index %d out of range for positional args tuple", n)
		}
		return args[n], nil
	}
	v, ok := kw.GetStr(name)
	if !ok {
		return None, newError("KeyError", "%s", QuoteString(name))
	}
	return v, nil
}

func formatAccess(v Value, rest string) (Value, string, error) {
	if rest[0] == '.' {
		j := strings.IndexAny(rest[1:], ".[")
		if j < 0 {
			j = len(rest) - 1
		}
		name := rest[1 : j+1]
		r := getAttr(v, name)
		if v.kind == DictKind {
			r, _ = lookupMethod(v, name)
		}
		if r.kind == UndefinedKind || r.kind == NoneKind {
			return None, "", newError("AttributeError", "'%s' object has no attribute %s", typeName(v), QuoteString(name))
		}
		return r, rest[j+1:], nil
	}
	j := strings.IndexByte(rest, ']')
	if j < 0 {
		return None, "", valueErrorf("Missing ']' in format string")
	}
	key := Str(rest[1:j])
	if n, err := strconv.Atoi(key.s); err == nil {
		key = Int(int64(n))
	}
	r, ok := item(v, key)
	if !ok {
		return None, "", newError("KeyError", "%s", Repr(key))
	}
	return r, rest[j+1:], nil
}

// fmtSpec is a parsed format-spec mini-language string.
type fmtSpec struct {
	fill         string
	align, sign  byte
	alt, zero    bool
	width, prec  int
	group, typ   byte
	hasPrecision bool
}

func parseSpec(s string) (fmtSpec, error) {
	sp := fmtSpec{fill: " ", prec: -1}
	if r, n := utf8.DecodeRuneInString(s); n > 0 && len(s) > n && strings.IndexByte("<>=^", s[n]) >= 0 {
		sp.fill, sp.align, s = string(r), s[n], s[n+1:]
	} else if s != "" && strings.IndexByte("<>=^", s[0]) >= 0 {
		sp.align, s = s[0], s[1:]
	}
	if s != "" && strings.IndexByte("+- ", s[0]) >= 0 {
		sp.sign, s = s[0], s[1:]
	}
	if strings.HasPrefix(s, "#") {
		sp.alt, s = true, s[1:]
	}
	if strings.HasPrefix(s, "0") {
		sp.zero, s = true, s[1:]
	}
	n := 0
	for n < len(s) && isDigit(s[n]) {
		n++
	}
	sp.width, _ = strconv.Atoi(s[:n])
	s = s[n:]
	if s != "" && (s[0] == ',' || s[0] == '_') {
		sp.group, s = s[0], s[1:]
	}
	if strings.HasPrefix(s, ".") {
		n = 1
		for n < len(s) && isDigit(s[n]) {
			n++
		}
		sp.prec, _ = strconv.Atoi(s[1:n])
		sp.hasPrecision = true
		s = s[n:]
	}
	if len(s) > 1 {
		return sp, valueErrorf("Invalid format specifier")
	}
	if s != "" {
		sp.typ = s[0]
	}
	if sp.width > maxBuild {
		return sp, valueErrorf("Too many decimal digits in format string")
	}
	return sp, nil
}

// formatSpec is Python's format(v, spec) for str, int and float.
func formatSpec(v Value, spec string) (string, error) {
	sp, err := parseSpec(spec)
	if err != nil {
		return "", err
	}
	var body string
	defAlign := byte('>')
	switch {
	case v.kind == StrKind || (!v.isNumber() && spec == ""):
		s, err := ToString(v)
		if err != nil {
			return "", err
		}
		if sp.hasPrecision {
			if r := []rune(s); len(r) > sp.prec {
				s = string(r[:sp.prec])
			}
		}
		body, defAlign = s, '<'
	case v.isIntegral() && strings.IndexByte("eEfFgG%", sp.typ) < 0:
		if body, err = formatIntSpec(v.BigValue(), sp); err != nil {
			return "", err
		}
	case v.isNumber():
		body = formatFloatSpec(v.toFloat(), sp, v.isIntegral())
	default:
		return "", typeErrorf("unsupported format string passed to %s.__format__", typeName(v))
	}
	return alignSpec(body, sp, defAlign), nil
}

func formatIntSpec(n *big.Int, sp fmtSpec) (string, error) {
	base := map[byte]int{'b': 2, 'o': 8, 'x': 16, 'X': 16, 'd': 10, 'n': 10, 0: 10}[sp.typ]
	if base == 0 {
		if sp.typ == 'c' {
			return string(rune(n.Int64())), nil
		}
		return "", valueErrorf("Unknown format code '%c' for object of type 'int'", sp.typ)
	}
	digits := new(big.Int).Abs(n).Text(base)
	if sp.typ == 'X' {
		digits = strings.ToUpper(digits)
	}
	if sp.group != 0 {
		digits = groupDigits(digits, string(sp.group))
	}
	if sp.alt && base != 10 {
		digits = "0" + map[int]string{2: "b", 8: "o", 16: string(sp.typ)}[base] + digits
	}
	return specSign(digits, n.Sign() < 0, sp.sign), nil
}

func groupDigits(d, sep string) string {
	intPart, frac, _ := strings.Cut(d, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	if frac != "" || strings.Contains(d, ".") {
		return b.String() + "." + frac
	}
	return b.String()
}

func specSign(body string, neg bool, sign byte) string {
	switch {
	case neg:
		return "-" + body
	case sign == '+':
		return "+" + body
	case sign == ' ':
		return " " + body
	}
	return body
}

func formatFloatSpec(f float64, sp fmtSpec, fromInt bool) string {
	prec := sp.prec
	if prec < 0 {
		prec = 6
	}
	var body string
	a := math.Abs(f)
	switch sp.typ {
	case 'f', 'F', 'e', 'E', 'g', 'G':
		body = formatFloat(a, sp.typ, prec, sp.alt)
	case '%':
		body = formatFloat(a*100, 'f', prec, sp.alt) + "%"
	default:
		if sp.hasPrecision {
			body = formatG(a, 'g', prec, sp.alt)
		} else {
			body = strings.TrimPrefix(FloatRepr(f), "-")
		}
	}
	if sp.group != 0 {
		body = groupDigits(body, string(sp.group))
	}
	return specSign(body, math.Signbit(f) && !math.IsNaN(f), sp.sign)
}

func alignSpec(body string, sp fmtSpec, defAlign byte) string {
	align, fill := sp.align, sp.fill
	if sp.zero && align == 0 && defAlign == '>' {
		align, fill = '=', "0"
	}
	if align == 0 {
		align = defAlign
	}
	n := utf8.RuneCountInString(body)
	if n >= sp.width {
		return body
	}
	total := sp.width - n
	switch align {
	case '<':
		return body + strings.Repeat(fill, total)
	case '^':
		return strings.Repeat(fill, total/2) + body + strings.Repeat(fill, total-total/2)
	case '=':
		sign := ""
		if body != "" && strings.IndexByte("+- ", body[0]) >= 0 {
			sign, body = body[:1], body[1:]
		}
		return sign + strings.Repeat(fill, total) + body
	}
	return strings.Repeat(fill, total) + body
}
