package jinja

import (
	"strings"
)

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
