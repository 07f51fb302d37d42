package jinja

import (
	"errors"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/edxplay/edxplay/keyorder"
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
// scalar resolution (yes/no/on/off are booleans), like PyYAML.
func YAMLValue(n *yaml.Node) (any, error) { return yamlNodeValue(n) }

func yamlNodeValue(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return yamlNodeValue(n.Content[0])
	case yaml.AliasNode:
		return yamlNodeValue(n.Alias)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := yamlNodeValue(c)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		return yamlMapping(n)
	}
	return yamlScalar(n), nil
}

// yamlMapping builds a dict in document order; as in PyYAML, keys merged
// in with "<<" come first.
func yamlMapping(n *yaml.Node) (any, error) {
	out := map[string]any{}
	var mergedKeys, ownKeys []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Value == "<<" && k.Tag == "!!merge" {
			merged, err := yamlNodeValue(v)
			if err != nil {
				return nil, err
			}
			for _, m := range flatten([]any{merged}, -1, false) {
				if mm, ok := m.(map[string]any); ok {
					mergedKeys = append(mergedKeys, dictKeys(mm)...)
					for mk, mv := range mm {
						if _, exists := out[mk]; !exists {
							out[mk] = mv
						}
					}
				}
			}
			continue
		}
		key, err := yamlNodeValue(k)
		if err != nil {
			return nil, err
		}
		val, err := yamlNodeValue(v)
		if err != nil {
			return nil, err
		}
		out[keyString(key)] = val
		ownKeys = append(ownKeys, keyString(key))
	}
	keyorder.Record(out, append(mergedKeys, ownKeys...))
	return out, nil
}

// yamlScalar resolves a scalar node.
func yamlScalar(n *yaml.Node) any {
	if n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return n.Value
	}
	// yaml.v3 fills Tag with its own YAML 1.2 resolution ("yes" is !!str);
	// only an explicit tag overrides the YAML 1.1 rules below.
	if n.Style&yaml.TaggedStyle != 0 && (n.Tag == "!!str" || !strings.HasPrefix(n.Tag, "!!")) {
		return n.Value
	}
	s := n.Value
	switch {
	case yamlImplicit[4].MatchString(s):
		return nil
	case yamlImplicit[0].MatchString(s):
		return strings.ContainsAny(s[:1], "yYtToO") && !strings.EqualFold(s, "off")
	case yamlImplicit[2].MatchString(s):
		return yamlInt(s)
	case yamlImplicit[1].MatchString(s):
		return yamlFloatValue(s)
	}
	return s
}

func yamlInt(s string) any {
	clean := strings.ReplaceAll(s, "_", "")
	sign := ""
	if strings.HasPrefix(clean, "-") || strings.HasPrefix(clean, "+") {
		sign, clean = clean[:1], clean[1:]
	}
	base := 10
	switch {
	case strings.HasPrefix(clean, "0b"):
		base, clean = 2, clean[2:]
	case strings.HasPrefix(clean, "0x"):
		base, clean = 16, clean[2:]
	case len(clean) > 1 && clean[0] == '0' && !strings.Contains(clean, ":"):
		base = 8
	}
	if strings.Contains(clean, ":") {
		total := 0
		for _, part := range strings.Split(clean, ":") {
			p, _ := strconv.Atoi(part)
			total = total*60 + p
		}
		if sign == "-" {
			total = -total
		}
		return total
	}
	bi, ok := new(big.Int).SetString(sign+clean, base)
	if !ok {
		return s
	}
	if bi.IsInt64() {
		return int(bi.Int64())
	}
	return bi
}

func yamlFloatValue(s string) any {
	clean := strings.ToLower(strings.ReplaceAll(s, "_", ""))
	switch strings.TrimLeft(clean, "+-") {
	case ".inf":
		f, _ := strconv.ParseFloat(strings.Replace(clean, ".inf", "inf", 1), 64)
		return f
	case ".nan":
		f, _ := strconv.ParseFloat("nan", 64)
		return f
	}
	f, err := strconv.ParseFloat(clean, 64)
	if err != nil {
		return s
	}
	return f
}
