package taint

import "strings"

// MinSecretLen is the length under which a string rendered from a secret
// is not recorded: "1", "yes" or "19" (a length) would mask unrelated text.
const MinSecretLen = 4

// Secrets records secret strings so that every output can mask them; the
// vault package's Redactor is one.
type Secrets interface {
	// Add records a secret string.
	Add(s string)
	// Has reports whether s was recorded.
	Has(s string) bool
}

// Known reports whether v is marked Secret, or is or holds a string
// recorded in s.
func Known(s Secrets, v any) bool {
	v, f := Unwrap(v)
	if f.Has(Secret) {
		return true
	}
	switch t := v.(type) {
	case string:
		return s != nil && s.Has(t)
	case []string:
		for _, e := range t {
			if s != nil && s.Has(e) {
				return true
			}
		}
	case []any:
		for _, e := range t {
			if Known(s, e) {
				return true
			}
		}
	case map[string]any:
		for _, e := range t {
			if Known(s, e) {
				return true
			}
		}
	}
	return false
}

// Record adds to s every line of every string in v, at any depth, that is
// at least MinSecretLen long and does not occur in source (the template it was
// rendered from: `{{ 'on' if secret else 'off' }}` reveals a bit of the
// secret, not its text, and masking "on" everywhere would hide unrelated
// output).
func Record(s Secrets, v any, source string) {
	if s == nil {
		return
	}
	v, _ = Unwrap(v)
	switch t := v.(type) {
	case string:
		// A multi-line result is recorded line by line: the lines it
		// copies from its template ("[mysqld]") are not secret.
		for _, line := range strings.Split(t, "\n") {
			if len(strings.TrimSpace(line)) >= MinSecretLen && !strings.Contains(source, line) {
				s.Add(line)
			}
		}
	case []string:
		for _, e := range t {
			Record(s, e, source)
		}
	case []any:
		for _, e := range t {
			Record(s, e, source)
		}
	case map[string]any:
		for _, e := range t {
			Record(s, e, source)
		}
	}
}
