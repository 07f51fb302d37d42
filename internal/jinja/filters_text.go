package jinja

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

func textFilters() map[string]filterFn {
	return map[string]filterFn{
		"lower":      strFilter(strings.ToLower),
		"upper":      strFilter(strings.ToUpper),
		"title":      strFilter(pyTitle),
		"capitalize": strFilter(pyCapitalize),
		"trim":       strFilter(strings.TrimSpace),
		"replace":    filterReplace,
		"center":     filterCenter,
		"wordcount": func(in any, _ *call) (any, error) {
			return len(regexp.MustCompile(`\w+`).FindAllString(pyStr(in), -1)), nil
		},
		"truncate":  filterTruncate,
		"indent":    filterIndent,
		"format":    filterFormat,
		"split":     filterSplit,
		"quote":     func(in any, _ *call) (any, error) { return shellQuote(pyStr(noneToEmpty(in))), nil },
		"urlencode": filterURLEncode,
		"comment":   filterComment,
	}
}

// strFilter lifts a string function into a filter.
func strFilter(fn func(string) string) filterFn {
	return func(in any, _ *call) (any, error) { return fn(pyStr(in)), nil }
}

func noneToEmpty(in any) any {
	if in == nil {
		return ""
	}
	return in
}

// pyTitle implements str.title (Jinja's title filter capitalizes words
// separated by spaces, hyphens and brackets).
func pyTitle(s string) string {
	var b strings.Builder
	prevLetter := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) && !prevLetter:
			b.WriteRune(unicode.ToUpper(r))
		case unicode.IsLetter(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(r)
		}
		prevLetter = unicode.IsLetter(r) || r == '\''
	}
	return b.String()
}

func pyCapitalize(s string) string {
	if s == "" {
		return s
	}
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + strings.ToLower(s[size:])
}

func filterReplace(in any, c *call) (any, error) {
	s := pyStr(in)
	old, repl := pyStr(c.arg(0, "old", "")), pyStr(c.arg(1, "new", ""))
	count := asInt(c.arg(2, "count", -1), -1)
	return strings.Replace(s, old, repl, count), nil
}

func filterCenter(in any, c *call) (any, error) {
	s := pyStr(in)
	width := asInt(c.arg(0, "width", 80), 80)
	n := utf8.RuneCountInString(s)
	if width <= n {
		return s, nil
	}
	pad := width - n
	left := pad / 2
	if pad%2 == 1 && width%2 == 1 {
		left++
	}
	return strings.Repeat(" ", left) + s + strings.Repeat(" ", pad-left), nil
}

func filterTruncate(in any, c *call) (any, error) {
	s := pyStr(in)
	length := asInt(c.arg(0, "length", 255), 255)
	killwords := truthy(c.arg(1, "killwords", false))
	end := pyStr(c.arg(2, "end", "..."))
	leeway := asInt(c.arg(3, "leeway", 5), 5)
	runes := []rune(s)
	if len(runes) <= length+leeway {
		return s, nil
	}
	cut := length - utf8.RuneCountInString(end)
	if cut < 0 {
		cut = 0
	}
	if killwords {
		return string(runes[:cut]) + end, nil
	}
	head := string(runes[:cut])
	if i := strings.LastIndex(head, " "); i >= 0 {
		head = head[:i]
	}
	return head + end, nil
}

func filterIndent(in any, c *call) (any, error) {
	s := pyStr(in)
	width := c.arg(0, "width", 4)
	first := truthy(c.arg(1, "first", false))
	blank := truthy(c.arg(2, "blank", false))
	pad := strings.Repeat(" ", asInt(width, 4))
	if ws, ok := width.(string); ok {
		pad = ws
	}
	newline := "\n"
	s += newline
	lines := strings.SplitAfter(s, newline)
	lines = lines[:len(lines)-1]
	var b strings.Builder
	for i, line := range lines {
		if i == 0 {
			if first {
				b.WriteString(pad)
			}
			b.WriteString(line)
			continue
		}
		if blank || strings.TrimSpace(line) != "" {
			b.WriteString(pad)
		}
		b.WriteString(line)
	}
	return strings.TrimSuffix(b.String(), newline), nil
}

