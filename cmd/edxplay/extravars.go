package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/edxplay/edxplay/playbook"
)

// parseExtraVars turns -e values into variable layers, in order: "k=v ..."
// gives strings, "@file" reads YAML/JSON keeping types, and an inline
// JSON or YAML mapping keeps types too.
func parseExtraVars(values []string) ([]map[string]any, error) {
	var out []map[string]any
	for _, v := range values {
		layer, err := parseExtraVar(v)
		if err != nil {
			return nil, fmt.Errorf("extra vars %q: %w", v, err)
		}
		out = append(out, layer)
	}
	return out, nil
}

func parseExtraVar(v string) (map[string]any, error) {
	v = strings.TrimSpace(v)
	switch {
	case strings.HasPrefix(v, "@"):
		data, err := os.ReadFile(v[1:])
		if err != nil {
			return nil, err
		}
		return decodeMapping(v[1:], data)
	case strings.HasPrefix(v, "{") || strings.HasPrefix(v, "["):
		return decodeMapping("extra vars", []byte(v))
	}
	return playbook.ParseKV(v)
}

// decodeMapping decodes a YAML (or JSON) document that must be a mapping.
func decodeMapping(name string, data []byte) (map[string]any, error) {
	return playbook.DecodeVars(name, data)
}
