package jinja

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/edxplay/edxplay/internal/yaml11"
)

// yamlEmitter reproduces the output of PyYAML's emitter (yaml.dump with
// allow_unicode=True, width 80, sorted keys) for plain data.
type yamlEmitter struct {
	b          strings.Builder
	bestIndent int
	flowStyle  *bool // nil: leaf collections in flow style (PyYAML's None)
	indent     int   // -1 stands for PyYAML's None
	indents    []int
	column     int
	whitespace bool
	indention  bool
	flowLevel  int
	keepOrder  bool // sort_keys=False: dicts in their own order
}

const yamlWidth = 80

// dumpYAML renders v like yaml.dump(v, indent=indent,
// default_flow_style=flow, sort_keys=sortKeys).
func dumpYAML(v any, indent int, flow *bool, sortKeys bool) (string, error) {
	e := &yamlEmitter{bestIndent: indent, flowStyle: flow, indent: -1, whitespace: true, indention: true, keepOrder: !sortKeys}
	if err := e.node(plain(v), false, false, false); err != nil {
		return "", err
	}
	e.writeIndent()
	return e.b.String(), nil
}

func (e *yamlEmitter) write(s string) {
	e.b.WriteString(s)
	e.column += utf8.RuneCountInString(s)
}

func (e *yamlEmitter) increaseIndent(flow, indentless bool) {
	e.indents = append(e.indents, e.indent)
	switch {
	case e.indent < 0 && flow:
		e.indent = e.bestIndent
	case e.indent < 0:
		e.indent = 0
	case !indentless:
		e.indent += e.bestIndent
	}
}

func (e *yamlEmitter) popIndent() {
	e.indent = e.indents[len(e.indents)-1]
	e.indents = e.indents[:len(e.indents)-1]
}

func (e *yamlEmitter) lineBreak() {
	e.b.WriteByte('\n')
	e.whitespace, e.indention, e.column = true, true, 0
}

func (e *yamlEmitter) writeIndent() {
	indent := max(e.indent, 0)
	if !e.indention || e.column > indent || (e.column == indent && !e.whitespace) {
		e.lineBreak()
	}
	if e.column < indent {
		e.whitespace = true
		e.write(strings.Repeat(" ", indent-e.column))
	}
}

func (e *yamlEmitter) indicator(ind string, needWhitespace, whitespace, indention bool) {
	if !e.whitespace && needWhitespace {
		ind = " " + ind
	}
	e.whitespace = whitespace
	e.indention = e.indention && indention
	e.write(ind)
}

// useFlow decides the style of a collection as PyYAML's representer and
// emitter do.
func (e *yamlEmitter) useFlow(children []any, empty bool) bool {
	if e.flowLevel > 0 || empty {
		return true
	}
	if e.flowStyle != nil {
		return *e.flowStyle
	}
	for _, c := range children {
		switch c.(type) {
		case []any, pyTuple, map[string]any:
			return false
		}
	}
	return true
}

func (e *yamlEmitter) node(v any, mappingCtx, simpleKey, _ bool) error {
	switch t := v.(type) {
	case pyTuple:
		return e.sequence([]any(t), mappingCtx)
	case []any:
		return e.sequence(t, mappingCtx)
	case map[string]any:
		return e.mapping(t)
	case *lazyMap:
		return e.node(materialize(t.scope), mappingCtx, simpleKey, false)
	case error:
		return t
	}
	e.increaseIndent(true, false)
	e.scalar(v, simpleKey)
	e.popIndent()
	return nil
}

func (e *yamlEmitter) sequence(items []any, mappingCtx bool) error {
	item := func(i int) error { return e.node(items[i], false, false, false) }
	if e.useFlow(items, len(items) == 0) {
		return e.flow("[", "]", len(items), item)
	}
	e.increaseIndent(false, mappingCtx && !e.indention)
	for i := range items {
		e.writeIndent()
		e.indicator("-", true, false, true)
		if err := item(i); err != nil {
			return err
		}
	}
	e.popIndent()
	return nil
}

// flow writes n items between open and close in flow style, wrapping
// lines past the width.
func (e *yamlEmitter) flow(open, close string, n int, item func(i int) error) error {
	e.indicator(open, true, true, false)
	e.flowLevel++
	e.increaseIndent(true, false)
	for i := range n {
		if i > 0 {
			e.indicator(",", false, false, false)
		}
		if e.column > yamlWidth {
			e.writeIndent()
		}
		if err := item(i); err != nil {
			return err
		}
	}
	e.popIndent()
	e.flowLevel--
	e.indicator(close, false, false, false)
	return nil
}

