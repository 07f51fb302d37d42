package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/edxplay/edxplay/internal/playbook"
)

// parseExtraVars turns -e values into variable layers, in order: "k=v ..."
// gives strings, "@file" reads YAML/JSON keeping types, and an inline
// JSON or YAML mapping keeps types too.
func parseExtraVars(values []string, vault playbook.Decrypter) ([]map[string]any, error) {
	var out []map[string]any
	for _, v := range values {
		layer, err := parseExtraVar(v, vault)
		if err != nil {
			return nil, fmt.Errorf("extra vars %q: %w", v, err)
		}
		out = append(out, layer)
	}
	return out, nil
}

func parseExtraVar(v string, vault playbook.Decrypter) (map[string]any, error) {
	v = strings.TrimSpace(v)
	switch {
	case strings.HasPrefix(v, "@"):
		data, err := os.ReadFile(v[1:])
		if err != nil {
			return nil, err
		}
		return playbook.DecodeVarsWith(v[1:], data, vault)
	case strings.HasPrefix(v, "{") || strings.HasPrefix(v, "["):
		return playbook.DecodeVarsWith("extra vars", []byte(v), vault)
	}
	return playbook.ParseKV(v)
}
