package jinja2

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one lexer token; typ uses Jinja2's token type names.
type token struct {
	typ  string
	val  string
	lit  Value // integer, float and string literals
	line int
	col  int
}

// lexer turns template source into tokens as jinja2.lexer.Lexer does.
type lexer struct {
	cfg     *Config
	name    string
	src     string
	pos     int
	line    int
	lineBeg int
	toks    []token
	lineSt  bool // the previous match ended with a newline
}

func lex(cfg *Config, name, source string) ([]token, error) {
	source = normalizeSource(source, cfg.KeepTrailingNewline)
	lx := &lexer{cfg: cfg, name: name, src: source, line: 1, lineSt: true}
	if err := lx.run(); err != nil {
		return nil, err
	}
	lx.emit("eof", "", lx.pos)
	return lx.toks, nil
}

// normalizeSource makes every newline \n and drops one trailing newline
// unless it is kept.
func normalizeSource(s string, keep bool) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	if !keep && strings.HasSuffix(s, "\n") {
		s = s[:len(s)-1]
	}
	return s
}

func (lx *lexer) fail(msg string, line int) error {
	return &Error{Class: "TemplateSyntaxError", Msg: msg, Template: lx.name, Line: line, Col: 1}
}

func (lx *lexer) emit(typ, val string, at int) {
	lx.toks = append(lx.toks, token{typ: typ, val: val, line: lx.line, col: at - lx.lineBeg + 1})
}

// advance moves to pos, counting lines.
func (lx *lexer) advance(pos int) {
	for i := lx.pos; i < pos; i++ {
		if lx.src[i] == '\n' {
			lx.line++
			lx.lineBeg = i + 1
		}
	}
	lx.pos = pos
}

// startTag is the earliest opening delimiter found in data.
type startTag struct {
	kind string // block, variable, comment, raw
	at   int    // where the delimiter starts
	end  int    // after the delimiter and its sign (or after raw's %})
	sign byte   // '-', '+' or 0
}