func (e *yamlEmitter) mapping(m map[string]any) error {
	keys := sortedKeys(m)
	if e.keepOrder {
		keys = dictKeys(m)
	}
	values := make([]any, 0, len(m))
	for _, k := range keys {
		values = append(values, m[k])
	}
	entry := func(i int) error {
		e.increaseIndent(true, false)
		e.scalar(keys[i], true)
		e.popIndent()
		e.indicator(":", false, false, false)
		return e.node(values[i], true, false, false)
	}
	if e.useFlow(values, len(m) == 0) {
		return e.flow("{", "}", len(keys), entry)
	}
	e.increaseIndent(false, false)
	for i := range keys {
		e.writeIndent()
		if err := entry(i); err != nil {
			return err
		}
	}
	e.popIndent()
	return nil
}

// scalar writes a scalar with PyYAML's representation and style choice.
func (e *yamlEmitter) scalar(v any, simpleKey bool) {
	switch t := v.(type) {
	case nil:
		e.plain("null")
	case bool:
		e.plain(map[bool]string{true: "true", false: "false"}[t])
	case int:
		e.plain(strconv.Itoa(t))
	case *big.Int:
		e.plain(t.String())
	case float64:
		e.plain(yamlFloat(t))
	case string:
		e.str(t, simpleKey)
	default:
		e.str(pyStr(t), simpleKey)
	}
}

func yamlFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return ".nan"
	case math.IsInf(f, 1):
		return ".inf"
	case math.IsInf(f, -1):
		return "-.inf"
	}
	s := strings.ToLower(pyFloat(f))
	if !strings.Contains(s, ".") && strings.Contains(s, "e") {
		s = strings.Replace(s, "e", ".0e", 1)
	}
	return s
}

func (e *yamlEmitter) str(s string, simpleKey bool) {
	a := analyzeScalar(s)
	implicit := yaml11.ResolvesToString(s)
	plainOK := (e.flowLevel > 0 && a.flowPlain) || (e.flowLevel == 0 && a.blockPlain)
	switch {
	case implicit && !(simpleKey && (a.empty || a.multiline)) && plainOK:
		e.plain(s)
	case a.singleQuoted && !(simpleKey && a.multiline):
		e.singleQuoted(s)
	default:
		e.doubleQuoted(s)
	}
}

// plain writes a plain scalar, folding long lines at spaces.
func (e *yamlEmitter) plain(text string) {
	if text == "" {
		return
	}
	if !e.whitespace {
		e.write(" ")
	}
	e.whitespace, e.indention = false, false
	e.folded(text, false)
}

// folded writes text splitting at single spaces once past the width; inside
// single quotes, line breaks become blank-line pairs.
func (e *yamlEmitter) folded(text string, quoted bool) {
	runes := []rune(text)
	spaces, breaks := false, false
	start := 0
	for end := 0; end <= len(runes); end++ {
		var ch rune = -1
		if end < len(runes) {
			ch = runes[end]
		}
		switch {
		case spaces:
			if ch != ' ' {
				if start+1 == end && e.column > yamlWidth && start != 0 && (!quoted || end != len(runes)) {
					e.writeIndent()
					e.whitespace, e.indention = false, false
				} else {
					e.write(string(runes[start:end]))
				}
				start = end
			}
		case breaks:
			if ch != '\n' {
				if runes[start] == '\n' {
					e.lineBreak()
				}
				for range runes[start:end] {
					e.lineBreak()
				}
				e.writeIndent()
				start = end
			}
		default:
			if ch == -1 || ch == ' ' || ch == '\n' || (quoted && ch == '\'') {
				if start < end {
					e.write(string(runes[start:end]))
					start = end
				}
			}
		}
		if quoted && ch == '\'' {
			e.write("''")
			start = end + 1
		}
		if ch != -1 {
			spaces, breaks = ch == ' ', ch == '\n'
		}
	}
}

func (e *yamlEmitter) singleQuoted(s string) {
	e.indicator("'", true, false, false)
	e.folded(s, true)
	e.indicator("'", false, false, false)
}

