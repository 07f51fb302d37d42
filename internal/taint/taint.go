// Package taint marks variable values that must be handled specially, as
// ansible-core's AnsibleUnsafe and no_log/vault values: Unsafe data (module
// results, facts, slurped files, lookup results, `!unsafe` YAML) is never
// evaluated as a template, and Secret data (vault values, no_log results and
// anything rendered from them) never appears in output. It knows nothing of
// the template engine: an engine unwraps marked values before use, and
// marks what it renders from them with the union of the flags it read.
package taint

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/odict"
)

// Flags is a set of marks.
type Flags uint8

const (
	// Unsafe data is used literally: a template engine never renders it.
	Unsafe Flags = 1 << iota
	// Secret data must never be shown; what is rendered from it is secret.
	Secret
	// Text marks a string that stays text (Ansible's NativeJinjaText: what a
	// string filter or the template lookup returned): native rendering
	// never reads it as a literal. It names the type of its own value only:
	// what is rendered from it does not inherit it.
	Text
	// Loaded marks a string as the YAML loader made it (Ansible's
	// AnsibleUnicode), never re-created by templating. Like Text, it names
	// the type of its own value only.
	Loaded
)

// Inherited are the flags that what is rendered from a value inherits.
const Inherited = Unsafe | Secret

// Has reports whether every flag of g is set in f.
func (f Flags) Has(g Flags) bool { return g != 0 && f&g == g }

// String names the flags ("unsafe", "secret", "unsafe|secret").
func (f Flags) String() string {
	var names []string
	if f&Unsafe != 0 {
		names = append(names, "unsafe")
	}
	if f&Secret != 0 {
		names = append(names, "secret")
	}
	if f&Text != 0 {
		names = append(names, "text")
	}
	if f&Loaded != 0 {
		names = append(names, "loaded")
	}
	return strings.Join(names, "|")
}

// Value is a value (a string, or a list or dict of any depth) with the marks
// that apply to all of it. Values inside may carry marks of their own.
type Value struct {
	V     any
	Flags Flags
}

// Wrap marks v with f. Marking a Value adds to its flags; no flags, or a
// nil v, leave v as it is.
func Wrap(v any, f Flags) any {
	if f == 0 || v == nil {
		return v
	}
	if w, ok := v.(Value); ok {
		w.Flags |= f
		return w
	}
	return Value{V: v, Flags: f}
}

// Unwrap removes the marks around v (not those of values inside it).
func Unwrap(v any) (any, Flags) {
	var f Flags
	for {
		w, ok := v.(Value)
		if !ok {
			return v, f
		}
		f |= w.Flags
		v = w.V
	}
}

// Strip returns v with every mark removed, at any depth, and the union of
// the removed flags. Lists and dicts holding marks are copied; others are
// returned as they are.
func Strip(v any) (any, Flags) {
	v, f := Unwrap(v)
	switch t := v.(type) {
	case []any:
		var out []any
		for i, e := range t {
			s, g := Strip(e)
			if g != 0 && out == nil {
				out = append(make([]any, 0, len(t)), t[:i]...)
			}
			if out != nil {
				out = append(out, s)
			}
			f |= g
		}
		if out != nil {
			return out, f
		}
	case map[string]any:
		// A plain map (a Go-built dict) is copied into an ordered dict,
		// its keys sorted.
		for _, e := range t {
			if _, g := Strip(e); g != 0 {
				s, g := Strip(odict.FromMap(t))
				return s, f | g
			}
		}
	case *odict.Map:
		var out *odict.Map
		for k, e := range t.All() {
			if s, g := Strip(e); g != 0 {
				if out == nil {
					out = t.Clone()
				}
				out.Set(k, s)
				f |= g
			}
		}
		if out != nil {
			return out, f
		}
	}
	return v, f
}

// Of returns the union of the flags of v and of every value inside it.
func Of(v any) Flags {
	_, f := Strip(v)
	return f
}

// MarshalJSON encodes the value without its marks.
func (v Value) MarshalJSON() ([]byte, error) { return json.Marshal(v.V) }

// PyValue lets Python-style formatters print the value without its marks.
func (v Value) PyValue() any { return v.V }

// String formats the value without its marks.
func (v Value) String() string { return fmt.Sprint(v.V) }

// AnsibleJSON returns v ready for JSON the way ansible-inventory writes it
// (AnsibleJSONEncoder with preprocess_unsafe): every unsafe string becomes
// {"__ansible_unsafe": text}; other marks are dropped.
func AnsibleJSON(v any) any {
	return ansibleJSON(v, false)
}

func ansibleJSON(v any, unsafe bool) any {
	v, f := Unwrap(v)
	unsafe = unsafe || f.Has(Unsafe)
	switch t := v.(type) {
	case string:
		if unsafe {
			return map[string]any{"__ansible_unsafe": t}
		}
		return t
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = ansibleJSON(e, unsafe)
		}
		return out
	case map[string]any:
		return ansibleJSON(odict.FromMap(t), unsafe)
	case *odict.Map:
		out := odict.New(t.Len())
		for k, e := range t.All() {
			out.Set(k, ansibleJSON(e, unsafe))
		}
		return out
	}
	return v
}
