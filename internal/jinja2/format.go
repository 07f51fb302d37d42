package jinja2

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// percentSpec is one %-conversion: flags, width, precision and verb.
type percentSpec struct {
	flags     string
	width     int
	prec      int // -1: none
	verb      byte
	mappedKey string
	hasKey    bool
}

// percentArgs feeds the arguments of a %-format in order.
type percentArgs struct {
	items   []Value
	mapping *Dict
	next    int
	single  bool
}

func newPercentArgs(b Value) *percentArgs {
	switch b.kind {
	case TupleKind:
		return &percentArgs{items: b.Items()}
	case DictKind:
		return &percentArgs{items: []Value{b}, mapping: b.DictOf(), single: true}
	}
	return &percentArgs{items: []Value{b}, single: true}
}

func (p *percentArgs) take() (Value, error) {
	if p.next >= len(p.items) {
		return None, typeErrorf("not enough arguments for format string")
	}
	p.next++
	return p.items[p.next-1], nil
}

// formatPercent is Python's str % args.
func formatPercent(format string, b Value) (Value, error) {
	args := newPercentArgs(b)
	var out strings.Builder
	usedKey := false
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			out.WriteByte(c)
			continue
		}
		spec, end, err := parsePercent(format, i+1, args)
		if err != nil {
			return None, err
		}
		i = end
		if spec.verb == '%' {
			out.WriteByte('%')
			continue
		}
		arg, err := percentArg(spec, args)
		if err != nil {
			return None, err
		}
		usedKey = usedKey || spec.hasKey
		s, err := convertPercent(spec, arg)
		if err != nil {
			return None, err
		}
		out.WriteString(s)
	}
	mappingLike := b.kind == DictKind || b.kind == ListKind || b.kind == UndefinedKind
	if !usedKey && !mappingLike && args.next < len(args.items) {
		return None, typeErrorf("not all arguments converted during string formatting")
	}
	return Str(out.String()), nil
}

func percentArg(spec percentSpec, args *percentArgs) (Value, error) {
	if !spec.hasKey {
		return args.take()
	}
	if args.mapping == nil {
		if args.items[0].kind == UndefinedKind {
			return args.items[0], nil
		}
		return None, typeErrorf("format requires a mapping")
	}
	v, ok := args.mapping.GetStr(spec.mappedKey)
	if !ok {
		return None, newError("KeyError", "%s", QuoteString(spec.mappedKey))
	}
	return v, nil
}

func parsePercent(f string, i int, args *percentArgs) (percentSpec, int, error) {
	spec := percentSpec{prec: -1}
	if i < len(f) && f[i] == '(' {
		depth, j := 1, i+1
		for ; j < len(f) && depth > 0; j++ {
			switch f[j] {
			case '(':
				depth++
			case ')':
				depth--
			}
		}
		if depth > 0 {
			return spec, 0, valueErrorf("incomplete format key")
		}
		spec.mappedKey, spec.hasKey, i = f[i+1:j-1], true, j
	}
	for i < len(f) && strings.IndexByte("-+ #0", f[i]) >= 0 {
		spec.flags += string(f[i])
		i++
	}
	var err error
	if spec.width, i, err = percentNumber(f, i, args); err != nil {
		return spec, 0, err
	}
	if i < len(f) && f[i] == '.' {
		if spec.prec, i, err = percentNumber(f, i+1, args); err != nil {
			return spec, 0, err
		}
		if spec.prec < 0 {
			spec.prec = 0
		}
	}
	for i < len(f) && strings.IndexByte("hlL", f[i]) >= 0 {
		i++
	}
	if i >= len(f) {
		return spec, 0, valueErrorf("incomplete format")
	}
	spec.verb = f[i]
	if strings.IndexByte("%sradiufFeEgGxXoc", spec.verb) < 0 {
		r, _ := utf8.DecodeRuneInString(f[i:])
		return spec, 0, valueErrorf("unsupported format character '%c' (0x%x) at index %d", r, r, i)
	}
	return spec, i, nil
}

func percentNumber(f string, i int, args *percentArgs) (int, int, error) {
	if i < len(f) && f[i] == '*' {
		v, err := args.take()
		if err != nil {
			return 0, 0, err
		}
		if !v.isIntegral() {
			return 0, 0, typeErrorf("* wants int")
		}
		return int(v.n), i + 1, nil
	}
	n := 0
	for i < len(f) && f[i] >= '0' && f[i] <= '9' {
		n = n*10 + int(f[i]-'0')
		if n > maxBuild {
			return 0, 0, valueErrorf("width too big")
		}
		i++
	}
	return n, i, nil
}

func convertPercent(spec percentSpec, arg Value) (string, error) {
	var body string
	var err error
	switch spec.verb {
	case 's', 'r', 'a':
		body, err = percentString(spec, arg)
	case 'c':
		body, err = percentChar(arg)
	case 'd', 'i', 'u', 'x', 'X', 'o':
		body, err = percentInt(spec, arg)
	default:
		body, err = percentFloat(spec, arg)
	}
	if err != nil {
		return "", err
	}
	return pad(body, spec.width, strings.Contains(spec.flags, "-"),
		strings.Contains(spec.flags, "0") && spec.verb != 's' && spec.verb != 'r' && spec.verb != 'c'), nil
}