func (e *yamlEmitter) doubleQuoted(s string) {
	e.indicator("\"", true, false, false)
	var b strings.Builder
	escapes := map[rune]string{0: "0", '\a': "a", '\b': "b", '\t': "t", '\n': "n", '\v': "v", '\f': "f", '\r': "r", 0x1b: "e", '"': "\"", '\\': "\\", 0x85: "N", 0xa0: "_", 0x2028: "L", 0x2029: "P"}
	for _, r := range s {
		if esc, ok := escapes[r]; ok {
			b.WriteString("\\" + esc)
			continue
		}
		if r < 0x20 || (r >= 0x7f && r < 0xa0) || r == 0xfeff || (r >= 0xd800 && r < 0xe000) {
			fmt.Fprintf(&b, "\\x%02X", r)
			continue
		}
		b.WriteRune(r)
	}
	e.write(b.String())
	e.indicator("\"", false, false, false)
}

// scalarAnalysis is PyYAML's ScalarAnalysis.
type scalarAnalysis struct {
	empty, multiline                    bool
	flowPlain, blockPlain, singleQuoted bool
}

const yamlBreaks = "\x00 \t\r\n\u0085\u2028\u2029"

func analyzeScalar(s string) scalarAnalysis {
	if s == "" {
		return scalarAnalysis{empty: true, singleQuoted: true}
	}
	runes := []rune(s)
	var flowInd, blockInd, lineBreaks, special bool
	var leadSpace, leadBreak, trailSpace, trailBreak, breakSpace, spaceBreak bool
	if strings.HasPrefix(s, "---") || strings.HasPrefix(s, "...") {
		flowInd, blockInd = true, true
	}
	precededWS := true
	followedWS := len(runes) == 1 || strings.ContainsRune(yamlBreaks, runes[1])
	prevSpace, prevBreak := false, false
	for i, ch := range runes {
		if i == 0 {
			if strings.ContainsRune("#,[]{}&*!|>'\"%@`", ch) {
				flowInd, blockInd = true, true
			}
			if ch == '?' || ch == ':' {
				flowInd = true
				blockInd = blockInd || followedWS
			}
			if ch == '-' && followedWS {
				flowInd, blockInd = true, true
			}
		} else {
			if strings.ContainsRune(",?[]{}", ch) {
				flowInd = true
			}
			if ch == ':' {
				flowInd = true
				blockInd = blockInd || followedWS
			}
			if ch == '#' && precededWS {
				flowInd, blockInd = true, true
			}
		}
		isBreak := ch == '\n' || ch == 0x85 || ch == 0x2028 || ch == 0x2029
		lineBreaks = lineBreaks || isBreak
		if !(ch == '\n' || (ch >= 0x20 && ch <= 0x7e)) {
			printable := ch == 0x85 || (ch >= 0xa0 && ch <= 0xd7ff) || (ch >= 0xe000 && ch <= 0xfffd) || ch >= 0x10000
			if !printable || ch == 0xfeff {
				special = true
			}
		}
		switch {
		case ch == ' ':
			leadSpace = leadSpace || i == 0
			trailSpace = trailSpace || i == len(runes)-1
			breakSpace = breakSpace || prevBreak
			prevSpace, prevBreak = true, false
		case isBreak:
			leadBreak = leadBreak || i == 0
			trailBreak = trailBreak || i == len(runes)-1
			spaceBreak = spaceBreak || prevSpace
			prevSpace, prevBreak = false, true
		default:
			prevSpace, prevBreak = false, false
		}
		precededWS = strings.ContainsRune(yamlBreaks, ch)
		followedWS = i+1 >= len(runes)-1 || strings.ContainsRune(yamlBreaks, runes[i+2])
	}
	a := scalarAnalysis{multiline: lineBreaks, flowPlain: true, blockPlain: true, singleQuoted: true}
	if leadSpace || leadBreak || trailSpace || trailBreak {
		a.flowPlain, a.blockPlain = false, false
	}
	if breakSpace {
		a.flowPlain, a.blockPlain, a.singleQuoted = false, false, false
	}
	if spaceBreak || special {
		a.flowPlain, a.blockPlain, a.singleQuoted = false, false, false
	}
	if lineBreaks {
		a.flowPlain, a.blockPlain = false, false
	}
	if flowInd {
		a.flowPlain = false
	}
	if blockInd {
		a.blockPlain = false
	}
	return a
}
