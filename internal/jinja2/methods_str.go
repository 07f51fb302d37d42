package jinja2

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

var strMethods map[string]methodFunc

func init() {
	strMethods = map[string]methodFunc{
		"split": strSplit(false), "rsplit": strSplit(true),
		"strip": strStrip("strip"), "lstrip": strStrip("lstrip"), "rstrip": strStrip("rstrip"),
		"replace": strReplace, "startswith": strAffix("startswith"), "endswith": strAffix("endswith"),
		"lower": strMap("lower", strings.ToLower), "upper": strMap("upper", strings.ToUpper),
		"title": strMap("title", pyTitle), "capitalize": strMap("capitalize", pyCapitalize),
		"swapcase": strMap("swapcase", swapCase), "casefold": strMap("casefold", strings.ToLower),
		"format": strFormatMethod, "join": strJoin,
		"find": strFind("find"), "rfind": strFind("rfind"), "index": strFind("index"), "rindex": strFind("rindex"),
		"count": strCount, "isdigit": strIs(unicode.IsDigit), "isdecimal": strIs(unicode.IsDigit),
		"isnumeric": strIs(unicode.IsNumber), "isalpha": strIs(unicode.IsLetter),
		"isalnum": strIs(func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }),
		"isspace": strIs(isPySpace), "islower": strCase(true), "isupper": strCase(false),
		"center": strPad("center"), "ljust": strPad("ljust"), "rjust": strPad("rjust"),
		"zfill": strZfill, "partition": strPartition(false), "rpartition": strPartition(true),
		"splitlines": strSplitlines, "removeprefix": strRemove(true), "removesuffix": strRemove(false),
	}
}

func isPySpace(r rune) bool { return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f) }

func strMap(name string, fn func(string) string) methodFunc {
	return func(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
		if err := noArgs(name, args, kw); err != nil {
			return None, err
		}
		return Str(fn(recv.s)), nil
	}
}

// pyTitle is Python's str.title.
func pyTitle(s string) string {
	var b strings.Builder
	prevCased := false
	for _, r := range s {
		if prevCased {
			b.WriteRune(unicode.ToLower(r))
		} else {
			b.WriteRune(unicode.ToTitle(r))
		}
		prevCased = unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r)
	}
	return b.String()
}

// pyCapitalize is Python's str.capitalize.
func pyCapitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToTitle(r)) + strings.ToLower(s[n:])
}

func swapCase(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsUpper(r) {
			return unicode.ToLower(r)
		}
		return unicode.ToUpper(r)
	}, s)
}

func strIs(ok func(rune) bool) methodFunc {
	return func(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
		if recv.s == "" {
			return Bool(false), nil
		}
		for _, r := range recv.s {
			if !ok(r) {
				return Bool(false), nil
			}
		}
		return Bool(true), nil
	}
}

func strCase(lower bool) methodFunc {
	return func(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
		cased := false
		for _, r := range recv.s {
			if unicode.IsUpper(r) || unicode.IsTitle(r) {
				if lower {
					return Bool(false), nil
				}
				cased = true
			} else if unicode.IsLower(r) {
				if !lower {
					return Bool(false), nil
				}
				cased = true
			}
		}
		return Bool(cased), nil
	}
}

func strSplit(right bool) methodFunc {
	return func(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
		a, err := bind("split", []param{opt("sep", None), opt("maxsplit", Int(-1))}, args, kw)
		if err != nil {
			return None, err
		}
		n, err := needInt(a[1])
		if err != nil {
			return None, err
		}
		var parts []string
		if a[0].kind == NoneKind {
			parts = splitWhitespace(recv.s, int(n), right)
		} else {
			sep, err := needStr("split", a[0])
			if err != nil {
				return None, typeErrorf("must be str or None, not %s", typeName(a[0]))
			}
			if sep == "" {
				return None, valueErrorf("empty separator")
			}
			parts = splitSep(recv.s, sep, int(n), right)
		}
		return strList(parts), nil
	}
}

func strList(parts []string) Value {
	items := make([]Value, len(parts))
	for i, p := range parts {
		items[i] = Str(p)
	}
	return NewList(items...)
}

func splitSep(s, sep string, n int, right bool) []string {
	if n < 0 {
		return strings.Split(s, sep)
	}
	if !right {
		return strings.SplitN(s, sep, n+1)
	}
	var out []string
	for len(out) < n {
		i := strings.LastIndex(s, sep)
		if i < 0 {
			break
		}
		out = append([]string{s[i+len(sep):]}, out...)
		s = s[:i]
	}
	return append([]string{s}, out...)
}

func splitWhitespace(s string, n int, right bool) []string {
	fields := strings.FieldsFunc(s, isPySpace)
	if n < 0 || len(fields) <= 1 {
		return fields
	}
	if !right {
		rest := s
		var out []string
		for i := 0; i < n; i++ {
			rest = strings.TrimLeftFunc(rest, isPySpace)
			j := strings.IndexFunc(rest, isPySpace)
			if j < 0 {
				break
			}
			out = append(out, rest[:j])
			rest = rest[j:]
		}
		return append(out, strings.TrimLeftFunc(rest, isPySpace))
	}
	rest := s
	var out []string
	for i := 0; i < n; i++ {
		rest = strings.TrimRightFunc(rest, isPySpace)
		j := strings.LastIndexFunc(rest, isPySpace)
		if j < 0 {
			break
		}
		out = append([]string{rest[j+1:]}, out...)
		rest = rest[:j+1]
	}
	return append([]string{strings.TrimRightFunc(rest, isPySpace)}, out...)
}

func strStrip(name string) methodFunc {
	return func(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
		if err := posArgs(name, args, kw, 0, 1); err != nil {
			return None, err
		}
		if len(args) == 0 || args[0].kind == NoneKind {
			return Str(stripFunc(name, recv.s, isPySpace)), nil
		}
		chars, err := needStr(name, args[0])
		if err != nil {
			return None, err
		}
		return Str(stripFunc(name, recv.s, func(r rune) bool { return strings.ContainsRune(chars, r) })), nil
	}
}

func stripFunc(name, s string, f func(rune) bool) string {
	switch name {
	case "lstrip":
		return strings.TrimLeftFunc(s, f)
	case "rstrip":
		return strings.TrimRightFunc(s, f)
	}
	return strings.TrimFunc(s, f)
}

func strReplace(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if err := posArgs("replace", args, kw, 2, 3); err != nil {
		return None, err
	}
	old, err := needStr("replace", args[0])
	if err != nil {
		return None, typeErrorf("replace() argument 1 must be str, not %s", typeName(args[0]))
	}
	repl, err := needStr("replace", args[1])
	if err != nil {
		return None, typeErrorf("replace() argument 2 must be str, not %s", typeName(args[1]))
	}
	n := int64(-1)
	if len(args) == 3 {
		if n, err = needInt(args[2]); err != nil {
			return None, err
		}
	}
	return Str(strings.Replace(recv.s, old, repl, int(n))), nil
}
