package pyvalue

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strconv"

	"github.com/edxplay/edxplay/internal/odict"
)

// ParseJSON decodes JSON like Python's json.loads: integers stay int (or
// *big.Int when they do not fit), objects become *odict.Map in their key
// order.
func ParseJSON(s string) (any, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	v, err := odict.ReadJSON(dec, jsonNumber)
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
