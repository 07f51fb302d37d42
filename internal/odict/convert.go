package odict

// AsMap returns v as a *Map when v is a dict: a *Map itself, or a plain
// map[string]any, which is wrapped with its keys sorted (the order a dict
// of unknown order is given). Anything else reports false.
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

// KeysOf returns the keys of a dict value in order (sorted for a plain
// map) and nil for anything else.
func KeysOf(v any) []string {
	m, ok := AsMap(v)
	if !ok {
		return nil
	}
	return m.Keys()
}
