package pyvalue

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strconv"

	"github.com/edxplay/edxplay/internal/keyorder"
)

// ParseJSON decodes JSON like Python's json.loads: integers stay int (or
// *big.Int when they do not fit), objects keep their key order.
func ParseJSON(s string) (any, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	v, err := decodeJSONValue(dec)
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			err = errors.New("extra data after the JSON value")
		}
	}
	if err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	return v, nil
}

// decodeJSONValue reads one value from the token stream.
func decodeJSONValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			return decodeJSONArray(dec)
		}
		return decodeJSONObject(dec)
	case json.Number:
		return jsonNumber(t), nil
	}
	return tok, nil
}

func decodeJSONArray(dec *json.Decoder) (any, error) {
	out := []any{}
	for dec.More() {
		v, err := decodeJSONValue(dec)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	_, err := dec.Token() // ']'
	return out, err
}

func decodeJSONObject(dec *json.Decoder) (any, error) {
	out := map[string]any{}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		k, _ := tok.(string)
		v, err := decodeJSONValue(dec)
		if err != nil {
			return nil, err
		}
		out[k] = v
		keys = append(keys, k)
	}
	keyorder.Record(out, keys)
	_, err := dec.Token() // '}'
	return out, err
}

// jsonNumber converts a JSON number to int, *big.Int or float64.
func jsonNumber(t json.Number) any {
	if i, err := strconv.ParseInt(string(t), 10, 64); err == nil {
		return int(i)
	}
	if bi, ok := new(big.Int).SetString(string(t), 10); ok {
		return bi
	}
	f, _ := t.Float64()
	return f
}