func percentString(spec percentSpec, arg Value) (string, error) {
	s := Repr(arg)
	if spec.verb == 's' {
		var err error
		if s, err = ToString(arg); err != nil {
			return "", err
		}
	}
	if spec.prec >= 0 {
		r := []rune(s)
		if len(r) > spec.prec {
			s = string(r[:spec.prec])
		}
	}
	return s, nil
}

func percentChar(arg Value) (string, error) {
	if arg.kind == StrKind && utf8.RuneCountInString(arg.s) == 1 {
		return arg.s, nil
	}
	if arg.isIntegral() {
		return string(rune(arg.n)), nil
	}
	return "", typeErrorf("%%c requires int or char")
}

func percentInt(spec percentSpec, arg Value) (string, error) {
	if err := undefErr(arg); err != nil {
		return "", err
	}
	var n *big.Int
	switch {
	case arg.isIntegral():
		n = arg.BigValue()
	case arg.kind == FloatKind && spec.verb != 'x' && spec.verb != 'X' && spec.verb != 'o':
		if math.IsInf(arg.f, 0) || math.IsNaN(arg.f) {
			return "", newError("OverflowError", "cannot convert float infinity to integer")
		}
		n, _ = new(big.Float).SetFloat64(math.Trunc(arg.f)).Int(nil)
	case spec.verb == 'x' || spec.verb == 'X' || spec.verb == 'o':
		return "", typeErrorf("%%%c format: an integer is required, not %s", spec.verb, typeName(arg))
	default:
		return "", typeErrorf("%%%c format: a real number is required, not %s", spec.verb, typeName(arg))
	}
	base, prefix := 10, ""
	switch spec.verb {
	case 'x', 'X':
		base, prefix = 16, "0x"
	case 'o':
		base, prefix = 8, "0o"
	}
	digits := new(big.Int).Abs(n).Text(base)
	if spec.prec > len(digits) {
		digits = strings.Repeat("0", spec.prec-len(digits)) + digits
	}
	if strings.Contains(spec.flags, "#") && base != 10 {
		digits = prefix + digits
	}
	if spec.verb == 'X' {
		digits = strings.ToUpper(digits)
	}
	return signed(digits, n.Sign() < 0, spec.flags), nil
}

func signed(digits string, neg bool, flags string) string {
	switch {
	case neg:
		return "-" + digits
	case strings.Contains(flags, "+"):
		return "+" + digits
	case strings.Contains(flags, " "):
		return " " + digits
	}
	return digits
}

func percentFloat(spec percentSpec, arg Value) (string, error) {
	if err := undefErr(arg); err != nil {
		return "", err
	}
	if !arg.isNumber() {
		return "", typeErrorf("must be real number, not %s", typeName(arg))
	}
	f := arg.toFloat()
	prec := spec.prec
	if prec < 0 {
		prec = 6
	}
	body := formatFloat(math.Abs(f), spec.verb, prec, strings.Contains(spec.flags, "#"))
	return signed(body, math.Signbit(f) && !math.IsNaN(f), spec.flags), nil
}

// formatFloat formats a non-negative float for the verbs f F e E g G.
func formatFloat(f float64, verb byte, prec int, alt bool) string {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		s := "inf"
		if math.IsNaN(f) {
			s = "nan"
		}
		if verb == 'F' || verb == 'E' || verb == 'G' {
			s = strings.ToUpper(s)
		}
		return s
	}
	switch verb {
	case 'f', 'F':
		return strconv.FormatFloat(f, 'f', prec, 64)
	case 'e', 'E':
		s := strconv.FormatFloat(f, 'e', prec, 64)
		if verb == 'E' {
			s = strings.ToUpper(s)
		}
		return s
	}
	return formatG(f, verb, prec, alt)
}

func formatG(f float64, verb byte, prec int, alt bool) string {
	if prec == 0 {
		prec = 1
	}
	exp := 0
	if f != 0 {
		e := strconv.FormatFloat(f, 'e', prec-1, 64)
		exp, _ = strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
	}
	var s string
	if exp < -4 || exp >= prec {
		s = strconv.FormatFloat(f, 'e', prec-1, 64)
		if !alt {
			m, e, _ := strings.Cut(s, "e")
			s = trimZeros(m) + "e" + e
		}
	} else {
		s = strconv.FormatFloat(f, 'f', prec-1-exp, 64)
		if !alt {
			s = trimZeros(s)
		}
	}
	if verb == 'G' {
		s = strings.ToUpper(s)
	}
	return s
}

func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// pad right-aligns (or left-aligns) s to width; zero pads after the sign.
func pad(s string, width int, left, zero bool) string {
	n := utf8.RuneCountInString(s)
	if n >= width {
		return s
	}
	fill := width - n
	switch {
	case left:
		return s + strings.Repeat(" ", fill)
	case zero:
		sign := ""
		if s != "" && strings.IndexByte("+- ", s[0]) >= 0 {
			sign, s = s[:1], s[1:]
		}
		if strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X") || strings.HasPrefix(s, "0o") {
			sign, s = sign+s[:2], s[2:]
		}
		return sign + strings.Repeat("0", fill) + s
	}
	return strings.Repeat(" ", fill) + s
}

var _ = fmt.Sprint
