package inventory

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/edxplay/edxplay/keyorder"
	"github.com/edxplay/edxplay/pyvalue"
)

// PyYAML's YAML 1.1 implicit resolvers, which ansible uses: yes/no/on/off
// are booleans, 0755 is octal, 1:30 is sexagesimal, 1e3 is a string.
var (
	yamlBool  = regexp.MustCompile(`^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$`)
	yamlFloat = regexp.MustCompile(`^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?` +
		`|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$`)
	yamlInt = regexp.MustCompile(`^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+` +
		`|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$`)
	yamlNull = regexp.MustCompile(`^(?:~|null|Null|NULL|)$`)
)

// yamlDoc is a parsed YAML (or JSON) document and how to type its scalars.
type yamlDoc struct {
	root     *yaml.Node
	jsonMode bool
}

// parseYAMLDoc parses data the way ansible's loader does: JSON first, then
// YAML. An empty document yields a nil root.
func parseYAMLDoc(data []byte, vault Decrypter) (*yamlDoc, error) {
	if vault != nil {
		plain, err := vault.DecryptFile(data)
		if err != nil {
			return nil, err
		}
		data = plain
	}
	doc := &yamlDoc{jsonMode: json.Valid(data)}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return doc, nil
		}
		return nil, fmt.Errorf("parse yaml: %w", err)
	}
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		doc.root = root.Content[0]
	}
	if vault != nil && doc.root != nil {
		if err := vault.DecryptNode(doc.root); err != nil {
			return nil, err
		}
	}
	return doc, nil
}

// value converts a node into a Go value tree (map[string]any, []any,
// string, int, float64, bool, nil).
func (d *yamlDoc) value(n *yaml.Node) (any, error) {
	if n == nil {
		return nil, nil
	}
	switch n.Kind {
	case yaml.AliasNode:
		return d.value(n.Alias)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := d.value(c)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		pairs, err := d.pairs(n)
		if err != nil {
			return nil, err
		}
		out := make(map[string]any, len(pairs))
		keys := make([]string, 0, len(pairs))
		for _, p := range pairs {
			v, err := d.value(p.val)
			if err != nil {
				return nil, err
			}
			out[p.key] = v
			keys = append(keys, p.key)
		}
		keyorder.Record(out, keys)
		return out, nil
	case yaml.ScalarNode:
		return d.scalar(n)
	}
	return nil, fmt.Errorf("line %d: unsupported yaml node", n.Line)
}

// yamlPair is one key/value of a mapping after merge-key expansion.
type yamlPair struct {
	key    string
	keyVal any
	val    *yaml.Node
}

// pairs lists a mapping's entries in order with "<<" merges applied like
// PyYAML's flatten_mapping (merged entries first, later duplicates win).
func (d *yamlDoc) pairs(n *yaml.Node) ([]yamlPair, error) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: expected a mapping for merge", n.Line)
	}
	var merged, own []yamlPair
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0 && !d.jsonMode {
			m, err := d.mergeSources(v)
			if err != nil {
				return nil, err
			}
			merged = append(merged, m...)
			continue
		}
		kv, err := d.value(k)
		if err != nil {
			return nil, err
		}
		ks, err := keyString(kv)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", k.Line, err)
		}
		own = append(own, yamlPair{key: ks, keyVal: kv, val: v})
	}
	return dedupePairs(append(merged, own...)), nil
}

func (d *yamlDoc) mergeSources(v *yaml.Node) ([]yamlPair, error) {
	for v.Kind == yaml.AliasNode {
		v = v.Alias
	}
	if v.Kind != yaml.SequenceNode {
		return d.pairs(v)
	}
	var out []yamlPair
	for i := len(v.Content) - 1; i >= 0; i-- {
		p, err := d.pairs(v.Content[i])
		if err != nil {
			return nil, err
		}
		out = append(out, p...)
	}
	return out, nil
}

