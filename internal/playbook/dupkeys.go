package playbook

import (
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/edxplay/edxplay/internal/yaml11"
)

// checkDuplicateKeys applies duplicate_dict_key to every mapping of the
// parsed file: a key given twice is warned about (the default), an error,
// or let be; either way the last value is the one used, as in Ansible.
func (d *doc) checkDuplicateKeys(root *yaml.Node) error {
	if d.src.dupKeys == "ignore" {
		return nil
	}
	seen := map[*yaml.Node]bool{}
	var walk func(n *yaml.Node) error
	walk = func(n *yaml.Node) error {
		if n == nil || n.Kind == yaml.AliasNode || seen[n] {
			return nil // an alias's target is checked where it is defined
		}
		seen[n] = true
		if n.Kind == yaml.MappingNode {
			if err := d.duplicateKey(n); err != nil {
				return err
			}
		}
		for _, c := range n.Content {
			if err := walk(c); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(root)
}

// duplicateKey reports the duplicate keys of one mapping node, worded as
// Ansible's YAML constructor does (it names the mapping's position).
func (d *doc) duplicateKey(n *yaml.Node) error {
	keys := mergedKeys(n)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" {
			continue
		}
		key, v, ok := keyOf(k)
		if !ok {
			continue // the loader reports a bad key where it reads it
		}
		if !keys[key] {
			keys[key] = true
			continue
		}
		msg := fmt.Sprintf("While constructing a mapping from %s, line %d, column %d, found a duplicate dict key (%s). "+
			"Using last defined value only.", d.path, n.Line, n.Column, yaml11.PyStr(v))
		if d.src.dupKeys == "error" {
			return errorf(d.pos(n), "Syntax Error while loading YAML.\n  %s", msg)
		}
		if d.src.warn != nil {
			d.src.warn(msg)
		}
	}
	return nil
}

// keyOf is a scalar key as Python compares it (yes and true are one key,
// 1 and "1" two), with its decoded value.
func keyOf(k *yaml.Node) (string, any, bool) {
	v, err := (&yaml11.Decoder{}).Scalar(k)
	if err != nil {
		return "", nil, false
	}
	return fmt.Sprintf("%T:%s", v, yaml11.PyStr(v)), v, true
}

// mergedKeys are the keys n's "<<" merge keys bring in: PyYAML puts them
// before n's own, so an own key overriding a merged one counts as a
// duplicate too.
func mergedKeys(n *yaml.Node) map[string]bool {
	keys := map[string]bool{}
	add := func(m *yaml.Node) {
		if m = yaml11.Deref(m); m == nil || m.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(m.Content); i += 2 {
			if key, _, ok := keyOf(m.Content[i]); ok && m.Content[i].Kind == yaml.ScalarNode {
				keys[key] = true
			}
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Kind != yaml.ScalarNode || n.Content[i].Tag != "!!merge" {
			continue
		}
		v := yaml11.Deref(n.Content[i+1])
		if v != nil && v.Kind == yaml.SequenceNode {
			for _, m := range v.Content {
				add(m)
			}
			continue
		}
		add(v)
	}
	return keys
}
