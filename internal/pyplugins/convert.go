package pyplugins

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/edxplay/edxplay/internal/jinja2"
)

// maxDepth bounds the nesting of values crossing to and from Python.
const maxDepth = 200

// toPlain converts a template value to JSON data: None, bool, int, float,
// str, list and dict as they are, anything else as its str(). An
// undefined value fails as Jinja2 fails on using it.
func toPlain(v jinja2.Value, depth int) (any, error) {
	if depth > maxDepth {
		return nil, errors.New("value nested too deeply")
	}
	switch v.Kind() {
	case jinja2.NoneKind:
		return nil, nil
	case jinja2.BoolKind:
		return v.BoolValue(), nil
	case jinja2.IntKind:
		return json.Number(v.BigValue().String()), nil
	case jinja2.FloatKind:
		return v.FloatValue(), nil
	case jinja2.StrKind:
		return v.StrValue(), nil
	case jinja2.ListKind, jinja2.TupleKind:
		return listPlain(v.Items(), depth)
	case jinja2.DictKind:
		d := map[string]any{}
		for i, k := range v.DictOf().Keys() {
			ks, err := jinja2.ToString(k)
			if err != nil {
				return nil, err
			}
			if d[ks], err = toPlain(v.DictOf().Values()[i], depth+1); err != nil {
				return nil, err
			}
		}
		return d, nil
	}
	return jinja2.ToString(v)
}

func listPlain(vs []jinja2.Value, depth int) ([]any, error) {
	out := make([]any, len(vs))
	for i, it := range vs {
		p, err := toPlain(it, depth+1)
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

// fromJSON converts the worker's JSON to a template value
// (jinja2.DecodeJSON: dict key order and big integers kept).
func fromJSON(raw json.RawMessage) (jinja2.Value, error) {
	v, err := jinja2.DecodeJSON(raw)
	if err != nil {
		return jinja2.None, fmt.Errorf("result: %w", err)
	}
	return v, nil
}
