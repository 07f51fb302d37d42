// Package shellwords splits a command line into words the way Python's
// shlex.split does in POSIX mode, as Ansible's command module does.
package shellwords

import (
	"errors"
	"strings"
)

// ErrNoClosingQuote is returned for an unterminated quoted string.
var ErrNoClosingQuote = errors.New("no closing quotation")

// ErrNoEscapedChar is returned when the input ends with a lone backslash.
var ErrNoEscapedChar = errors.New("no escaped character")

// Split splits s into words like Python's shlex.split(s) in POSIX mode:
// whitespace separates words, single quotes keep everything literal,
// double quotes allow \" and \\ escapes, and a backslash outside quotes
// escapes the next character.
func Split(s string) ([]string, error) { return split(s, false) }

// SplitComments is Split with comments=True: a '#' outside quotes starts a
// comment that runs to the end of the line, even in the middle of a word.
func SplitComments(s string) ([]string, error) { return split(s, true) }

// The states of the splitter, as in Python's shlex.
const (
	stWhite = iota
	stWord
	stSingle
	stDouble
	stEscape
)

// splitter is the state of one split.
type splitter struct {
	words   []string
	word    strings.Builder
	state   int
	escFrom int
}

func split(s string, comments bool) ([]string, error) {
	sp := &splitter{}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if comments && c == '#' && (sp.state == stWhite || sp.state == stWord) {
			for i < len(s) && s[i] != '\n' {
				i++
			}
			sp.endWord()
			continue
		}
		sp.step(c)
	}
	switch sp.state {
	case stSingle, stDouble:
		return nil, ErrNoClosingQuote
	case stEscape:
		return nil, ErrNoEscapedChar
	}
	sp.endWord()
	return sp.words, nil
}

// step consumes one byte (the special characters are all ASCII, so bytes
// of multi-byte characters pass through unchanged).
func (sp *splitter) step(c byte) {
	switch sp.state {
	case stWhite, stWord:
		switch c {
		case ' ', '\t', '\r', '\n':
			sp.endWord()
		case '\\':
			sp.escFrom, sp.state = stWord, stEscape
		case '\'':
			sp.state = stSingle
		case '"':
			sp.state = stDouble
		default:
			sp.word.WriteByte(c)
			sp.state = stWord
		}
	case stSingle, stDouble:
		switch {
		case (sp.state == stSingle && c == '\'') || (sp.state == stDouble && c == '"'):
			sp.state = stWord
		case sp.state == stDouble && c == '\\':
			sp.escFrom, sp.state = stDouble, stEscape
		default:
			sp.word.WriteByte(c)
		}
	case stEscape:
		if sp.escFrom == stDouble && c != '\\' && c != '"' {
			sp.word.WriteByte('\\')
		}
		sp.word.WriteByte(c)
		sp.state = sp.escFrom
	}
}

// endWord ends the current word, if any (a word that was only an empty
// quoted string is a word too).
func (sp *splitter) endWord() {
	if sp.state == stWord {
		sp.words = append(sp.words, sp.word.String())
	}
	sp.word.Reset()
	sp.state = stWhite
}

// Join quotes each word for POSIX sh and joins them with spaces, so that
// sh -c runs exactly argv without expansion.
func Join(argv []string) string {
	quoted := make([]string, len(argv))
	for i, w := range argv {
		if w != "" && strings.Trim(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%") == "" {
			quoted[i] = w
		} else {
			quoted[i] = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
		}
	}
	return strings.Join(quoted, " ")
}
