// Package yaml11 decodes yaml.v3 node trees into plain Go values the way
// PyYAML's YAML 1.1 loader, which Ansible uses, does: yes/no/on/off
// booleans, 0755 octal ints, 1:30 sexagesimal numbers, "<<" merge keys,
// anchors and aliases, and the explicit tags !!str, !!int, !!float,
// !!bool, !!null and !unsafe. Mappings decode to *odict.Map in document
// order; keys are strings (Decoder.Key, by default Python's str() of a
// scalar key).
package yaml11

import (
	"errors"
	"fmt"
	"math/big"

	"gopkg.in/yaml.v3"

	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/pyvalue"
	"github.com/edxplay/edxplay/internal/taint"
)

// maxAliasDepth bounds alias and merge-key chains so recursive anchors
// cannot loop.
const maxAliasDepth = 100

// MaxNesting bounds how deeply values may nest. Python's recursion limit
// stops PyYAML (and so Ansible) below 500 levels; real data never
// comes near this.
const MaxNesting = 300

// errNesting is the error for a value nested deeper than MaxNesting.
func errNesting() error {
	return fmt.Errorf("yaml value nested more than %d levels deep (nesting limit)", MaxNesting)
}

// ErrNoVaultSecret is reported for a !vault value that was not decrypted
// before decoding.
var ErrNoVaultSecret = errors.New("vault-encrypted value but no vault secret was given (use --vault-password-file, --vault-id or --ask-vault-pass)")

// Decoder turns nodes into *odict.Map, []any, string, int, *big.Int,
// float64, bool, nil or (for `!unsafe` strings) a taint.Value. The zero value decodes YAML with Python str() keys
// and unlocated errors.
type Decoder struct {
	// JSON types plain scalars as JSON does and treats "<<" as an ordinary
	// key, for documents that are valid JSON.
	JSON bool
	// Locate adds the position of n to an error raised while decoding it.
	// nil leaves errors as they are.
	Locate func(n *yaml.Node, err error) error
	// Key turns a decoded mapping key into the dict key. nil uses
	// Python's str() for scalars and rejects collections.
	Key func(k any) (string, error)
	// Tag decodes a scalar whose tag the decoder does not know (local tags
	// such as !vault or !foo). nil reports ErrNoVaultSecret for !vault and
	// an unsupported-tag error otherwise.
	Tag func(n *yaml.Node) (any, error)
}

// Pair is one key/value of a mapping after merge-key expansion.
type Pair struct {
	Key      string     // the dict key
	KeyValue any        // the decoded key before conversion to a string
	KeyNode  *yaml.Node // where the key is written (its first occurrence)
	Value    *yaml.Node // the value that wins (its last occurrence)
}

// Deref follows aliases and skips a document node.
func Deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && i < maxAliasDepth; i++ {
		switch {
		case n.Kind == yaml.AliasNode:
			n = n.Alias
		case n.Kind == yaml.DocumentNode && len(n.Content) > 0:
			n = n.Content[0]
		case n.Kind == yaml.DocumentNode:
			return nil
		default:
			return n
		}
	}
	return n
}

// Value decodes a node; a nil node (an empty document) decodes to nil.
// Aliases may expand to at most MaxAliasExpansion nodes in one call.
func (d *Decoder) Value(n *yaml.Node) (any, error) {
	return d.value(n, 0, &expansion{})
}

func (d *Decoder) value(n *yaml.Node, depth int, x *expansion) (any, error) {
	leave, err := x.enter(n)
	if err != nil {
		return nil, d.locate(x.alias, err)
	}
	defer leave()
	ref := n
	n = Deref(n)
	if n == nil {
		return nil, nil
	}
	if depth > MaxNesting {
		return nil, d.locate(n, errNesting())
	}
	if n.Anchor == "" || n.Kind == yaml.ScalarNode {
		return d.node(n, depth, x)
	}
	return x.share(n, func() (any, error) { return d.node(n, depth, x) }, func() error {
		return d.locate(ref, errors.New("yaml alias inside its own anchor (a recursive alias)"))
	})
}

// node decodes a node that is not an alias. A list or dict tagged !unsafe
// has every string in it marked unsafe, as Ansible's wrap_var does.
func (d *Decoder) node(n *yaml.Node, depth int, x *expansion) (any, error) {
	if n.Kind != yaml.ScalarNode && n.Tag == "!unsafe" {
		v, err := d.collection(n, depth, x)
		return markUnsafe(v), err
	}
	return d.collection(n, depth, x)
}

