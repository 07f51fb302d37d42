package jinja

import (
	"strings"

	"github.com/edxplay/edxplay/internal/pyvalue"
)

// literalOptions are those of Ansible's native concat: JSON names too,
// non-string keys turned into text like str().
var literalOptions = pyvalue.LiteralOptions{
	JSONNames: true,
	Key:       func(k any) (string, error) { return keyString(k), nil },
}

// literalEval parses a Python literal as ast.literal_eval does, with the
// JSON names true/false/null accepted like Ansible's Json2Python.
func literalEval(s string) (any, error) { return pyvalue.LiteralEval(s, literalOptions) }

// escapeBackslashes doubles backslashes in string literals inside {{ }}, as
// Ansible does for templates coming from playbooks (not template files).
func escapeBackslashes(s string) string {
	if !strings.Contains(s, "\\") || !strings.Contains(s, "{{") {
		return s
	}
	var b strings.Builder
	inVar := false
	for i := 0; i < len(s); i++ {
		switch {
		case !inVar && strings.HasPrefix(s[i:], "{{"):
			inVar = true
			b.WriteString("{{")
			i++
		case inVar && strings.HasPrefix(s[i:], "}}"):
			inVar = false
			b.WriteString("}}")
			i++
		case inVar && (s[i] == '\'' || s[i] == '"'):
			end := stringLiteralEnd(s, i)
			b.WriteString(strings.ReplaceAll(s[i:end], "\\", "\\\\"))
			i = end - 1
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// stringLiteralEnd returns the index just past the string literal at i.
func stringLiteralEnd(s string, i int) int {
	quote := s[i]
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case quote:
			return j + 1
		}
	}
	return len(s)
}

// isIdent reports whether c may appear in a Python identifier.
func isIdent(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}
