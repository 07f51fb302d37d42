package jinja2

import (
	"strings"
	"unicode/utf8"
)

// runeRange resolves optional start/end arguments on s to byte offsets.
func runeRange(s string, args []Value) (string, int, error) {
	r := []rune(s)
	var start, end = None, None
	if len(args) > 0 {
		start = args[0]
	}
	if len(args) > 1 {
		end = args[1]
	}
	lo, hi, _, err := sliceBounds(len(r), start, end, None)
	if err != nil {
		return "", 0, err
	}
	if hi < lo {
		return "", -1, nil
	}
	return string(r[lo:hi]), len(string(r[:lo])), nil
}

func strAffix(name string) methodFunc {
	return func(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
		if err := posArgs(name, args, kw, 1, 3); err != nil {
			return None, err
		}
		s, off, err := runeRange(recv.s, args[1:])
		if err != nil {
			return None, err
		}
		cands := []Value{args[0]}
		if args[0].kind == TupleKind {
			cands = args[0].Items()
		}
		for _, cv := range cands {
			if cv.kind != StrKind {
				return None, typeErrorf("%s first arg must be str or a tuple of str, not %s", name, typeName(cv))
			}
			if off >= 0 && ((name == "startswith" && strings.HasPrefix(s, cv.s)) || (name == "endswith" && strings.HasSuffix(s, cv.s))) {
				return Bool(true), nil
			}
		}
		return Bool(false), nil
	}
}

func strFind(name string) methodFunc {
	return func(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
		if err := posArgs(name, args, kw, 1, 3); err != nil {
			return None, err
		}
		sub, err := needStr(name, args[0])
		if err != nil {
			return None, typeErrorf("must be str, not %s", typeName(args[0]))
		}
		s, off, err := runeRange(recv.s, args[1:])
		if err != nil {
			return None, err
		}
		i := -1
		if off >= 0 {
			if strings.HasPrefix(name, "r") {
				i = strings.LastIndex(s, sub)
			} else {
				i = strings.Index(s, sub)
			}
		}
		if i < 0 {
			if strings.HasSuffix(name, "index") {
				return None, valueErrorf("substring not found")
			}
			return Int(-1), nil
		}
		return Int(int64(utf8.RuneCountInString(recv.s[:off+i]))), nil
	}
}

func strCount(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if err := posArgs("count", args, kw, 1, 3); err != nil {
		return None, err
	}
	sub, err := needStr("count", args[0])
	if err != nil {
		return None, typeErrorf("must be str, not %s", typeName(args[0]))
	}
	s, off, err := runeRange(recv.s, args[1:])
	if err != nil || off < 0 {
		return Int(0), err
	}
	if sub == "" {
		return Int(int64(utf8.RuneCountInString(s) + 1)), nil
	}
	return Int(int64(strings.Count(s, sub))), nil
}

func strPad(name string) methodFunc {
	return func(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
		if err := posArgs(name, args, kw, 1, 2); err != nil {
			return None, err
		}
		w, err := needInt(args[0])
		if err != nil {
			return None, err
		}
		fill := " "
		if len(args) == 2 {
			if args[1].kind != StrKind || utf8.RuneCountInString(args[1].s) != 1 {
				return None, typeErrorf("The fill character must be exactly one character long")
			}
			fill = args[1].s
		}
		return Str(padString(recv.s, int(min(w, maxBuild)), fill, name)), nil
	}
}

// padString is str.center/ljust/rjust.
func padString(s string, width int, fill, how string) string {
	n := utf8.RuneCountInString(s)
	if width <= n {
		return s
	}
	total := width - n
	switch how {
	case "ljust":
		return s + strings.Repeat(fill, total)
	case "rjust":
		return strings.Repeat(fill, total) + s
	}
	left := total / 2
	if total%2 == 1 && width%2 == 1 {
		left++
	}
	return strings.Repeat(fill, left) + s + strings.Repeat(fill, total-left)
}

func strZfill(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if err := posArgs("zfill", args, kw, 1, 1); err != nil {
		return None, err
	}
	w, err := needInt(args[0])
	if err != nil {
		return None, err
	}
	return Str(pad(recv.s, int(min(w, maxBuild)), false, true)), nil
}

func strPartition(right bool) methodFunc {
	return func(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
		if err := posArgs("partition", args, kw, 1, 1); err != nil {
			return None, err
		}
		sep, err := needStr("partition", args[0])
		if err != nil {
			return None, typeErrorf("must be str, not %s", typeName(args[0]))
		}
		if sep == "" {
			return None, valueErrorf("empty separator")
		}
		i := strings.Index(recv.s, sep)
		if right {
			i = strings.LastIndex(recv.s, sep)
		}
		if i < 0 {
			if right {
				return NewTuple(Str(""), Str(""), Str(recv.s)), nil
			}
			return NewTuple(Str(recv.s), Str(""), Str("")), nil
		}
		return NewTuple(Str(recv.s[:i]), Str(sep), Str(recv.s[i+len(sep):])), nil
	}
}

func strSplitlines(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	a, err := bind("splitlines", []param{opt("keepends", Bool(false))}, args, kw)
	if err != nil {
		return None, err
	}
	keep, _ := Truth(a[0])
	var out []string
	s := recv.s
	for s != "" {
		i := strings.IndexAny(s, "\n\r\v\f\x1c\x1d\x1e\u0085\u2028\u2029")
		if i < 0 {
			out = append(out, s)
			break
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		if strings.HasPrefix(s[i:], "\r\n") {
			n = 2
		}
		if keep {
			out = append(out, s[:i+n])
		} else {
			out = append(out, s[:i])
		}
		s = s[i+n:]
	}
	return strList(out), nil
}

func strRemove(prefix bool) methodFunc {
	return func(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
		if err := posArgs("removeprefix", args, kw, 1, 1); err != nil {
			return None, err
		}
		a, err := needStr("removeprefix", args[0])
		if err != nil {
			return None, err
		}
		if prefix {
			return Str(strings.TrimPrefix(recv.s, a)), nil
		}
		return Str(strings.TrimSuffix(recv.s, a)), nil
	}
}

func strJoin(c *CallContext, recv Value, args []Value, kw *Dict) (Value, error) {
	if err := posArgs("join", args, kw, 1, 1); err != nil {
		return None, err
	}
	items, err := iterate(args[0])
	if err != nil {
		return None, typeErrorf("can only join an iterable")
	}
	parts := make([]string, len(items))
	for i, it := range items {
		if it.kind != StrKind {
			return None, typeErrorf("sequence item %d: expected str instance, %s found", i, typeName(it))
		}
		parts[i] = it.s
	}
	return withMarks(Str(strings.Join(parts, recv.s)), items...), nil
}