// markUnsafe returns v with every string in it, at any depth, marked
// unsafe; lists and dicts are copied (an alias inside may share them).
func markUnsafe(v any) any {
	switch t := v.(type) {
	case string:
		return taint.Wrap(t, taint.Unsafe)
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = markUnsafe(e)
		}
		return out
	case *odict.Map:
		out := odict.New(t.Len())
		for k, e := range t.All() {
			out.Set(k, markUnsafe(e))
		}
		return out
	}
	return v
}

// collection decodes a scalar, list or dict node.
func (d *Decoder) collection(n *yaml.Node, depth int, x *expansion) (any, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		return d.Scalar(n)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := d.value(c, depth+1, x)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		return d.mapping(n, depth, x)
	}
	return nil, d.locate(n, errors.New("unexpected yaml node"))
}

func (d *Decoder) mapping(n *yaml.Node, depth int, x *expansion) (any, error) {
	ps, err := d.pairs(n, x)
	if err != nil {
		return nil, err
	}
	out := odict.New(len(ps))
	for _, p := range ps {
		v, err := d.value(p.Value, depth+1, x)
		if err != nil {
			return nil, err
		}
		out.Set(p.Key, v)
	}
	return out, nil
}

func (d *Decoder) locate(n *yaml.Node, err error) error {
	if d.Locate == nil {
		return err
	}
	return d.Locate(n, err)
}

// IsNull reports whether n is missing or a null scalar.
func (d *Decoder) IsNull(n *yaml.Node) bool {
	n = Deref(n)
	if n == nil {
		return true
	}
	if n.Kind != yaml.ScalarNode {
		return false
	}
	v, err := d.Scalar(n)
	return err == nil && v == nil
}

// KindName names a node's kind for error messages: "a mapping", "a list",
// "null", "a scalar" or "nothing".
func (d *Decoder) KindName(n *yaml.Node) string {
	n = Deref(n)
	switch {
	case n == nil:
		return "nothing"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Kind == yaml.ScalarNode && d.IsNull(n):
		return "null"
	}
	return "a scalar"
}

// Scalar decodes a scalar node honouring explicit tags, quoting and the
// YAML 1.1 (or, in JSON mode, JSON) plain-scalar rules.
func (d *Decoder) Scalar(n *yaml.Node) (any, error) {
	var v any
	var err error
	switch {
	case n.Style&yaml.TaggedStyle != 0:
		v, err = d.tagged(n)
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return n.Value, nil
	case d.JSON:
		v, err = pyvalue.ParseJSON(n.Value)
	default:
		return ResolvePlain(n.Value), nil
	}
	if err != nil {
		return nil, d.locate(n, err)
	}
	return v, nil
}

func (d *Decoder) tagged(n *yaml.Node) (any, error) {
	switch n.Tag {
	case "!!str":
		return n.Value, nil
	case "!unsafe":
		// Ansible's AnsibleUnsafeText: used literally, never templated.
		return taint.Wrap(n.Value, taint.Unsafe), nil
	case "!!int":
		if v, ok := ParseInt(n.Value); ok {
			return v, nil
		}
	case "!!float":
		if v, ok := parseFloat(n.Value); ok {
			return v, nil
		}
		if v, ok := ParseInt(n.Value); ok {
			return toFloat(v), nil
		}
	case "!!bool":
		if boolRe.MatchString(n.Value) {
			return isTrue(n.Value), nil
		}
	case "!!null":
		return nil, nil
	default:
		return d.localTag(n)
	}
	return nil, fmt.Errorf("cannot decode %q as %s", n.Value, n.Tag)
}

func (d *Decoder) localTag(n *yaml.Node) (any, error) {
	switch {
	case d.Tag != nil:
		return d.Tag(n)
	case n.Tag == "!vault":
		return nil, ErrNoVaultSecret
	}
	return nil, fmt.Errorf("unsupported yaml tag %s", n.Tag)
}

// toFloat converts a decoded int to a float.
func toFloat(v any) float64 {
	if b, ok := v.(*big.Int); ok {
		f, _ := new(big.Float).SetInt(b).Float64()
		return f
	}
	return float64(v.(int))
}
