package taint

import (
	"strings"

	"github.com/edxplay/edxplay/internal/odict"
)

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
	// Outside returns the parts of s around the recorded secrets it
	// contains (s itself when it contains none).
	Outside(s string) []string
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
	case *odict.Map:
		for _, e := range t.All() {
			if Known(s, e) {
				return true
			}
		}
	}
	return false
}

// Record adds to s every line of every string in v, at any depth, that is
// derived from a secret: at least MinSecretLen long and not made only of
// text of source (the template it was rendered from), of public strings
// (see Public) and of secrets already recorded. So `{{ 'on' if secret else
// 'off' }}` (a bit of the secret, not its text) and "password is {{ pw }}"
// (masked already where pw appears) are not recorded, and masking "on" or
// "password is" everywhere does not hide unrelated output.
func Record(s Secrets, v any, source string, public map[string]bool) {
	if s == nil {
		return
	}
	v, _ = Unwrap(v)
	switch t := v.(type) {
	case string:
		// A multi-line result is recorded line by line: the lines it
		// copies from its template ("[mysqld]") are not secret.
		if public[t] {
			return
		}
		for _, line := range strings.Split(t, "\n") {
			if len(strings.TrimSpace(line)) >= MinSecretLen && derived(s, line, source, public) {
				s.Add(line)
			}
		}
	case []string:
		for _, e := range t {
			Record(s, e, source, public)
		}
	case []any:
		for _, e := range t {
			Record(s, e, source, public)
		}
	case map[string]any:
		for _, e := range t {
			Record(s, e, source, public)
		}
	case *odict.Map:
		for _, e := range t.All() {
			Record(s, e, source, public)
		}
	}
}

// derived reports whether a line of a rendering's result holds text that
// is neither in source, nor public, nor a recorded secret.
func derived(s Secrets, line, source string, public map[string]bool) bool {
	for _, part := range s.Outside(line) {
		if part != "" && !strings.Contains(source, part) && !public[part] {
			return true
		}
	}
	return false
}

// Public returns the strings in values, at any depth, that s does not know
// as secret: what a rendering may copy from a dict that also holds a
// password without revealing it.
func Public(s Secrets, values ...any) map[string]bool {
	out := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		v, f := Unwrap(v)
		if f.Has(Secret) {
			return
		}
		switch t := v.(type) {
		case string:
			if s == nil || !s.Has(t) {
				out[t] = true
			}
		case []string:
			for _, e := range t {
				walk(e)
			}
		case []any:
			for _, e := range t {
				walk(e)
			}
		case map[string]any:
			for _, e := range t {
				walk(e)
			}
		case *odict.Map:
			for _, e := range t.All() {
				walk(e)
			}
		}
	}
	for _, v := range values {
		walk(v)
	}
	return out
}