// dedupePairs keeps the first position of each key with its last value.
func dedupePairs(in []yamlPair) []yamlPair {
	idx := map[string]int{}
	var out []yamlPair
	for _, p := range in {
		if i, ok := idx[p.key]; ok {
			out[i].val = p.val
			continue
		}
		idx[p.key] = len(out)
		out = append(out, p)
	}
	return out
}

func keyString(k any) (string, error) {
	s, err := pyvalue.JSONKey(k)
	if err != nil {
		return "", fmt.Errorf("unhashable mapping key")
	}
	return s, nil
}

// scalar types one scalar node.
func (d *yamlDoc) scalar(n *yaml.Node) (any, error) {
	quoted := n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0
	if n.Style&yaml.TaggedStyle != 0 {
		return explicitScalar(n)
	}
	if quoted {
		return n.Value, nil
	}
	if d.jsonMode {
		return jsonPlainScalar(n.Value)
	}
	return resolveYAML11(n.Value), nil
}

func explicitScalar(n *yaml.Node) (any, error) {
	switch n.Tag {
	case "!!str", "!unsafe":
		return n.Value, nil
	case "!!int", "!!float", "!!bool", "!!null":
		return resolveYAML11(n.Value), nil
	case "!vault":
		return nil, fmt.Errorf("line %d: vault-encrypted value but no vault secret was given (use --vault-password-file, --vault-id or --ask-vault-pass)", n.Line)
	}
	return n.Value, nil
}

func jsonPlainScalar(s string) (any, error) {
	switch s {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	}
	if !strings.ContainsAny(s, ".eE") {
		if n, err := strconv.Atoi(s); err == nil {
			return n, nil
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return nil, fmt.Errorf("invalid json number %q", s)
	}
	return f, nil
}

// resolveYAML11 types a plain scalar with PyYAML's rules.
func resolveYAML11(s string) any {
	switch {
	case yamlBool.MatchString(s):
		l := strings.ToLower(s)
		return l == "yes" || l == "true" || l == "on"
	case yamlFloat.MatchString(s):
		return yamlFloatValue(s)
	case yamlInt.MatchString(s):
		if v, ok := yamlIntValue(s); ok {
			return v
		}
		return s
	case yamlNull.MatchString(s):
		return nil
	}
	return s
}

func yamlFloatValue(s string) any {
	v := strings.ToLower(strings.ReplaceAll(s, "_", ""))
	sign := 1.0
	if strings.HasPrefix(v, "-") || strings.HasPrefix(v, "+") {
		if v[0] == '-' {
			sign = -1
		}
		v = v[1:]
	}
	switch {
	case v == ".inf":
		return sign * math.Inf(1)
	case v == ".nan":
		return math.NaN()
	case strings.Contains(v, ":"):
		total := 0.0
		for _, part := range strings.Split(v, ":") {
			f, _ := strconv.ParseFloat(part, 64)
			total = total*60 + f
		}
		return sign * total
	}
	f, _ := strconv.ParseFloat(v, 64)
	return sign * f
}

func yamlIntValue(s string) (int, bool) {
	v := strings.ReplaceAll(s, "_", "")
	sign := 1
	if strings.HasPrefix(v, "-") || strings.HasPrefix(v, "+") {
		if v[0] == '-' {
			sign = -1
		}
		v = v[1:]
	}
	var n int64
	var err error
	switch {
	case v == "0":
		return 0, true
	case strings.HasPrefix(v, "0b"):
		n, err = strconv.ParseInt(v[2:], 2, 64)
	case strings.HasPrefix(v, "0x"):
		n, err = strconv.ParseInt(v[2:], 16, 64)
	case strings.HasPrefix(v, "0"):
		n, err = strconv.ParseInt(v[1:], 8, 64)
	case strings.Contains(v, ":"):
		for _, part := range strings.Split(v, ":") {
			d, perr := strconv.ParseInt(part, 10, 64)
			if perr != nil {
				return 0, false
			}
			n = n*60 + d
		}
	default:
		n, err = strconv.ParseInt(v, 10, 64)
	}
	if err != nil {
		return 0, false
	}
	return sign * int(n), true
}
