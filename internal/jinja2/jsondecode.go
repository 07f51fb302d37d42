package jinja2

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
)

// jsonMaxDepth bounds the nesting DecodeJSON accepts.
const jsonMaxDepth = 200

// DecodeJSON converts one JSON value to a template value as Python's
// json.loads reads it: dicts keep their key order, integers of any size
// stay integers. It is how values come back from the controller's Python
// (lookup, filter and test plugins).
func DecodeJSON(raw []byte) (Value, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	return decodeJSONToken(dec, 0)
}

func decodeJSONToken(dec *json.Decoder, depth int) (Value, error) {
	if depth > jsonMaxDepth {
		return None, errors.New("nested too deeply")
	}
	tok, err := dec.Token()
	if err != nil {
		return None, err
	}
	switch t := tok.(type) {
	case nil:
		return None, nil
	case bool:
		return Bool(t), nil
	case string:
		return Str(t), nil
	case json.Number:
		if n, ok := new(big.Int).SetString(t.String(), 10); ok {
			return BigInt(n), nil
		}
		f, err := t.Float64()
		return Float(f), err
	case json.Delim:
		if t == '[' {
			return decodeJSONList(dec, depth)
		}
		return decodeJSONDict(dec, depth)
	}
	return None, fmt.Errorf("unexpected token %v", tok)
}

func decodeJSONList(dec *json.Decoder, depth int) (Value, error) {
	var items []Value
	for dec.More() {
		it, err := decodeJSONToken(dec, depth+1)
		if err != nil {
			return None, err
		}
		items = append(items, it)
	}
	_, err := dec.Token()
	return NewList(items...), err
}

func decodeJSONDict(dec *json.Decoder, depth int) (Value, error) {
	d := NewDict()
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return None, err
		}
		v, err := decodeJSONToken(dec, depth+1)
		if err != nil {
			return None, err
		}
		d.SetStr(fmt.Sprint(k), v)
	}
	_, err := dec.Token()
	return DictValue(d), err
}
