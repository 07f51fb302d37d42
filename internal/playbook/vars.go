package playbook

import (
	"errors"
	"fmt"

	"github.com/edxplay/edxplay/internal/odict"
	"gopkg.in/yaml.v3"
)

// ErrNotMapping is wrapped by DecodeVars errors for documents that are not
// a mapping.
var ErrNotMapping = errors.New("not a mapping")

// DecodeVars decodes a YAML or JSON variables document (a vars file, an
// -e @file or include_vars source) with Ansible's value rules (YAML 1.1
// booleans, merge keys, anchors). name is used in error positions. An
// empty document gives an empty map.
func DecodeVars(name string, data []byte) (map[string]any, error) {
	return DecodeVarsWith(name, data, nil)
}

// DecodeVarsWith is DecodeVars with a vault for vaulted files and values.
func DecodeVarsWith(name string, data []byte, vault Decrypter) (map[string]any, error) {
	d := &doc{path: name, file: name}
	if vault != nil {
		plain, err := vault.DecryptFile(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		data = plain
	}
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		return nil, yamlSyntaxError(name, data, err)
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		d.root = n.Content[0]
	}
	if d.root == nil || (d.root.Kind == yaml.ScalarNode && isNull(d.root)) {
		return map[string]any{}, nil
	}
	if vault != nil {
		if err := vault.DecryptNode(d.root); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	v, err := d.value(d.root)
	if err != nil {
		return nil, err
	}
	m, ok := v.(*odict.Map)
	if !ok {
		return nil, &Error{Pos: d.pos(d.root), Msg: "variables must be a mapping, got " + kindName(d.root), Err: ErrNotMapping}
	}
	return m.Plain(), nil
}

// ParseKV parses "k=v k2='v 2'" as Ansible's parse_kv does (used for -e
// key=value); values stay strings. Free text without '=' is an error.
func ParseKV(s string) (map[string]any, error) {
	m, err := parseKV(s, false)
	if err != nil {
		return nil, err
	}
	if raw, ok := m["_raw_params"]; ok {
		return nil, fmt.Errorf("expected key=value, got %q", raw)
	}
	return m, nil
}
