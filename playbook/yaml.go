package playbook

import (
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/edxplay/edxplay/keyorder"
)

// maxAliasDepth bounds alias expansion so recursive anchors cannot loop.
const maxAliasDepth = 100

// doc is one parsed YAML file.
type doc struct {
	src  source
	path string // path used to read the file
	file string // path shown in positions
	root *yaml.Node
}

// pair is one key/value of a mapping after merge-key expansion.
type pair struct {
	key string
	k   *yaml.Node
	v   *yaml.Node
}

// parseFile reads and parses a YAML file. root is nil for an empty file.
func parseFile(src source, p string) (*doc, error) {
	d := &doc{src: src, path: p, file: src.display(p)}
	data, err := src.readFile(p)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", d.file, err)
	}
	if src.vault != nil {
		if data, err = src.vault.DecryptFile(data); err != nil {
			return nil, fmt.Errorf("%s: %w", d.file, err)
		}
	}
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		return nil, yamlSyntaxError(d.file, err)
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		d.root = n.Content[0]
	}
	if src.vault != nil && d.root != nil {
		if err := src.vault.DecryptNode(d.root); err != nil {
			return nil, fmt.Errorf("%s: %w", d.file, err)
		}
	}
	if d.root != nil && d.root.Kind == yaml.ScalarNode && d.root.Tag == "!!null" {
		d.root = nil
	}
	return d, nil
}

// pos returns the position of a node.
func (d *doc) pos(n *yaml.Node) Pos {
	if n == nil {
		return Pos{File: d.file}
	}
	return Pos{File: d.file, Line: n.Line, Col: n.Column}
}

// deref follows aliases.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < maxAliasDepth; i++ {
		n = n.Alias
	}
	return n
}

// kindName names a node's kind for error messages.
func kindName(n *yaml.Node) string {
	n = deref(n)
	switch {
	case n == nil:
		return "nothing"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Kind == yaml.ScalarNode && isNull(n):
		return "null"
	}
	return "a scalar"
}

// isNull reports whether n is a null scalar.
func isNull(n *yaml.Node) bool {
	n = deref(n)
	if n == nil {
		return true
	}
	if n.Kind != yaml.ScalarNode {
		return false
	}
	v, err := scalarValue(n)
	return err == nil && v == nil
}

// isMergeKey reports whether a mapping key is the YAML merge key "<<".
func isMergeKey(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0
}

// pairs returns the entries of a mapping node with "<<" merge keys expanded
// as PyYAML does: explicit keys override merged ones, earlier merge sources
// override later ones, and a repeated key's last value wins.
func (d *doc) pairs(n *yaml.Node) ([]pair, error) {
	flat, err := d.flatten(n, 0)
	if err != nil {
		return nil, err
	}
	index := map[string]int{}
	var out []pair
	for _, p := range flat {
		if i, ok := index[p.key]; ok {
			out[i] = p
			continue
		}
		index[p.key] = len(out)
		out = append(out, p)
	}
	return out, nil
}

func (d *doc) flatten(n *yaml.Node, depth int) ([]pair, error) {
	n = deref(n)
	if depth > maxAliasDepth {
		return nil, errorf(d.pos(n), "merge keys nested too deeply")
	}
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, errorf(d.pos(n), "expected a mapping, got %s", kindName(n))
	}
	var merged, explicit []pair
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if isMergeKey(k) {
			m, err := d.mergeSources(v, depth)
			if err != nil {
				return nil, err
			}
			merged = append(merged, m...)
			continue
		}
		key, err := d.keyString(k)
		if err != nil {
			return nil, err
		}
		explicit = append(explicit, pair{key: key, k: k, v: v})
	}
	return append(merged, explicit...), nil
}

// mergeSources flattens the value of a merge key: a mapping or a list of
// mappings (earlier ones win, so they come last).
func (d *doc) mergeSources(v *yaml.Node, depth int) ([]pair, error) {
	v = deref(v)
	if v != nil && v.Kind == yaml.SequenceNode {
		var out []pair
		for i := len(v.Content) - 1; i >= 0; i-- {
			m, err := d.flatten(v.Content[i], depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, m...)
		}
		return out, nil
	}
	return d.flatten(v, depth+1)
}

// keyString converts a mapping key to the string Python would give it.
func (d *doc) keyString(k *yaml.Node) (string, error) {
	v, err := d.value(k)
	if err != nil {
		return "", err
	}
	switch t := v.(type) {
	case string:
		return t, nil
	case map[string]any, []any:
		return "", errorf(d.pos(k), "mapping keys must be scalars")
	}
	return pyString(v), nil
}

// pyString formats a scalar as Python's str() would.
func pyString(v any) string {
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

// value decodes a node into map[string]any, []any, string, int, float64,
// bool or nil.
func (d *doc) value(n *yaml.Node) (any, error) {
	return d.valueDepth(n, 0)
}

func (d *doc) valueDepth(n *yaml.Node, depth int) (any, error) {
	n = deref(n)
	if n == nil {
		return nil, nil
	}
	if depth > 10000 {
		return nil, errorf(d.pos(n), "value nested too deeply")
	}
	switch n.Kind {
	case yaml.ScalarNode:
		v, err := scalarValue(n)
		if err != nil {
			return nil, errorf(d.pos(n), "%v", err)
		}
		return v, nil
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := d.valueDepth(c, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		ps, err := d.pairs(n)
		if err != nil {
			return nil, err
		}
		out := make(map[string]any, len(ps))
		keys := make([]string, 0, len(ps))
		for _, p := range ps {
			v, err := d.valueDepth(p.v, depth+1)
			if err != nil {
				return nil, err
			}
			out[p.key] = v
			keys = append(keys, p.key)
		}
		keyorder.Record(out, keys)
		return out, nil
	}
	return nil, errorf(d.pos(n), "unexpected yaml node")
}

// scalarValue decodes a scalar honouring explicit tags, quoting and the
// YAML 1.1 plain-scalar rules.
func scalarValue(n *yaml.Node) (any, error) {
	if n.Style&yaml.TaggedStyle != 0 {
		return taggedValue(n)
	}
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return n.Value, nil
	}
	return resolvePlain(n.Value), nil
}

func taggedValue(n *yaml.Node) (any, error) {
	switch n.Tag {
	case "!!str", "!unsafe":
		return n.Value, nil
	case "!!int":
		if v, ok := yamlInt(n.Value); ok {
			return v, nil
		}
	case "!!float":
		if v, ok := yamlFloat(n.Value); ok {
			return v, nil
		}
		if v, ok := yamlInt(n.Value); ok {
			return float64(v), nil
		}
	case "!!bool":
		if yamlBoolRe.MatchString(n.Value) {
			return yamlTrue(n.Value), nil
		}
	case "!!null":
		return nil, nil
	case "!vault":
		return nil, fmt.Errorf("vault-encrypted value but no vault secret was given (use --vault-password-file, --vault-id or --ask-vault-pass)")
	default:
		return nil, fmt.Errorf("unsupported yaml tag %s", n.Tag)
	}
	return nil, fmt.Errorf("cannot decode %q as %s", n.Value, n.Tag)
}
