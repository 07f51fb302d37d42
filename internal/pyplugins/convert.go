package pyplugins

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"

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

// fromJSON converts the worker's JSON to a template value, keeping dict
// key order and big integers.
func fromJSON(raw json.RawMessage) (jinja2.Value, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	return decodeToken(dec, 0)
}

func decodeToken(dec *json.Decoder, depth int) (jinja2.Value, error) {
	if depth > maxDepth {
		return jinja2.None, errors.New("result nested too deeply")
	}
	tok, err := dec.Token()
	if err != nil {
		return jinja2.None, err
	}
	switch t := tok.(type) {
	case nil:
		return jinja2.None, nil
	case bool:
		return jinja2.Bool(t), nil
	case string:
		return jinja2.Str(t), nil
	case json.Number:
		if n, ok := new(big.Int).SetString(t.String(), 10); ok {
			return jinja2.BigInt(n), nil
		}
		f, err := t.Float64()
		return jinja2.Float(f), err
	case json.Delim:
		if t == '[' {
			return decodeList(dec, depth)
		}
		return decodeDict(dec, depth)
	}
	return jinja2.None, fmt.Errorf("unexpected token %v", tok)
}

func decodeList(dec *json.Decoder, depth int) (jinja2.Value, error) {
	var items []jinja2.Value
	for dec.More() {
		it, err := decodeToken(dec, depth+1)
		if err != nil {
			return jinja2.None, err
		}
		items = append(items, it)
	}
	_, err := dec.Token()
	return jinja2.NewList(items...), err
}

func decodeDict(dec *json.Decoder, depth int) (jinja2.Value, error) {
	d := jinja2.NewDict()
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return jinja2.None, err
		}
		v, err := decodeToken(dec, depth+1)
		if err != nil {
			return jinja2.None, err
		}
		d.SetStr(fmt.Sprint(k), v)
	}
	_, err := dec.Token()
	return jinja2.DictValue(d), err
}
