package ansiblefilters

import (
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/yaml11"
)

// str writes a string scalar in the style PyYAML picks; it reports whether
// the style was plain.
func (e *yamlEmitter) str(s string, simpleKey bool) bool {
	a := analyzeScalar(s)
	implicit := yaml11.ResolvesToString(s)
	plainOK := (e.flowLevel > 0 && a.flowPlain) || (e.flowLevel == 0 && a.blockPlain)
	switch {
	case implicit && !(simpleKey && (a.empty || a.multiline)) && plainOK:
		e.plain(s)
		return s != ""
	case a.singleQuoted && !(simpleKey && a.multiline):
		e.singleQuoted(s)
	default:
		e.doubleQuoted(s)
	}
	return false
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
				if start+1 == end && e.column > e.width && !e.inKey && start != 0 && (!quoted || end != len(runes)) {
					e.writeIndent()
					e.whitespace, e.indention = false, false
				} else {
					e.write(string(runes[start:end]))
				}
				start = end
			}
		case breaks:
			if !isYAMLBreak(ch) {
				if runes[start] == '\n' {
					e.lineBreak()
				}
				for _, br := range runes[start:end] {
					e.lineBreakAs(br)
				}
				e.writeIndent()
				start = end
			}
		default:
			if ch == -1 || ch == ' ' || isYAMLBreak(ch) || (quoted && ch == '\'') {
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
			spaces, breaks = ch == ' ', isYAMLBreak(ch)
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
	runes := []rune(s)
	spaces := false
	for i, r := range runes {
		switch {
		case !yamlPrintable(r) || isYAMLBreak(r) || r == '\r' || r == '"' || r == '\\':
			e.write(yamlEscape(r))
			spaces = false
		case r == ' ':
			if !e.inKey && !spaces && e.column > e.width && i != 0 && i != len(runes)-1 {
				e.writeIndent()
				if runes[i+1] == ' ' {
					e.write("\\")
				}
			} else {
				e.write(" ")
			}
			spaces = true
		default:
			e.write(string(r))
			spaces = false
		}
	}
	e.indicator("\"", false, false, false)
}

// yamlEscape is libyaml's escape of one character in a double-quoted
// scalar.
func yamlEscape(r rune) string {
	if esc, ok := yamlEscapes[r]; ok {
		return "\\" + esc
	}
	switch {
	case r <= 0xff:
		return fmt.Sprintf("\\x%02X", r)
	case r <= 0xffff:
		return fmt.Sprintf("\\u%04X", r)
	}
	return fmt.Sprintf("\\U%08X", r)
}

// yamlEscapes are libyaml's short escapes in double-quoted scalars.
var yamlEscapes = map[rune]string{0: "0", '\a': "a", '\b': "b", '\t': "t", '\n': "n", '\v': "v", '\f': "f", '\r': "r",
	0x1b: "e", '"': "\"", '\\': "\\", 0x85: "N", 0xa0: "_", 0x2028: "L", 0x2029: "P"}

// yamlPrintable is libyaml's IS_PRINTABLE (Ansible dumps with the C
// emitter): characters beyond the BMP, U+0085 and U+FEFF are not.
func yamlPrintable(r rune) bool {
	return r == '\n' || (r >= 0x20 && r <= 0x7e) || (r >= 0xa0 && r <= 0xd7ff) || (r >= 0xe000 && r <= 0xfffd && r != 0xfeff)
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
			if !yamlPrintable(ch) {
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

// isYAMLBreak reports whether ch is a line break for PyYAML's writers.
func isYAMLBreak(ch rune) bool { return ch == '\n' || ch == 0x85 || ch == 0x2028 || ch == 0x2029 }

// lineBreakAs writes a line break: '\n' as the emitter's newline, other
// break characters as themselves.
func (e *yamlEmitter) lineBreakAs(br rune) {
	if br == '\n' {
		e.lineBreak()
		return
	}
	e.b.WriteRune(br)
	e.whitespace, e.indention, e.column = true, true, 0
}