func filterSplit(in any, c *call) (any, error) {
	s := pyStr(in)
	max := asInt(c.arg(1, "maxsplit", -1), -1)
	sep := c.arg(0, "sep", nil)
	var parts []string
	if sep == nil {
		fields := strings.Fields(s)
		if max >= 0 && len(fields) > max+1 {
			rest := strings.TrimLeft(s, " \t\n\r\v\f")
			parts = nil
			for i := 0; i < max; i++ {
				idx := strings.IndexAny(rest, " \t\n\r\v\f")
				parts = append(parts, rest[:idx])
				rest = strings.TrimLeft(rest[idx:], " \t\n\r\v\f")
			}
			parts = append(parts, rest)
		} else {
			parts = fields
		}
	} else {
		parts = strings.SplitN(s, pyStr(sep), max+1)
		if max < 0 {
			parts = strings.Split(s, pyStr(sep))
		}
	}
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = p
	}
	return out, nil
}

// shellQuote implements Python's shlex.quote.
func shellQuote(s string) string {
	if s == "" {
		return "''"
	}
	if regexp.MustCompile(`^[\w@%+=:,./-]+$`).MatchString(s) && isASCII(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'"'"'`) + "'"
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// filterURLEncode implements Jinja's urlencode (quote with safe="/" for
// strings, query encoding for mappings).
func filterURLEncode(in any, _ *call) (any, error) {
	switch t := in.(type) {
	case map[string]any:
		var parts []string
		for _, k := range dictKeys(t) {
			parts = append(parts, quotePlus(k)+"="+quotePlus(pyStr(t[k])))
		}
		return strings.Join(parts, "&"), nil
	}
	return urlQuote(pyStr(in), "/"), nil
}

// urlQuote implements urllib.parse.quote with the given safe characters.
func urlQuote(s, safe string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (isIdent(c) || strings.IndexByte("_.-~", c) >= 0 || strings.IndexByte(safe, c) >= 0) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// quotePlus implements urllib.parse.quote_plus.
func quotePlus(s string) string {
	return strings.ReplaceAll(urlQuote(s, " "), " ", "+")
}

// commentStyles are the presets of Ansible's comment filter.
var commentStyles = map[string]map[string]string{
	"plain":  {"decoration": "# "},
	"erlang": {"decoration": "% "},
	"c":      {"decoration": "// "},
	"cblock": {"beginning": "/*", "decoration": " * ", "end": " */"},
	"xml":    {"beginning": "<!--", "decoration": " - ", "end": "-->"},
}

func filterComment(in any, c *call) (any, error) {
	style := pyStr(c.arg(0, "style", "plain"))
	styleParams, ok := commentStyles[style]
	if !ok {
		return nil, fmt.Errorf("unknown comment style %s", pyQuote(style))
	}
	prepostfix := styleParams["decoration"]
	if d, ok := c.kw["decoration"]; ok {
		prepostfix = pyStr(d)
	}
	trimmed := strings.TrimRightFunc(prepostfix, unicode.IsSpace)
	p := map[string]string{"newline": "\n", "beginning": "", "prefix": trimmed, "prefix_count": "1",
		"decoration": "", "postfix": trimmed, "postfix_count": "1", "end": ""}
	for k, v := range styleParams {
		p[k] = v
	}
	for k, v := range c.kw {
		p[k] = pyStr(v)
	}
	return buildComment(pyStr(in), p), nil
}

// buildComment assembles a comment block like Ansible's comment filter.
func buildComment(text string, p map[string]string) string {
	nl, deco := p["newline"], p["decoration"]
	var b strings.Builder
	if p["beginning"] != "" {
		b.WriteString(p["beginning"] + nl)
	}
	if p["prefix"] != "" {
		unit := p["prefix"] + nl
		if p["prefix"] == nl {
			unit = nl
		}
		b.WriteString(strings.Repeat(unit, asInt(p["prefix_count"], 1)))
	}
	body := deco + strings.ReplaceAll(text, nl, nl+deco)
	body = strings.ReplaceAll(body, deco+nl, strings.TrimRightFunc(deco, unicode.IsSpace)+nl)
	b.WriteString(body)
	for i := 0; i < asInt(p["postfix_count"], 1); i++ {
		b.WriteString(nl + p["postfix"])
	}
	if p["end"] != "" {
		b.WriteString(nl + p["end"])
	}
	return b.String()
}
