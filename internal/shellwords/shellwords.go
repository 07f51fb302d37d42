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

// Split splits s into words: whitespace separates words, single quotes
// keep everything literal, double quotes allow \" and \\ escapes, and a
// backslash outside quotes escapes the next character.
func Split(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\\':
			if i+1 == len(s) {
				return nil, ErrNoEscapedChar
			}
			i++
			cur.WriteByte(s[i])
			inWord = true
		case c == '\'':
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				return nil, ErrNoClosingQuote
			}
			cur.WriteString(s[i+1 : i+1+end])
			i += end + 1
			inWord = true
		case c == '"':
			n, err := readDouble(s[i+1:], &cur)
			if err != nil {
				return nil, err
			}
			i += n
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// readDouble copies a double-quoted string's content (after the opening
// quote) into cur and returns how many bytes it consumed, closing quote included.
func readDouble(s string, cur *strings.Builder) (int, error) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			return i + 1, nil
		case c == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\'):
			cur.WriteByte(s[i+1])
			i++
		default:
			cur.WriteByte(c)
		}
	}
	return 0, ErrNoClosingQuote
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
