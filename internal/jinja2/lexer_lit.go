package jinja2

import (
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// number lexes a float or an integer literal with Jinja2's regexes.
func (lx *lexer) number() error {
	s := lx.src[lx.pos:]
	prevDot := lx.pos > 0 && lx.src[lx.pos-1] == '.'
	if n := matchFloat(s); n > 0 && !prevDot {
		f, err := strconv.ParseFloat(strings.ReplaceAll(s[:n], "_", ""), 64)
		if err != nil && !strings.Contains(err.Error(), "range") {
			return lx.fail("invalid float literal", lx.line)
		}
		lx.emitLit("float", s[:n], Float(f))
		return nil
	}
	n, base := matchInt(s)
	digits := strings.ReplaceAll(s[:n], "_", "")
	if base != 10 {
		digits = digits[2:]
	}
	b, ok := new(big.Int).SetString(digits, base)
	if !ok {
		return lx.fail("invalid integer literal", lx.line)
	}
	lx.emitLit("integer", s[:n], BigInt(b))
	return nil
}

func (lx *lexer) emitLit(typ, text string, v Value) {
	lx.emit(typ, text, lx.pos)
	lx.toks[len(lx.toks)-1].lit = v
	lx.advance(lx.pos + len(text))
}

// digitsRun matches (\d+_)*\d+ at the start of s.
func digitsRun(s string, ok func(byte) bool) int {
	n := 0
	for {
		m := n
		for m < len(s) && ok(s[m]) {
			m++
		}
		if m == n {
			if n > 0 && s[n-1] == '_' {
				return n - 1
			}
			return n
		}
		n = m
		if n < len(s) && s[n] == '_' && n+1 < len(s) && ok(s[n+1]) {
			n++
			continue
		}
		return n
	}
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// matchFloat matches Jinja2's float regex and returns its length or 0.
func matchFloat(s string) int {
	n := digitsRun(s, isDigit)
	if n == 0 {
		return 0
	}
	p := n
	if p < len(s) && s[p] == '.' {
		if f := digitsRun(s[p+1:], isDigit); f > 0 {
			p += 1 + f
		}
	}
	if e := matchExp(s[p:]); e > 0 {
		return p + e
	}
	if p > n {
		return p
	}
	return 0
}

func matchExp(s string) int {
	if len(s) == 0 || (s[0] != 'e' && s[0] != 'E') {
		return 0
	}
	n := 1
	if n < len(s) && (s[n] == '+' || s[n] == '-') {
		n++
	}
	d := digitsRun(s[n:], isDigit)
	if d == 0 {
		return 0
	}
	return n + d
}

// matchInt matches Jinja2's integer regex: its length and base.
func matchInt(s string) (int, int) {
	if len(s) > 2 && s[0] == '0' {
		prefixes := map[byte]struct {
			base int
			ok   func(byte) bool
		}{
			'b': {2, func(c byte) bool { return c == '0' || c == '1' }},
			'o': {8, func(c byte) bool { return c >= '0' && c <= '7' }},
			'x': {16, func(c byte) bool { return isDigit(c) || strings.IndexByte("abcdefABCDEF", c) >= 0 }},
		}
		if p, ok := prefixes[s[1]|0x20]; ok {
			rest := s[2:]
			if len(rest) > 0 && rest[0] == '_' {
				rest = rest[1:]
			}
			if n := digitsRun(rest, p.ok); n > 0 {
				return len(s) - len(rest) + n, p.base
			}
		}
	}
	if s[0] == '0' {
		n := 1
		for n < len(s) && (s[n] == '0' || (s[n] == '_' && n+1 < len(s) && s[n+1] == '0')) {
			n++
		}
		return n, 10
	}
	return digitsRun(s, isDigit), 10
}

// str lexes a quoted string literal and decodes Python escapes.
func (lx *lexer) str() error {
	s := lx.src[lx.pos:]
	q := s[0]
	i := 1
	for i < len(s) && s[i] != q {
		if s[i] == '\\' {
			i++
		}
		i++
	}
	if i >= len(s) {
		r, _ := utf8.DecodeRuneInString(s)
		return lx.fail("unexpected char "+QuoteString(string(r))+" at "+strconv.Itoa(utf8.RuneCountInString(lx.src[:lx.pos])), lx.line)
	}
	body := s[1:i]
	if lx.cfg.NewlineSequence != "\n" {
		body = strings.ReplaceAll(body, "\n", lx.cfg.NewlineSequence)
	}
	v, err := unescape(body)
	if err != nil {
		return lx.fail(err.Error(), lx.line)
	}
	lx.emitLit("string", s[:i+1], Str(v))
	return nil
}

// unescape decodes Python's unicode-escape sequences.
func unescape(s string) (string, error) {
	if !strings.Contains(s, "\\") {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		n, err := unescapeOne(&b, s, i)
		if err != nil {
			return "", err
		}
		i += n
	}
	return b.String(), nil
}

var simpleEscapes = map[byte]string{
	'\n': "", '\\': "\\", '\'': "'", '"': "\"", 'a': "\a", 'b': "\b", 'f': "\f",
	'n': "\n", 'r': "\r", 't': "\t", 'v': "\v",
}

// unescapeOne decodes the escape whose letter is at s[i]; it returns how
// many extra bytes it used.
func unescapeOne(b *strings.Builder, s string, i int) (int, error) {
	c := s[i]
	if r, ok := simpleEscapes[c]; ok {
		b.WriteString(r)
		return 0, nil
	}
	if c >= '0' && c <= '7' {
		n := 1
		for n < 3 && i+n < len(s) && s[i+n] >= '0' && s[i+n] <= '7' {
			n++
		}
		v, _ := strconv.ParseUint(s[i:i+n], 8, 32)
		b.WriteRune(rune(v))
		return n - 1, nil
	}
	width := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
	if width == 0 {
		b.WriteByte('\\')
		b.WriteByte(c)
		return 0, nil
	}
	if i+1+width > len(s) {
		return 0, escapeError(c)
	}
	v, err := strconv.ParseUint(s[i+1:i+1+width], 16, 32)
	if err != nil || v > utf8.MaxRune {
		return 0, escapeError(c)
	}
	b.WriteRune(rune(v))
	return width, nil
}

func escapeError(c byte) error {
	names := map[byte]string{'x': "truncated \\xXX escape", 'u': "truncated \\uXXXX escape", 'U': "truncated \\UXXXXXXXX escape"}
	return valueErrorf("%s", names[c])
}
