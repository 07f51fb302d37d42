package inventory

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/edxplay/edxplay/internal/pyvalue"
	"github.com/edxplay/edxplay/internal/yaml11"
)

// yamlInventory walks a YAML inventory document like ansible's yaml
// inventory plugin.
type yamlInventory struct {
	inv  *Inventory
	doc  *yamlDoc
	path string
}

// parseYAML parses a YAML (or JSON) inventory of the form
// {group: {hosts: {...}, vars: {...}, children: {...}}}.
func (inv *Inventory) parseYAML(path string, data []byte) error {
	doc, err := parseYAMLDoc(data, inv.vault, "vars")
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	root := doc.root
	for root != nil && root.Kind == yaml.AliasNode {
		root = root.Alias
	}
	if root == nil || (root.Kind == yaml.MappingNode && len(root.Content) == 0) {
		return fmt.Errorf("%s: Parsed empty YAML file", path)
	}
	if root.Kind != yaml.MappingNode {
		return fmt.Errorf("%s: %w", path, lineError(root, errors.New("YAML inventory has invalid structure, it should be a dictionary")))
	}
	y := &yamlInventory{inv: inv, doc: doc, path: path}
	pairs, err := doc.Pairs(root)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for _, p := range pairs {
		if p.Key == "plugin" {
			if v, _ := doc.Value(p.Value); pyvalue.Truthy(v) {
				return fmt.Errorf("%s: Plugin configuration YAML file, not YAML inventory", path)
			}
		}
	}
	for _, p := range pairs {
		if _, err := y.group(p.Key, p.Value); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	return nil
}

// section returns the pairs of a vars/children/hosts entry, accepting a
// bare string as a one-key mapping like ansible.
func (y *yamlInventory) section(group, name string, n *yaml.Node) ([]yaml11.Pair, error) {
	n = yaml11.Deref(n)
	if y.doc.IsNull(n) {
		return nil, nil
	}
	if n.Kind == yaml.ScalarNode {
		v, err := y.doc.Scalar(n)
		if err != nil {
			return nil, err
		}
		if s, ok := v.(string); ok {
			return []yaml11.Pair{{Key: s, KeyValue: s}}, nil
		}
	}
	if n.Kind != yaml.MappingNode {
		return nil, lineError(n, fmt.Errorf("Invalid \"%s\" entry for \"%s\" group, requires a dictionary, found \"%s\" instead.",
			name, group, yamlTypeName(y.doc, n)))
	}
	return y.doc.Pairs(n)
}

func yamlTypeName(d *yamlDoc, n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "<class 'ansible.parsing.yaml.objects.AnsibleSequence'>"
	case yaml.ScalarNode:
		v, _ := d.Scalar(n)
		return fmt.Sprintf("<class '%s'>", pyTypeName(v))
	}
	return "<class 'ansible.parsing.yaml.objects.AnsibleMapping'>"
}

func pyTypeName(v any) string {
	switch v.(type) {
	case bool:
		return "bool"
	case int:
		return "int"
	case float64:
		return "float"
	case string:
		return "str"
	}
	return "NoneType"
}

// group processes one group entry and returns its name.
func (y *yamlInventory) group(name string, n *yaml.Node) (string, error) {
	n = yaml11.Deref(n)
	if !y.doc.IsNull(n) && n.Kind != yaml.MappingNode {
		return name, nil // ansible warns and skips non-mapping groups
	}
	name = y.inv.addGroup(name).Name
	if y.doc.IsNull(n) {
		return name, nil
	}
	pairs, err := y.doc.Pairs(n)
	if err != nil {
		return "", err
	}
	sections := map[string][]yaml11.Pair{}
	for _, p := range pairs {
		switch p.Key {
		case "vars", "children", "hosts":
			if sections[p.Key], err = y.section(name, p.Key, p.Value); err != nil {
				return "", err
			}
		}
	}
	for _, p := range pairs {
		if err := y.groupKey(name, p.Key, sections[p.Key]); err != nil {
			return "", err
		}
	}
	return name, nil
}

func (y *yamlInventory) groupKey(group, key string, entries []yaml11.Pair) error {
	switch key {
	case "vars":
		for _, e := range entries {
			v, err := y.doc.Value(e.Value)
			if err != nil {
				return err
			}
			if err := setGroupVar(y.inv.groups[group], e.Key, v); err != nil {
				return err
			}
		}
	case "children":
		for _, e := range entries {
			child, err := y.group(e.Key, e.Value)
			if err != nil {
				return err
			}
			if err := y.inv.addChildGroup(group, child); err != nil {
				return lineError(e.KeyNode, err)
			}
		}
	case "hosts":
		for _, e := range entries {
			if err := y.hosts(group, e); err != nil {
				return err
			}
		}
	}
	return nil
}

func (y *yamlInventory) hosts(group string, e yaml11.Pair) error {
	if _, ok := e.KeyValue.(string); !ok {
		return fmt.Errorf("Host pattern %s must be a string. Enclose integers/floats in quotation marks.", e.Key)
	}
	names, port, err := expandHostPattern(e.Key)
	if err != nil {
		return err
	}
	var vars []yaml11.Pair
	if !y.doc.IsNull(e.Value) {
		if yaml11.Deref(e.Value).Kind != yaml.MappingNode {
			v, _ := y.doc.Value(e.Value)
			return fmt.Errorf("Invalid data from file, expected dictionary and got:\n\n%s", pyStr(v))
		}
		if vars, err = y.doc.Pairs(e.Value); err != nil {
			return err
		}
	}
	for _, name := range names {
		h, err := y.inv.addHost(name, group, port, y.path)
		if err != nil {
			return err
		}
		for _, v := range vars {
			val, err := y.doc.Value(v.Value)
			if err != nil {
				return err
			}
			h.Vars[v.Key] = val
		}
	}
	return nil
}

// pyInt0 is Python's int() on an inventory value.
func pyInt0(v any) (int, error) {
	switch x := v.(type) {
	case int:
		return x, nil
	case bool:
		if x {
			return 1, nil
		}
		return 0, nil
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return 0, fmt.Errorf("cannot convert float %v to integer", x)
		}
		return int(x), nil
	case string:
		n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(x), "_", ""))
		if err != nil {
			return 0, fmt.Errorf("invalid literal for int() with base 10: '%s'", x)
		}
		return n, nil
	}
	return 0, fmt.Errorf("int() argument must be a string or a number, not '%s'", pyTypeName(v))
}
