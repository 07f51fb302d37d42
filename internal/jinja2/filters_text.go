package jinja2

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// strFilter wraps a filter of str(value).
func strFilter(name string, params []param, fn func(s string, a []Value) (Value, error)) FilterFunc {
	return filterSig(name, params, func(c *CallContext, v Value, a []Value) (Value, error) {
		s, err := ToString(v)
		if err != nil {
			return None, err
		}
		return fn(s, a)
	})
}

func addTextFilters(m map[string]FilterFunc) {
	simple := func(fn func(string) string) func(string, []Value) (Value, error) {
		return func(s string, a []Value) (Value, error) { return Str(fn(s)), nil }
	}
	m["upper"] = strFilter("upper", nil, simple(strings.ToUpper))
	m["lower"] = strFilter("lower", nil, simple(strings.ToLower))
	m["capitalize"] = strFilter("capitalize", nil, simple(pyCapitalize))
	m["title"] = strFilter("title", nil, simple(jinjaTitle))
	m["trim"] = strFilter("trim", []param{opt("chars", None)}, fTrim)
	m["replace"] = filterSig("replace", []param{req("old"), req("new"), opt("count", None)}, fReplace)
	m["format"] = fFormat
	m["indent"] = rawStrFilter("indent", "splitlines", []param{opt("width", Int(4)), opt("first", Bool(false)), opt("blank", Bool(false))}, fIndent)
	m["center"] = strFilter("center", []param{opt("width", Int(80))}, fCenter)
	m["wordcount"] = strFilter("wordcount", nil, fWordcount)
	m["truncate"] = rawStrFilter("truncate", "rsplit", []param{opt("length", Int(255)), opt("killwords", Bool(false)), opt("end", Str("...")), opt("leeway", None)}, fTruncate)
	m["join"] = filterSig("join", []param{opt("d", Str("")), opt("attribute", None)}, fJoin)
	m["escape"] = filterSig("escape", nil, fEscape)
	m["e"] = m["escape"]
	m["forceescape"] = strFilter("forceescape", nil, func(s string, a []Value) (Value, error) {
		return Str(htmlEscape(s)).WithMark(markup), nil
	})
	m["safe"] = strFilter("safe", nil, func(s string, a []Value) (Value, error) { return Str(s).WithMark(markup), nil })
	m["tojson"] = filterSig("tojson", []param{opt("indent", None)}, fToJSON)
	m["urlencode"] = filterSig("urlencode", nil, fURLEncode)
}

var wordBeginning = regexp.MustCompile(`[-\s({\[<]+`)

// jinjaTitle is Jinja2's do_title.
func jinjaTitle(s string) string {
	var b strings.Builder
	last := 0
	write := func(item string) {
		if item == "" {
			return
		}
		r, n := utf8.DecodeRuneInString(item)
		b.WriteString(strings.ToUpper(string(r)))
		b.WriteString(strings.ToLower(item[n:]))
	}
	for _, loc := range wordBeginning.FindAllStringIndex(s, -1) {
		write(s[last:loc[0]])
		write(s[loc[0]:loc[1]])
		last = loc[1]
	}
	write(s[last:])
	return b.String()
}

func fTrim(s string, a []Value) (Value, error) {
	if a[0].kind == NoneKind {
		return Str(strings.TrimFunc(s, isPySpace)), nil
	}
	chars, err := needStr("strip", a[0])
	if err != nil {
		return None, err
	}
	return Str(strings.Trim(s, chars)), nil
}

func fReplace(c *CallContext, v Value, a []Value) (Value, error) {
	count := a[2]
	if count.kind == NoneKind {
		count = Int(-1)
	}
	strs := make([]Value, 3)
	for i, x := range []Value{v, a[0], a[1]} {
		s, err := ToString(x)
		if err != nil {
			return None, err
		}
		strs[i] = Str(s)
	}
	return strReplace(c, strs[0], []Value{strs[1], strs[2], count}, nil)
}

func fFormat(c *CallContext, v Value, args []Value, kw *Dict) (Value, error) {
	if len(args) > 0 && kw.Len() > 0 {
		return None, newError("FilterArgumentError", "can't handle positional and keyword arguments at the same time")
	}
	s, err := ToString(v)
	if err != nil {
		return None, err
	}
	if kw.Len() > 0 {
		return formatPercent(s, DictValue(kw))
	}
	return formatPercent(s, NewTuple(args...))
}

