package vault

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
	"sync"
)

// Mask replaces every secret value Redact finds.
const Mask = "********"

// Redactor collects decrypted secret values and masks them in text bound
// for output. It is safe for concurrent use; a nil *Redactor redacts nothing.
type Redactor struct {
	mu sync.RWMutex
	// values are the strings masked: each secret and its trimmed and
	// JSON-escaped forms.
	values map[string]bool
	// known are the secrets as values hold them (Has): each one, trimmed,
	// and each line of a multi-line one.
	known map[string]bool
	// added are the values given to Add.
	added    map[string]bool
	replacer *strings.Replacer
}

// NewRedactor returns an empty Redactor.
func NewRedactor() *Redactor {
	return &Redactor{values: map[string]bool{}, known: map[string]bool{}, added: map[string]bool{}}
}

// minLineLen is the shortest line of a multi-line secret that is masked
// on its own (shorter lines, like "}" or "==", would mask unrelated text).
const minLineLen = 4

// Add records a secret value. Besides the value itself it records the value
// with surrounding whitespace trimmed (block scalars end in a newline) and
// its JSON-escaped forms, so it is also masked inside JSON output. Each line
// of a multi-line value (a key or a certificate) is a secret too, as it
// appears alone in stdout_lines. Values that are empty or all whitespace
// are ignored.
func (r *Redactor) Add(value string) {
	if r == nil || strings.TrimSpace(value) == "" {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.added[value] {
		return
	}
	r.added[value] = true
	r.known[value], r.known[strings.TrimSpace(value)] = true, true
	for _, v := range variants(value) {
		r.values[v] = true
	}
	if strings.Contains(strings.TrimSpace(value), "\n") {
		for _, line := range strings.Split(value, "\n") {
			if len(strings.TrimSpace(line)) >= minLineLen {
				r.known[line] = true
				for _, v := range variants(line) {
					r.values[v] = true
				}
			}
		}
	}
	r.replacer = nil
}

// Has reports whether s was recorded, whole or as a line of a multi-line
// secret (its trimmed and escaped forms do not count).
func (r *Redactor) Has(s string) bool {
	if r == nil {
		return false
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.known[s]
}

// variants lists the forms of value that Add records.
func variants(value string) []string {
	out := []string{value, strings.TrimSpace(value)}
	if b, err := json.Marshal(value); err == nil {
		out = append(out, string(b[1:len(b)-1]))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if enc.Encode(value) == nil {
		s := strings.TrimSpace(buf.String())
		out = append(out, s[1:len(s)-1])
	}
	return out
}

// Len is the number of distinct strings being masked.
func (r *Redactor) Len() int {
	if r == nil {
		return 0
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	return len(r.values)
}

// Outside returns the parts of s around the secrets it contains, as
// Redact would leave them.
func (r *Redactor) Outside(s string) []string {
	if r == nil || r.Len() == 0 {
		return []string{s}
	}
	return strings.Split(r.Redact(s), Mask)
}

// Redact returns s with every occurrence of a recorded secret replaced by
// Mask. Where secrets overlap, the longest one is matched first.
func (r *Redactor) Redact(s string) string {
	if r == nil {
		return s
	}
	return r.currentReplacer().Replace(s)
}

// currentReplacer returns the replacer for the recorded values, building it
// on first use after a change.
func (r *Redactor) currentReplacer() *strings.Replacer {
	r.mu.RLock()
	rep := r.replacer
	r.mu.RUnlock()
	if rep != nil {
		return rep
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.replacer == nil {
		vals := make([]string, 0, len(r.values))
		for v := range r.values {
			vals = append(vals, v)
		}
		sort.Slice(vals, func(i, j int) bool {
			if len(vals[i]) != len(vals[j]) {
				return len(vals[i]) > len(vals[j])
			}
			return vals[i] < vals[j]
		})
		pairs := make([]string, 0, 2*len(vals))
		for _, v := range vals {
			pairs = append(pairs, v, Mask)
		}
		r.replacer = strings.NewReplacer(pairs...)
	}
	return r.replacer
}
