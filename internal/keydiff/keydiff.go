// Package keydiff compares two JSON or YAML configuration documents key by
// key (dotted paths: FEATURES.ENABLE_X) and renders the changes as
// `~ KEY: "A" → "B"`, `+ KEY: true`, `- KEY`, hiding the values of keys
// the caller says are secret.
package keydiff

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Change is one key added (+), removed (-) or changed (~).
type Change struct {
	Op     string `json:"op"`
	Key    string `json:"key"`
	Before any    `json:"before,omitempty"`
	After  any    `json:"after,omitempty"`
	// Secret marks a change whose values are hidden.
	Secret bool `json:"secret,omitempty"`
}

// Parse reads a JSON or YAML mapping; ok is false for anything else.
func Parse(s string) (map[string]any, bool) {
	var m map[string]any
	if json.Unmarshal([]byte(s), &m) == nil && m != nil {
		return m, true
	}
	if yaml.Unmarshal([]byte(s), &m) == nil && m != nil {
		return m, true
	}
	return nil, false
}

// Compare returns the key-level changes from before to after, sorted by
// key; ok is false when either side is not a mapping (an empty before,
// a file being created, counts as an empty mapping).
func Compare(before, after string) ([]Change, bool) {
	a, okA := Parse(after)
	b, okB := Parse(before)
	if strings.TrimSpace(before) == "" {
		b, okB = map[string]any{}, true
	}
	if !okA || !okB {
		return nil, false
	}
	out := compare("", b, a)
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, true
}

func compare(prefix string, before, after map[string]any) []Change {
	var out []Change
	for k, av := range after {
		key := prefix + k
		bv, inB := before[k]
		bm, bIsMap := bv.(map[string]any)
		am, aIsMap := av.(map[string]any)
		switch {
		case inB && bIsMap && aIsMap:
			out = append(out, compare(key+".", bm, am)...)
		case !inB && aIsMap && len(am) > 0:
			out = append(out, compare(key+".", map[string]any{}, am)...)
		case !inB:
			out = append(out, Change{Op: "+", Key: key, After: av})
		case !reflect.DeepEqual(bv, av):
			out = append(out, Change{Op: "~", Key: key, Before: bv, After: av})
		}
	}
	for k, bv := range before {
		if _, inA := after[k]; !inA {
			out = append(out, Change{Op: "-", Key: prefix + k, Before: bv})
		}
	}
	return out
}

// Mask hides the values of the changes whose key secret reports.
func Mask(changes []Change, secret func(key string) bool) []Change {
	out := make([]Change, len(changes))
	for i, c := range changes {
		if c.Secret || secret(c.Key) || holdsSecretKey(c.Before) || holdsSecretKey(c.After) {
			c.Before, c.After, c.Secret = nil, nil, true
		}
		out[i] = c
	}
	return out
}

// holdsSecretKey reports whether a list or mapping value has, at any depth,
// a key whose name says it holds a secret (JWT_ISSUERS: [{SECRET_KEY: ...}]):
// such a value is shown whole on one line, so it is hidden whole.
func holdsSecretKey(v any) bool {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if SecretName(k) || holdsSecretKey(e) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if holdsSecretKey(e) {
				return true
			}
		}
	}
	return false
}

// Line renders one change.
func (c Change) Line() string {
	switch {
	case c.Secret && c.Op == "-":
		return "- " + c.Key
	case c.Secret:
		return c.Op + " " + c.Key + ": (secret)"
	case c.Op == "+":
		return "+ " + c.Key + ": " + show(c.After)
	case c.Op == "-":
		return "- " + c.Key
	}
	return "~ " + c.Key + ": " + show(c.Before) + " → " + show(c.After)
}

// Lines renders changes one per line, each ending in a newline.
func Lines(changes []Change) string {
	var b strings.Builder
	for _, c := range changes {
		b.WriteString(c.Line())
		b.WriteByte('\n')
	}
	return b.String()
}

// show renders a value as JSON (strings quoted), long values cut.
func show(v any) string {
	data, err := json.Marshal(v)
	s := string(data)
	if err != nil {
		s = fmt.Sprint(v)
	}
	if len(s) > 200 {
		s = s[:197] + "..."
	}
	return s
}

// secretWords are key-name parts that mark a value as secret.
var secretWords = []string{"SECRET", "PASSWORD", "PASSWD", "TOKEN", "PRIVATE", "_KEY", "API_KEY", "CREDENTIAL"}

// SecretName reports whether a key's last part names a secret
// (SECRET_KEY, DATABASES.default.PASSWORD, AWS_ACCESS_KEY_ID, ...).
func SecretName(key string) bool {
	last := strings.ToUpper(key[strings.LastIndex(key, ".")+1:])
	for _, w := range secretWords {
		if strings.Contains(last, w) {
			return true
		}
	}
	return strings.HasSuffix(last, "KEY")
}

// AuthFile reports whether path is an Open edX auth file (lms.auth.json,
// cms.auth.yml, ...), every key of which holds a secret.
func AuthFile(path string) bool {
	base := path[strings.LastIndex(path, "/")+1:]
	return strings.Contains(base, ".auth.") || strings.HasPrefix(base, "auth.")
}
