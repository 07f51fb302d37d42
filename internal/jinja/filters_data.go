package jinja

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/edxplay/edxplay/internal/yaml11"
)

func dataFilters() map[string]filterFn {
	out := jsonFilters()
	out["to_yaml"] = func(in any, c *call) (any, error) {
		var flow *bool
		if f, ok := c.kw["default_flow_style"]; ok && f != nil {
			b := truthy(f)
			flow = &b
		}
		return dumpYAML(in, asInt(c.kw["indent"], 2), flow, yamlSortKeys(c))
	}
	out["to_nice_yaml"] = func(in any, c *call) (any, error) {
		flow := false
		return dumpYAML(in, asInt(c.arg(0, "indent", 4), 4), &flow, yamlSortKeys(c))
	}
	out["from_yaml"] = func(in any, _ *call) (any, error) {
		docs, err := loadYAML(pyStr(in))
		if err != nil || len(docs) == 0 {
			return nil, err
		}
		return docs[0], nil
	}
	out["from_yaml_all"] = func(in any, _ *call) (any, error) {
		docs, err := loadYAML(pyStr(in))
		return docs, err
	}
	return out
}

// yamlSortKeys reads yaml.dump's sort_keys keyword (default True).
func yamlSortKeys(c *call) bool {
	v, ok := c.kw["sort_keys"]
	return !ok || truthy(v)
}

// loadYAML parses every document with YAML 1.1 scalar rules (as PyYAML).
func loadYAML(s string) ([]any, error) {
	dec := yaml.NewDecoder(strings.NewReader(s))
	out := []any{}
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("invalid YAML: %w", err)
		}
		v, err := yamlNodeValue(&n)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
}

// YAMLValue converts a parsed YAML node into plain data using YAML 1.1
// scalar resolution (yes/no/on/off are booleans), like PyYAML. Aliases
// share their anchor's value.
func YAMLValue(n *yaml.Node) (any, error) { return yamlDecoder().Value(n) }

// yamlNodeValue decodes a node as from_yaml does. Its result becomes
// template values, which copy every alias, so aliases may not expand past
// yaml11.MaxAliasExpansion.
func yamlNodeValue(n *yaml.Node) (any, error) {
	d := yamlDecoder()
	if err := d.CheckAliases(n); err != nil {
		return nil, err
	}
	return d.Value(n)
}

// yamlDecoder decodes as from_yaml does: keys become Python str() of the
// key and local tags such as !vault keep their text.
func yamlDecoder() *yaml11.Decoder {
	return &yaml11.Decoder{
		Key: func(k any) (string, error) { return keyString(k), nil },
		Tag: func(n *yaml.Node) (any, error) { return n.Value, nil },
	}
}
