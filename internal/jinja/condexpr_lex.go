package jinja

import "strings"

// tokenKind classifies the tokens of a tag for the conditional rewrite.
type tokenKind int

const (
	tokOther  tokenKind = iota // numbers, operators, punctuation
	tokName                    // identifiers and keywords
	tokString                  // quoted string literals
	tokOpen                    // ( [ {
	tokClose                   // ) ] }
)

// tagToken is one token of a {{ }} or {% %} tag: its kind and its byte
// span in the template source.
type tagToken struct {
	kind       tokenKind
	start, end int
}

func (t tagToken) text(src string) string { return src[t.start:t.end] }

// isSeparator reports whether the token ends a conditional's branch: a
// comma, a colon (dict pairs, slices) or a lone `=` (keyword arguments,
// assignments); `==`, `<=` and the like are lexed as single tokens.
func (t tagToken) isSeparator(src string) bool {
	if t.kind != tokOther {
		return false
	}
	switch t.text(src) {
	case ",", ":", "=":
		return true
	}
	return false
}

// twoCharOperators are lexed as one token so that their `=` is not taken
// for an assignment.
var twoCharOperators = []string{"==", "!=", "<=", ">=", "//", "**"}

// lexTag tokenizes the body of a tag starting at pos up to its closing
// delimiter (`}}` for an output tag, `%}` for a statement, each optionally
// preceded by `-` or `+`), which counts only outside brackets, as in
// Jinja2's lexer. It returns the tokens, the offset just past the closing
// delimiter, and false when the tag is not closed.
func lexTag(src string, pos int, output bool) ([]tagToken, int, bool) {
	closer := "%}"
	if output {
		closer = "}}"
	}
	var toks []tagToken
	depth := 0
	for i := pos; i < len(src); {
		c := src[i]
		if depth == 0 {
			if strings.HasPrefix(src[i:], closer) {
				return toks, i + 2, true
			}
			if (c == '-' || c == '+') && strings.HasPrefix(src[i+1:], closer) {
				return toks, i + 3, true
			}
		}
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
			continue
		case c == '\'' || c == '"':
			end := stringLiteralEnd(src, i)
			toks = append(toks, tagToken{tokString, i, end})
			i = end
			continue
		case isIdentStart(c):
			end := i + 1
			for end < len(src) && isIdent(src[end]) {
				end++
			}
			toks = append(toks, tagToken{tokName, i, end})
			i = end
			continue
		case c >= '0' && c <= '9':
			end := i + 1
			for end < len(src) && (isIdent(src[end]) || src[end] == '.') {
				end++
			}
			toks = append(toks, tagToken{tokOther, i, end})
			i = end
			continue
		case c == '(' || c == '[' || c == '{':
			depth++
			toks = append(toks, tagToken{tokOpen, i, i + 1})
		case c == ')' || c == ']' || c == '}':
			depth = max(depth-1, 0)
			toks = append(toks, tagToken{tokClose, i, i + 1})
		default:
			toks = append(toks, lexOperator(src, i))
			i = toks[len(toks)-1].end
			continue
		}
		i++
	}
	return nil, len(src), false
}

func lexOperator(src string, i int) tagToken {
	for _, op := range twoCharOperators {
		if strings.HasPrefix(src[i:], op) {
			return tagToken{tokOther, i, i + len(op)}
		}
	}
	return tagToken{tokOther, i, i + 1}
}

func isIdentStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}
