package yaml11

import (
	"errors"
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/edxplay/edxplay/internal/odict"
)

// isMergeKey reports whether a mapping key is the YAML merge key "<<".
func (d *Decoder) isMergeKey(k *yaml.Node) bool {
	return !d.JSON && k.Kind == yaml.ScalarNode && k.Tag == "!!merge"
}

// Pairs returns the entries of a mapping node with "<<" merge keys
// expanded as PyYAML's flatten_mapping does: explicit keys override merged
// ones, earlier merge sources override later ones, and a repeated key
// keeps its first place with its last value.
func (d *Decoder) Pairs(n *yaml.Node) ([]Pair, error) {
	return d.pairs(n, &expansion{})
}

func (d *Decoder) pairs(n *yaml.Node, x *expansion) ([]Pair, error) {
	flat, err := d.flatten(n, 0, x)
	if err != nil {
		return nil, err
	}
	index := map[string]int{}
	var out []Pair
	for _, p := range flat {
		if i, ok := index[p.Key]; ok {
			out[i].Value = p.Value
			continue
		}
		index[p.Key] = len(out)
		out = append(out, p)
	}
	return out, nil
}

func (d *Decoder) flatten(n *yaml.Node, depth int, x *expansion) ([]Pair, error) {
	n = Deref(n)
	if depth > maxAliasDepth {
		return nil, d.locate(n, errors.New("merge keys nested too deeply"))
	}
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, d.locate(n, fmt.Errorf("expected a mapping, got %s", d.KindName(n)))
	}
	var merged, explicit []Pair
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if d.isMergeKey(k) {
			m, err := d.mergeSources(v, depth, x)
			if err != nil {
				return nil, err
			}
			if err := x.add(len(m)); err != nil {
				return nil, d.locate(k, err)
			}
			merged = append(merged, m...)
			continue
		}
		kv, err := d.value(k, 0, x)
		if err != nil {
			return nil, err
		}
		key, err := d.key(kv)
		if err != nil {
			return nil, d.locate(k, err)
		}
		explicit = append(explicit, Pair{Key: key, KeyValue: kv, KeyNode: k, Value: v})
	}
	return append(merged, explicit...), nil
}

// mergeSources flattens the value of a merge key: a mapping or a list of
// mappings (earlier ones win, so they come last).
func (d *Decoder) mergeSources(v *yaml.Node, depth int, x *expansion) ([]Pair, error) {
	v = Deref(v)
	if v == nil || v.Kind != yaml.SequenceNode {
		return d.flatten(v, depth+1, x)
	}
	var out []Pair
	for i := len(v.Content) - 1; i >= 0; i-- {
		m, err := d.flatten(v.Content[i], depth+1, x)
		if err != nil {
			return nil, err
		}
		out = append(out, m...)
	}
	return out, nil
}

func (d *Decoder) key(k any) (string, error) {
	if d.Key != nil {
		return d.Key(k)
	}
	switch k.(type) {
	case *odict.Map, []any:
		return "", errors.New("mapping keys must be scalars")
	}
	return PyStr(k), nil
}

// PyStr formats a decoded scalar as Python's str() would, except that
// floats use Go's shortest form (1.0 gives "1").
func PyStr(v any) string {
	switch t := v.(type) {
	case nil:
		return "None"
	case bool:
		if t {
			return "True"
		}
		return "False"
	case float64:
		return strconv.FormatFloat(t, 'g', -1, 64)
	case string:
		return t
	}
	return fmt.Sprint(v)
}
