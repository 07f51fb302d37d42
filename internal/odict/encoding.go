package odict

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"gopkg.in/yaml.v3"
)

// MarshalJSON writes the map as a JSON object with its keys in order.
// Keys and values are written without HTML escaping: encoding/json
// escapes a Marshaler's output itself unless SetEscapeHTML(false) is in
// effect, so the result matches a plain map's either way.
func (m *Map) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	b.WriteByte('{')
	var err error
	m.Range(func(k string, v any) bool {
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		if err = enc.Encode(k); err != nil {
			return false
		}
		b.Truncate(b.Len() - 1) // Encode's newline
		b.WriteByte(':')
		if err = enc.Encode(v); err != nil {
			err = fmt.Errorf("key %q: %w", k, err)
			return false
		}
		b.Truncate(b.Len() - 1)
		return true
	})
	if err != nil {
		return nil, err
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads a JSON object into the map, keeping the order of its
// keys (a repeated key keeps its first position and its last value).
// Nested objects become *Map, arrays []any, integers int (float64 beyond
// int's range) and other numbers float64.
func (m *Map) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := ReadJSON(dec, defaultNumber)
	if err != nil {
		return err
	}
	out, ok := v.(*Map)
	if !ok {
		return errors.New("odict: JSON value is not an object")
	}
	*m = *out
	return nil
}

// defaultNumber types a JSON number as int when it is an integer in int's
// range and float64 otherwise.
func defaultNumber(n json.Number) any {
	if i, err := n.Int64(); err == nil && i >= math.MinInt && i <= math.MaxInt {
		return int(i)
	}
	f, _ := n.Float64()
	return f
}

// ReadJSON reads one JSON value from dec, which must have UseNumber set:
// objects become *Map in document order, arrays []any (never nil), numbers
// whatever number returns, and strings, booleans and null their Go values.
func ReadJSON(dec *json.Decoder, number func(json.Number) any) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return readJSONObject(dec, number)
		}
		return readJSONArray(dec, number)
	case json.Number:
		return number(t), nil
	}
	return tok, nil
}

// readJSONArray reads the items of an array whose '[' was consumed.
func readJSONArray(dec *json.Decoder, number func(json.Number) any) ([]any, error) {
	out := []any{}
	for dec.More() {
		v, err := ReadJSON(dec, number)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	_, err := dec.Token() // ']'
	return out, err
}

// readJSONObject reads the entries of an object whose '{' was consumed.
func readJSONObject(dec *json.Decoder, number func(json.Number) any) (*Map, error) {
	out := New(0)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		k, _ := tok.(string)
		v, err := ReadJSON(dec, number)
		if err != nil {
			return nil, err
		}
		out.Set(k, v)
	}
	_, err := dec.Token() // '}'
	return out, err
}

// MarshalYAML returns a mapping node with the keys in order.
func (m *Map) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	var err error
	m.Range(func(k string, v any) bool {
		var kn, vn yaml.Node
		if err = kn.Encode(k); err != nil {
			return false
		}
		if err = vn.Encode(v); err != nil {
			err = fmt.Errorf("key %q: %w", k, err)
			return false
		}
		n.Content = append(n.Content, &kn, &vn)
		return true
	})
	if err != nil {
		return nil, err
	}
	return n, nil
}

// UnmarshalYAML reads a mapping node into the map in document order.
// Nested mappings become *Map and sequences []any; scalars decode as
// yaml.v3 types them. A scalar key is kept as written (its text); a
// collection as key is an error. Callers needing PyYAML's YAML 1.1 rules
// (yes/no booleans, merge keys) use internal/yaml11, which builds Maps.
func (m *Map) UnmarshalYAML(n *yaml.Node) error { return m.readYAML(n, 0) }

// readYAML reads a mapping node at the given nesting depth.
func (m *Map) readYAML(n *yaml.Node, depth int) error {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("odict: line %d: yaml value is not a mapping", n.Line)
	}
	*m = Map{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], n.Content[i+1]
		if kn.Kind == yaml.AliasNode {
			kn = kn.Alias
		}
		if kn.Kind != yaml.ScalarNode {
			return fmt.Errorf("odict: line %d: a mapping key must be a scalar", kn.Line)
		}
		v, err := yamlValue(vn, depth+1)
		if err != nil {
			return err
		}
		m.Set(kn.Value, v)
	}
	return nil
}

// maxYAMLDepth bounds nesting (and alias chains) in UnmarshalYAML.
const maxYAMLDepth = 300

// yamlValue decodes one node, nested mappings as *Map.
func yamlValue(n *yaml.Node, depth int) (any, error) {
	if depth > maxYAMLDepth {
		return nil, fmt.Errorf("odict: line %d: yaml value nested too deeply", n.Line)
	}
	switch n.Kind {
	case yaml.AliasNode:
		return yamlValue(n.Alias, depth+1)
	case yaml.MappingNode:
		out := &Map{}
		return out, out.readYAML(n, depth)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := yamlValue(c, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	}
	var v any
	return v, n.Decode(&v)
}