func fIndent(s string, a []Value) (Value, error) {
	ind := ""
	if a[0].kind == StrKind {
		ind = a[0].s
	} else {
		w, err := needInt(a[0])
		if err != nil {
			return None, err
		}
		ind = strings.Repeat(" ", int(max(0, min(w, maxBuild))))
	}
	first, _ := Truth(a[1])
	blank, _ := Truth(a[2])
	s += "\n"
	lines, _ := strSplitlines(nil, Str(s), nil, NewDict())
	var ls []string
	for _, l := range lines.Items() {
		ls = append(ls, l.s)
	}
	var rv string
	if blank {
		rv = strings.Join(ls, "\n"+ind)
	} else {
		rv = ls[0]
		if len(ls) > 1 {
			rest := make([]string, len(ls)-1)
			for i, l := range ls[1:] {
				if l != "" {
					l = ind + l
				}
				rest[i] = l
			}
			rv += "\n" + strings.Join(rest, "\n")
		}
	}
	if first {
		rv = ind + rv
	}
	return Str(rv), nil
}

func fCenter(s string, a []Value) (Value, error) {
	w, err := needInt(a[0])
	if err != nil {
		return None, err
	}
	return Str(padString(s, int(min(w, maxBuild)), " ", "center")), nil
}

var wordRe = regexp.MustCompile(`[\p{L}\p{N}_]+`)

func fWordcount(s string, a []Value) (Value, error) {
	return Int(int64(len(wordRe.FindAllString(s, -1)))), nil
}

func fTruncate(s string, a []Value) (Value, error) {
	length, err := needInt(a[0])
	if err != nil {
		return None, err
	}
	kill, _ := Truth(a[1])
	end, err := ToString(a[2])
	if err != nil {
		return None, err
	}
	leeway := int64(5)
	if a[3].kind != NoneKind {
		if leeway, err = needInt(a[3]); err != nil {
			return None, err
		}
	}
	endLen := int64(utf8.RuneCountInString(end))
	if length < endLen {
		return None, newError("AssertionError", "expected length >= %d, got %d", endLen, length)
	}
	if leeway < 0 {
		return None, newError("AssertionError", "expected leeway >= 0, got %d", leeway)
	}
	r := []rune(s)
	if int64(len(r)) <= length+leeway {
		return Str(s), nil
	}
	cut := string(r[:length-endLen])
	if kill {
		return Str(cut + end), nil
	}
	if i := strings.LastIndex(cut, " "); i >= 0 {
		cut = cut[:i]
	}
	return Str(cut + end), nil
}

func fJoin(c *CallContext, v Value, a []Value) (Value, error) {
	items, err := iterate(v)
	if err != nil {
		return None, err
	}
	get := attrGetter(a[1], nil, nil)
	sep, err := ToString(a[0])
	if err != nil {
		return None, err
	}
	parts := make([]string, len(items))
	for i, it := range items {
		if it, err = get(it); err != nil {
			return None, err
		}
		if parts[i], err = ToString(it); err != nil {
			return None, err
		}
	}
	return Str(strings.Join(parts, sep)), nil
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\"", "&#34;", "'", "&#39;").Replace(s)
}

// rawStrFilter wraps a filter that Jinja2 applies to the value itself, not
// to str(value) (indent, truncate): other types fail as Python does.
func rawStrFilter(name, method string, params []param, fn func(s string, a []Value) (Value, error)) FilterFunc {
	return filterSig(name, params, func(c *CallContext, v Value, a []Value) (Value, error) {
		if v.kind == StrKind {
			return fn(v.s, a)
		}
		if v.kind == UndefinedKind {
			return None, undefErr(strictOf(v))
		}
		if name == "indent" {
			return None, indentTypeError(v)
		}
		return truncateNonStr(v, a)
	})
}

func indentTypeError(v Value) error {
	switch v.kind {
	case ListKind:
		return newError("AttributeError", "'list' object has no attribute 'splitlines'")
	case TupleKind:
		return typeErrorf("can only concatenate tuple (not \"str\") to tuple")
	}
	return typeErrorf("unsupported operand type(s) for +=: '%s' and 'str'", typeName(v))
}

func truncateNonStr(v Value, a []Value) (Value, error) {
	n, err := length(v)
	if err != nil {
		return None, err
	}
	limit, err := needInt(a[0])
	if err != nil {
		return None, err
	}
	leeway := int64(5)
	if a[3].kind != NoneKind {
		if leeway, err = needInt(a[3]); err != nil {
			return None, err
		}
	}
	if int64(n) <= limit+leeway {
		return v, nil
	}
	if v.kind == DictKind {
		return None, typeErrorf("unhashable type: 'slice'")
	}
	if kill, _ := Truth(a[1]); kill {
		return None, typeErrorf("can only concatenate %s (not \"str\") to %s", typeName(v), typeName(v))
	}
	return None, newError("AttributeError", "'%s' object has no attribute 'rsplit'", typeName(v))
}

// fEscape is markupsafe.escape: a Markup value is kept as it is.
func fEscape(c *CallContext, v Value, a []Value) (Value, error) {
	if v.kind == StrKind && v.mark&markup != 0 {
		return v, nil
	}
	s, err := ToString(v)
	if err != nil {
		return None, err
	}
	return Str(htmlEscape(s)).WithMark(markup), nil
}