func (lx *lexer) run() error {
	for lx.pos < len(lx.src) {
		st, ok := lx.nextStart()
		if !ok {
			lx.data(lx.src[lx.pos:], lx.pos)
			lx.advance(len(lx.src))
			return nil
		}
		text := lx.stripText(lx.src[lx.pos:st.at], st)
		lx.data(text, lx.pos)
		lx.advance(st.at)
		var err error
		switch st.kind {
		case "raw":
			err = lx.raw(st)
		case "comment":
			err = lx.comment(st)
		default:
			err = lx.tag(st)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (lx *lexer) data(text string, at int) {
	if text == "" {
		return
	}
	if lx.cfg.NewlineSequence != "\n" {
		text = strings.ReplaceAll(text, "\n", lx.cfg.NewlineSequence)
	}
	lx.emit("data", text, at)
	lx.lineSt = strings.HasSuffix(text, "\n")
}

// stripText applies '-' and lstrip_blocks to the text before a tag.
func (lx *lexer) stripText(text string, st startTag) string {
	if st.sign == '-' {
		return strings.TrimRight(text, " \t\n\r\v\f")
	}
	if st.sign == '+' || !lx.cfg.LstripBlocks || st.kind == "variable" || st.kind == "linestatement" {
		return text
	}
	l := strings.LastIndexByte(text, '\n') + 1
	if l > 0 || lx.lineSt || lx.pos == 0 {
		if strings.Trim(text[l:], " \t") == "" {
			return text[:l]
		}
	}
	return text
}

// nextStart finds the earliest opening delimiter; at one position the
// longest delimiter wins, and a raw block before a plain block.
func (lx *lexer) nextStart() (startTag, bool) {
	c := lx.cfg
	delims := []struct{ kind, open string }{
		{"block", c.BlockStart}, {"variable", c.VariableStart}, {"comment", c.CommentStart},
	}
	for i := lx.pos; i < len(lx.src); i++ {
		if st, ok := lx.lineStatementAt(i); ok {
			return st, true
		}
		best := startTag{at: -1}
		bestLen := -1
		for _, d := range delims {
			if strings.HasPrefix(lx.src[i:], d.open) && len(d.open) > bestLen {
				best, bestLen = startTag{kind: d.kind, at: i, end: i + len(d.open)}, len(d.open)
			}
		}
		if bestLen < 0 {
			continue
		}
		if best.kind == "block" {
			if end, sign, ok := lx.rawStart(best.end); ok {
				return startTag{kind: "raw", at: i, end: end, sign: sign}, true
			}
		}
		if best.end < len(lx.src) && (lx.src[best.end] == '-' || lx.src[best.end] == '+') {
			best.sign = lx.src[best.end]
			best.end++
		}
		return best, true
	}
	return startTag{}, false
}

// lineStatementAt matches `^[ \t\v]*prefix` at i, the start of a line.
func (lx *lexer) lineStatementAt(i int) (startTag, bool) {
	prefix := lx.cfg.LineStatementPrefix
	if prefix == "" || (i > 0 && lx.src[i-1] != '\n') {
		return startTag{}, false
	}
	p := i
	for p < len(lx.src) && (lx.src[p] == ' ' || lx.src[p] == '\t' || lx.src[p] == '\v') {
		p++
	}
	if !strings.HasPrefix(lx.src[p:], prefix) {
		return startTag{}, false
	}
	return startTag{kind: "linestatement", at: i, end: p + len(prefix)}, true
}

// lineStatementEnd matches `\s*(\n|$)` at the position: the blanks up to
// the last newline among them, or to the end of the source.
func (lx *lexer) lineStatementEnd() (int, bool) {
	p := skipSpace(lx.src, lx.pos)
	if p == len(lx.src) {
		return p - lx.pos, true
	}
	if nl := strings.LastIndexByte(lx.src[lx.pos:p], '\n'); nl >= 0 {
		return nl + 1, true
	}
	return 0, false
}

// rawStart matches `(-|+|)\s*raw\s*(-%}\s*|%})` after a block start.
func (lx *lexer) rawStart(p int) (int, byte, bool) {
	var sign byte
	if p < len(lx.src) && (lx.src[p] == '-' || lx.src[p] == '+') {
		sign = lx.src[p]
		p++
	}
	p = skipSpace(lx.src, p)
	if !strings.HasPrefix(lx.src[p:], "raw") {
		return 0, 0, false
	}
	p = skipSpace(lx.src, p+3)
	end := lx.cfg.BlockEnd
	switch {
	case strings.HasPrefix(lx.src[p:], "-"+end):
		return skipSpace(lx.src, p+1+len(end)), sign, true
	case strings.HasPrefix(lx.src[p:], end):
		return p + len(end), sign, true
	}
	return 0, 0, false
}

func skipSpace(s string, p int) int {
	for p < len(s) && isSpace(s[p]) {
		p++
	}
	return p
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// closeLen matches a block or comment end (`+end`, `-end\s*`, `end\n?`)
// at p and returns the length consumed.
func (lx *lexer) closeLen(p int, end string) (int, bool) {
	s := lx.src[p:]
	switch {
	case strings.HasPrefix(s, "+"+end):
		return 1 + len(end), true
	case strings.HasPrefix(s, "-"+end):
		return skipSpace(lx.src, p+1+len(end)) - p, true
	case strings.HasPrefix(s, end):
		n := len(end)
		if lx.cfg.TrimBlocks && strings.HasPrefix(s[n:], "\n") {
			n++
		}
		return n, true
	}
	return 0, false
}

func (lx *lexer) comment(st startTag) error {
	for p := st.end; p < len(lx.src); p++ {
		if n, ok := lx.closeLen(p, lx.cfg.CommentEnd); ok {
			lx.advance(p + n)
			lx.lineSt = strings.HasSuffix(lx.src[:lx.pos], "\n")
			return nil
		}
	}
	return lx.fail("Missing end of comment tag", lx.line)
}

func (lx *lexer) raw(st startTag) error {
	lx.emit("raw_begin", "", st.at)
	lx.advance(st.end)
	for p := lx.pos; p < len(lx.src); p++ {
		if !strings.HasPrefix(lx.src[p:], lx.cfg.BlockStart) {
			continue
		}
		q := p + len(lx.cfg.BlockStart)
		var sign byte
		if q < len(lx.src) && (lx.src[q] == '-' || lx.src[q] == '+') {
			sign = lx.src[q]
			q++
		}
		q = skipSpace(lx.src, q)
		if !strings.HasPrefix(lx.src[q:], "endraw") {
			continue
		}
		q = skipSpace(lx.src, q+6)
		n, ok := lx.closeLen(q, lx.cfg.BlockEnd)
		if !ok {
			continue
		}
		text := lx.stripText(lx.src[lx.pos:p], startTag{kind: "block", sign: sign})
		lx.data(text, lx.pos)
		lx.advance(p)
		lx.emit("raw_end", "", p)
		lx.advance(q + n)
		lx.lineSt = strings.HasSuffix(lx.src[:lx.pos], "\n")
		return nil
	}
	return lx.fail("Missing end of raw directive", lx.line)
}

// tag lexes the inside of a block or variable tag.
func (lx *lexer) tag(st startTag) error {
	beginTyp, endTyp := "block_begin", "block_end" // a line statement is a block
	if st.kind == "variable" {
		beginTyp, endTyp = "variable_begin", "variable_end"
	}
	lx.emit(beginTyp, "", st.at)
	lx.advance(st.end)
	var stack []byte
	for lx.pos < len(lx.src) {
		if len(stack) == 0 {
			if n, ok := lx.tagEnd(st.kind); ok {
				lx.emit(endTyp, "", lx.pos)
				lx.advance(lx.pos + n)
				lx.lineSt = strings.HasSuffix(lx.src[:lx.pos], "\n")
				return nil
			}
		}
		if err := lx.tagToken(&stack); err != nil {
			return err
		}
	}
	if st.kind == "linestatement" && len(stack) == 0 {
		lx.emit(endTyp, "", lx.pos) // `$` ends the last line statement
	}
	return nil
}

func (lx *lexer) tagEnd(kind string) (int, bool) {
	if kind == "linestatement" {
		return lx.lineStatementEnd()
	}
	if kind == "block" {
		return lx.closeLen(lx.pos, lx.cfg.BlockEnd)
	}
	end := lx.cfg.VariableEnd
	s := lx.src[lx.pos:]
	if strings.HasPrefix(s, "-"+end) {
		return skipSpace(lx.src, lx.pos+1+len(end)) - lx.pos, true
	}
	if strings.HasPrefix(s, end) {
		return len(end), true
	}
	return 0, false
}

var operatorTokens = map[string]string{
	"+": "add", "-": "sub", "/": "div", "//": "floordiv", "*": "mul", "%": "mod",
	"**": "pow", "~": "tilde", "[": "lbracket", "]": "rbracket", "(": "lparen",
	")": "rparen", "{": "lbrace", "}": "rbrace", "==": "eq", "!=": "ne", ">": "gt",
	">=": "gteq", "<": "lt", "<=": "lteq", "=": "assign", ".": "dot", ":": "colon",
	"|": "pipe", ",": "comma", ";": "semicolon",
}

func (lx *lexer) tagToken(stack *[]byte) error {
	s := lx.src[lx.pos:]
	c := s[0]
	switch {
	case isSpace(c):
		lx.advance(skipSpace(lx.src, lx.pos))
		return nil
	case c >= '0' && c <= '9':
		return lx.number()
	case c == '\'' || c == '"':
		return lx.str()
	}
	if r, size := utf8.DecodeRuneInString(s); r >= utf8.RuneSelf && unicode.IsSpace(r) {
		lx.advance(lx.pos + size) // Jinja2's \s is Unicode whitespace (U+00A0, ...)
		return nil
	}
	if r, _ := utf8.DecodeRuneInString(s); r == '_' || unicode.IsLetter(r) {
		n := 0
		for n < len(s) {
			r, size := utf8.DecodeRuneInString(s[n:])
			if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
				break
			}
			n += size
		}
		lx.emit("name", s[:n], lx.pos)
		lx.advance(lx.pos + n)
		return nil
	}
	return lx.operator(stack)
}

func (lx *lexer) operator(stack *[]byte) error {
	s := lx.src[lx.pos:]
	op := ""
	if len(s) >= 2 && operatorTokens[s[:2]] != "" {
		op = s[:2]
	} else if operatorTokens[s[:1]] != "" {
		op = s[:1]
	}
	if op == "" {
		r, _ := utf8.DecodeRuneInString(s)
		return lx.fail(fmt.Sprintf("unexpected char %s at %d", QuoteString(string(r)), utf8.RuneCountInString(lx.src[:lx.pos])), lx.line)
	}
	switch op {
	case "{", "(", "[":
		*stack = append(*stack, map[string]byte{"{": '}', "(": ')', "[": ']'}[op])
	case "}", ")", "]":
		if len(*stack) == 0 {
			return lx.fail(fmt.Sprintf("unexpected '%s'", op), lx.line)
		}
		want := (*stack)[len(*stack)-1]
		*stack = (*stack)[:len(*stack)-1]
		if want != op[0] {
			return lx.fail(fmt.Sprintf("unexpected '%s', expected '%c'", op, want), lx.line)
		}
	}
	lx.emit(operatorTokens[op], op, lx.pos)
	lx.advance(lx.pos + len(op))
	return nil
}
