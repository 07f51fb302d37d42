package playbook

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/edxplay/edxplay/internal/yaml11"
)

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

// parseFile reads and parses a playbook, task or role file. root is nil
// for an empty file. Aliases may not expand the structure that the loader
// walks (plays, tasks) too far; vars: are data and share aliases.
func parseFile(src source, p string) (*doc, error) {
	return parseYAMLFile(src, p, true)
}

// parseDataFile reads and parses a vars file: data whose aliases the
// decoder shares.
func parseDataFile(src source, p string) (*doc, error) {
	return parseYAMLFile(src, p, false)
}

func parseYAMLFile(src source, p string, structure bool) (*doc, error) {
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
		return nil, yamlSyntaxError(d.file, data, err)
	}
	if err := d.checkDuplicateKeys(&n); err != nil {
		return nil, err
	}
	if structure {
		if err := d.decoder().CheckAliases(&n, "vars"); err != nil {
			return nil, err
		}
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

// decoder decodes YAML 1.1 values, reporting errors at the node's position
// in this file.
func (d *doc) decoder() *yaml11.Decoder {
	return &yaml11.Decoder{Locate: func(n *yaml.Node, err error) error {
		return errorf(d.pos(n), "%v", err)
	}}
}

// deref follows aliases.
func deref(n *yaml.Node) *yaml.Node { return yaml11.Deref(n) }

// kindName names a node's kind for error messages.
func kindName(n *yaml.Node) string { return (&yaml11.Decoder{}).KindName(n) }

// isNull reports whether n is missing or a null scalar.
func isNull(n *yaml.Node) bool { return (&yaml11.Decoder{}).IsNull(n) }

// pairs returns the entries of a mapping node with "<<" merge keys expanded
// as PyYAML does.
func (d *doc) pairs(n *yaml.Node) ([]pair, error) {
	ps, err := d.decoder().Pairs(n)
	if err != nil {
		return nil, err
	}
	out := make([]pair, len(ps))
	for i, p := range ps {
		out[i] = pair{key: p.Key, k: p.KeyNode, v: p.Value}
	}
	return out, nil
}

// value decodes a node into map[string]any, []any, string, int, *big.Int,
// float64, bool or nil.
func (d *doc) value(n *yaml.Node) (any, error) { return d.decoder().Value(n) }

// offendingLine quotes the source line of n as Ansible's errors do
// ("The offending line appears to be: ... ^ here"); empty when unreadable.
func (d *doc) offendingLine(n *yaml.Node) string {
	if n == nil || n.Line < 1 {
		return ""
	}
	data, err := d.src.readFile(d.path)
	if err != nil {
		return ""
	}
	lines := strings.Split(string(data), "\n")
	if n.Line > len(lines) {
		return ""
	}
	return "\n\nThe offending line appears to be:\n\n" + lines[n.Line-1] + "\n" +
		strings.Repeat(" ", max(n.Column-1, 0)) + "^ here"
}
