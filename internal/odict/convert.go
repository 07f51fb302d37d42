package odict

// AsMap returns v as a *Map when v is a dict: a *Map itself, or a plain
// map[string]any, which is copied into a Map in the order PlainKeys gives.
// Anything else reports false.
func AsMap(v any) (*Map, bool) {
	switch t := v.(type) {
	case *Map:
		if t == nil {
			return New(0), true
		}
		return t, true
	case map[string]any:
		return FromMap(t), true
	}
	return nil, false
}

// Plain returns the entries of a dict value (a *Map or a map[string]any)
// as a Go map, for reading; it reports false for anything else. The map
// may be the value's own: callers must not modify it.
func Plain(v any) (map[string]any, bool) {
	switch t := v.(type) {
	case *Map:
		return t.Plain(), true
	case map[string]any:
		return t, true
	}
	return nil, false
}

// IsDict reports whether v is a dict value: a *Map or a map[string]any.
func IsDict(v any) bool {
	_, ok := Plain(v)
	return ok
}

// KeysOf returns the keys of a dict value in order (PlainKeys for a plain
// map) and nil for anything else.
func KeysOf(v any) []string {
	switch t := v.(type) {
	case *Map:
		return t.Keys()
	case map[string]any:
		return PlainKeys(t)
	}
	return nil
}

// DeepPlain returns v with every *Map inside it (through []any and
// map[string]any) replaced by a plain map[string]any copy: the form to
// compare against with reflect.DeepEqual when order does not matter.
func DeepPlain(v any) any {
	switch t := v.(type) {
	case *Map:
		out := make(map[string]any, t.Len())
		t.Range(func(k string, e any) bool {
			out[k] = DeepPlain(e)
			return true
		})
		return out
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[k] = DeepPlain(e)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = DeepPlain(e)
		}
		return out
	}
	return v
}
