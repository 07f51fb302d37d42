package yaml11

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// MaxAliasExpansion is how many nodes one decode may reach through merge
// keys, and how far CheckAliases lets a document's aliases expand. Value
// decodes an anchored collection once and returns the same Go value for
// each of its aliases, as PyYAML shares it, so an alias costs one node; a
// merge key copies the pairs it merges, so nested merges ("billion laughs"
// with "<<") would otherwise expand until memory runs out.
const MaxAliasExpansion = 1 << 20

// errAliasBomb is the error for a document whose aliases expand too far.
func errAliasBomb() error {
	return fmt.Errorf("yaml aliases expand to more than %d values (an alias bomb?)", MaxAliasExpansion)
}

// expansion counts the nodes one decode reaches through aliases.
type expansion struct {
	nodes int
	// depth is how many aliases are being expanded; alias is the outermost.
	depth int
	alias *yaml.Node
	// shared holds the decoded value of each anchored collection, and
	// decoding those being decoded (an alias among them is recursive).
	shared   map[*yaml.Node]any
	decoding map[*yaml.Node]bool
}

// share returns the value of the anchored node n, decoding it once.
func (x *expansion) share(n *yaml.Node, decode func() (any, error), recursive func() error) (any, error) {
	if v, ok := x.shared[n]; ok {
		return v, nil
	}
	if x.decoding[n] {
		return nil, recursive()
	}
	if x.shared == nil {
		x.shared, x.decoding = map[*yaml.Node]any{}, map[*yaml.Node]bool{}
	}
	x.decoding[n] = true
	v, err := decode()
	delete(x.decoding, n)
	if err != nil {
		return nil, err
	}
	x.shared[n] = v
	return v, nil
}

// enter counts n when it is an alias or lies under one; leave undoes the
// alias nesting once n is decoded.
func (x *expansion) enter(n *yaml.Node) (leave func(), err error) {
	isAlias := n != nil && n.Kind == yaml.AliasNode
	if isAlias {
		if x.depth == 0 {
			x.alias = n
		}
		x.depth++
	}
	leave = func() {
		if isAlias {
			x.depth--
		}
	}
	if x.depth > 0 {
		if err := x.add(1); err != nil {
			leave()
			return func() {}, err
		}
	}
	return leave, nil
}

// add counts n expanded nodes against the budget.
func (x *expansion) add(n int) error {
	x.nodes += n
	if x.nodes > MaxAliasExpansion {
		return errAliasBomb()
	}
	return nil
}

// CheckAliases reports a document whose aliases expand to more than
// MaxAliasExpansion nodes beyond the document's own, naming the line of its
// largest alias, for loaders that walk node trees themselves rather than
// through Value. The values of mapping keys named in dataKeys are not
// walked: they are data that Value decodes, sharing aliases. It takes time
// linear in the document's size.
func (d *Decoder) CheckAliases(root *yaml.Node, dataKeys ...string) error {
	c := aliasCheck{size: map[*yaml.Node]int64{}, data: map[string]bool{}}
	for _, k := range dataKeys {
		c.data[k] = true
	}
	total := c.expanded(root, 0)
	if total-int64(len(c.size)) > MaxAliasExpansion {
		return d.locate(c.biggest, errAliasBomb())
	}
	return nil
}

// sizeCap saturates expanded sizes so that sums cannot overflow.
const sizeCap = 1 << 40

// aliasCheck memoises the expanded size of each node.
type aliasCheck struct {
	size    map[*yaml.Node]int64
	data    map[string]bool
	biggest *yaml.Node
	most    int64
}

// expanded returns the number of nodes n stands for once its aliases are
// expanded (saturating at sizeCap).
func (c *aliasCheck) expanded(n *yaml.Node, depth int) int64 {
	if n == nil || depth > MaxNesting {
		return 0
	}
	if s, ok := c.size[n]; ok {
		return s
	}
	c.size[n] = 0 // a node that contains itself adds nothing more
	var total int64 = 1
	if n.Kind == yaml.AliasNode {
		target := c.expanded(n.Alias, depth+1)
		if target > c.most {
			c.most, c.biggest = target, n
		}
		total += target
	}
	for i, ch := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 1 && c.isDataKey(n.Content[i-1]) {
			continue
		}
		total = min(total+c.expanded(ch, depth+1), sizeCap)
	}
	c.size[n] = total
	return total
}

// isDataKey reports whether k is a scalar key whose value is data.
func (c *aliasCheck) isDataKey(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && c.data[k.Value]
}
