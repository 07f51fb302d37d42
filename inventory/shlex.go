package inventory

import (
	"errors"
	"strings"
)

// shlexSplit splits s like Python's shlex.split(s, comments=True) in POSIX
// mode: whitespace separates words, quotes and backslashes work as in the
// shell, and '#' starts a comment even in the middle of a word.
func shlexSplit(s string) ([]string, error) {
	const (
		stWhite = iota
		stWord
		stSingle
		stDouble
		stEscape
	)
	var (
		tokens  []string
		token   strings.Builder
		quoted  bool
		state   = stWhite
		escFrom = stWord
	)
	emit := func() {
		if token.Len() > 0 || quoted {
			tokens = append(tokens, token.String())
		}
		token.Reset()
		quoted = false
	}
	runes := []rune(s)
	for i := 0; i < len(runes); i++ {
		c := runes[i]
		switch state {
		case stWhite, stWord:
			switch {
			case c == ' ' || c == '\t' || c == '\r' || c == '\n':
				if state == stWord {
					emit()
				}
				state = stWhite
			case c == '#':
				// The rest of the line is a comment.
				for i < len(runes) && runes[i] != '\n' {
					i++
				}
				if state == stWord {
					emit()
				}
				state = stWhite
			case c == '\\':
				escFrom, state = stWord, stEscape
			case c == '\'':
				state = stSingle
			case c == '"':
				state = stDouble
			default:
				token.WriteRune(c)
				state = stWord
			}
		case stSingle, stDouble:
			quoted = true
			switch {
			case (state == stSingle && c == '\'') || (state == stDouble && c == '"'):
				state = stWord
			case state == stDouble && c == '\\':
				escFrom, state = stDouble, stEscape
			default:
				token.WriteRune(c)
			}
		case stEscape:
			if escFrom == stDouble && c != '\\' && c != '"' {
				token.WriteRune('\\')
			}
			token.WriteRune(c)
			state = escFrom
		}
	}
	switch state {
	case stSingle, stDouble:
		return nil, errors.New("No closing quotation")
	case stEscape:
		return nil, errors.New("No escaped character")
	case stWord:
		emit()
	}
	return tokens, nil
}
