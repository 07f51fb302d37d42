package yaml11

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// MaxAliasExpansion is how many nodes one decode may reach through aliases
// (and merge keys). PyYAML shares an aliased value; decoding copies it, so
// nested aliases ("billion laughs": 10 levels of 9 aliases) would otherwise
// expand until memory runs out.
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
// through Value. It takes time linear in the document's size.
func (d *Decoder) CheckAliases(root *yaml.Node) error {
	c := aliasCheck{size: map[*yaml.Node]int64{}}
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
	biggest *yaml.Node
	most    int64
}

// expanded returns the number of nodes n stands for once its aliases are
// expanded (saturating at sizeCap).
func (c *aliasCheck) expanded(n *yaml.Node, depth int) int64 {
	if n == nil || depth > maxNesting {
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
	for _, ch := range n.Content {
		total = min(total+c.expanded(ch, depth+1), sizeCap)
	}
	c.size[n] = total
	return total
}
