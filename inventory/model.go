// Package inventory loads Ansible-compatible inventories (INI, YAML, host
// lists and directories of those), together with the group_vars/ and
// host_vars/ files beside them, and answers host-pattern queries the way
// ansible-core 2.14 does.
package inventory

import (
	"fmt"
	"sort"
	"sync"
)

// Group is one inventory group. Hosts holds the hosts added directly to the
// group, Children the child groups, both in insertion order.
type Group struct {
	Name     string
	Vars     map[string]any
	Priority int
	Hosts    []*Host
	Children []*Group
	Parents  []*Group

	hostSet map[string]bool
}

// Host is one inventory host. Vars are the variables set by the inventory
// source itself (inline vars, port, inventory_file, inventory_dir).
type Host struct {
	Name string
	Vars map[string]any
	// Implicit is true for the implicit localhost that Ansible creates when
	// "localhost" (or 127.0.0.1, ::1) is used but not in the inventory.
	Implicit bool

	groups []*Group
}

// Inventory is a loaded inventory: groups and hosts in insertion order plus
// the sources needed to find group_vars/ and host_vars/ files.
type Inventory struct {
	groups     map[string]*Group
	groupOrder []string
	hosts      map[string]*Host
	hostOrder  []string

	sources     []string
	playbookDir string
	varsCache   *varsFileCache
	vault       Decrypter
	implicit    map[string]*Host
	plugins     PluginOptions
	pluginVars  *pluginVars
	// warnings are the warnings loading gave, each once, in order.
	warnings []string

	// depthCache holds the groups' depths (see depths), computed once for
	// all hosts and dropped when a group or an edge is added.
	depthCache *groupDepths
}

// groupDepths is a lazily computed depth of every group.
type groupDepths struct {
	mu    sync.Mutex
	depth map[*Group]int
}

func newInventory() *Inventory {
	inv := &Inventory{
		groups:     map[string]*Group{},
		hosts:      map[string]*Host{},
		varsCache:  newVarsFileCache(),
		implicit:   map[string]*Host{},
		depthCache: &groupDepths{},
	}
	inv.addGroup("all")
	inv.addGroup("ungrouped")
	// Cannot fail: both groups exist and have no relation yet.
	_ = inv.addChildGroup("all", "ungrouped")
	return inv
}

// addGroup creates the group if needed and returns it.
func (inv *Inventory) addGroup(name string) *Group {
	if g, ok := inv.groups[name]; ok {
		return g
	}
	name = inv.safeGroupName(name)
	if g, ok := inv.groups[name]; ok {
		return g
	}
	g := &Group{Name: name, Vars: map[string]any{}, Priority: 1, hostSet: map[string]bool{}}
	inv.forgetDepths()
	inv.groups[name] = g
	inv.groupOrder = append(inv.groupOrder, name)
	return g
}

// addHost creates the host if needed (recording port and the source file as
// ansible does for a newly seen host) and adds it to group when group != "".
func (inv *Inventory) addHost(name, group string, port *int, source string) (*Host, error) {
	if name == "" {
		return nil, fmt.Errorf("invalid empty host name provided")
	}
	h, ok := inv.hosts[name]
	if !ok {
		h = &Host{Name: name, Vars: map[string]any{}}
		if port != nil {
			h.Vars["ansible_port"] = *port
		}
		h.Vars["inventory_file"] = nilIfEmpty(source)
		h.Vars["inventory_dir"] = nilIfEmpty(sourceDir(source))
		inv.hosts[name] = h
		inv.hostOrder = append(inv.hostOrder, name)
	}
	if group != "" {
		g, ok := inv.groups[group]
		if !ok {
			return nil, fmt.Errorf("could not find group %s in inventory", group)
		}
		g.addHost(h)
	}
	return h, nil
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (g *Group) addHost(h *Host) {
	if g.hostSet[h.Name] {
		return
	}
	g.hostSet[h.Name] = true
	g.Hosts = append(g.Hosts, h)
	h.addGroup(g)
}

// addGroup adds g and its ancestors to the host's group list.
func (h *Host) addGroup(g *Group) {
	for _, a := range g.ancestors() {
		h.addGroupOnly(a)
	}
	h.addGroupOnly(g)
}

func (h *Host) addGroupOnly(g *Group) {
	for _, x := range h.groups {
		if x == g {
			return
		}
	}
	h.groups = append(h.groups, g)
}

func (h *Host) removeGroup(g *Group) {
	for i, x := range h.groups {
		if x == g {
			h.groups = append(h.groups[:i:i], h.groups[i+1:]...)
			return
		}
	}
}

// addChildGroup makes child a child group of parent, refusing loops.
func (inv *Inventory) addChildGroup(parent, child string) error {
	p, ok := inv.groups[parent]
	if !ok {
		return fmt.Errorf("%s is not a known group", parent)
	}
	c, ok := inv.groups[child]
	if !ok {
		return fmt.Errorf("%s is not a known host nor group", child)
	}
	if p == c {
		return fmt.Errorf("can't add group to itself")
	}
	for _, x := range p.Children {
		if x == c {
			return nil
		}
	}
	for _, a := range p.ancestors() {
		if a == c {
			return fmt.Errorf("Adding group '%s' as child to '%s' creates a recursive dependency loop.", child, parent)
		}
	}
	inv.forgetDepths()
	p.Children = append(p.Children, c)
	c.Parents = append(c.Parents, p)
	newAncestors := append(p.ancestors(), p)
	for _, h := range c.allHosts(false) {
		for _, a := range newAncestors {
			h.addGroupOnly(a)
		}
	}
	return nil
}

// ancestors returns every group above g (breadth first, deduplicated).
func (g *Group) ancestors() []*Group {
	return walk(g, func(x *Group) []*Group { return x.Parents })
}

// descendants returns g followed by every group below it, level by level,
// the order ansible's get_descendants(preserve_ordering=True) uses.
func (g *Group) descendants() []*Group {
	return append([]*Group{g}, walk(g, func(x *Group) []*Group { return x.Children })...)
}

func walk(start *Group, next func(*Group) []*Group) []*Group {
	seen := map[*Group]bool{start: true}
	var out []*Group
	level := []*Group{start}
	for len(level) > 0 {
		var nextLevel []*Group
		for _, g := range level {
			for _, n := range next(g) {
				if !seen[n] {
					seen[n] = true
					out = append(out, n)
					nextLevel = append(nextLevel, n)
				}
			}
		}
		level = nextLevel
	}
	return out
}

// allHosts returns the hosts of g and all its descendants, deduplicated, in
// ansible's order. Implicit hosts are left out of "all" when skipImplicit.
func (g *Group) allHosts(skipImplicit bool) []*Host {
	seen := map[*Host]bool{}
	var out []*Host
	for _, kid := range g.descendants() {
		for _, h := range kid.Hosts {
			if seen[h] {
				continue
			}
			seen[h] = true
			if skipImplicit && h.Implicit {
				continue
			}
			out = append(out, h)
		}
	}
	return out
}

// depths returns each group's depth: the longest path from "all".
func (inv *Inventory) depths() map[*Group]int {
	c := inv.depthCache
	if c == nil { // an inventory built without newInventory
		return inv.computeDepths()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.depth == nil {
		c.depth = inv.computeDepths()
	}
	return c.depth
}

func (inv *Inventory) forgetDepths() {
	if c := inv.depthCache; c != nil {
		c.mu.Lock()
		c.depth = nil
		c.mu.Unlock()
	}
}

// computeDepths gives each group its longest distance from a root group.
func (inv *Inventory) computeDepths() map[*Group]int {
	depth := map[*Group]int{}
	var visit func(g *Group, d int)
	visit = func(g *Group, d int) {
		if cur, ok := depth[g]; ok && cur >= d {
			return
		}
		depth[g] = d
		for _, c := range g.Children {
			visit(c, d+1)
		}
	}
	for _, name := range inv.groupOrder {
		g := inv.groups[name]
		if len(g.Parents) == 0 {
			visit(g, 0)
		}
	}
	return depth
}

// sortGroups orders groups like ansible's sort_groups: depth, priority, name.
func (inv *Inventory) sortGroups(groups []*Group) []*Group {
	depth := inv.depths()
	out := append([]*Group(nil), groups...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if depth[a] != depth[b] {
			return depth[a] < depth[b]
		}
		if a.Priority != b.Priority {
			return a.Priority < b.Priority
		}
		return a.Name < b.Name
	})
	return out
}

// reconcile applies ansible's post-parse rules: every group descends from
// all, hosts without a group go to ungrouped, grouped hosts leave ungrouped.
func (inv *Inventory) reconcile() error {
	for _, name := range inv.groupOrder {
		g := inv.groups[name]
		if name != "all" && len(g.ancestors()) == 0 {
			if err := inv.addChildGroup("all", name); err != nil {
				return err
			}
		}
	}
	all, ungrouped := inv.groups["all"], inv.groups["ungrouped"]
	for _, name := range inv.hostOrder {
		h := inv.hosts[name]
		if h.inGroup(ungrouped) {
			if h.hasOtherGroupThan(all, ungrouped) {
				ungrouped.removeHost(h)
			}
			continue
		}
		if !h.hasOtherGroupThan(all) {
			ungrouped.addHost(h)
		}
	}
	return nil
}

func (h *Host) inGroup(g *Group) bool {
	for _, x := range h.groups {
		if x == g {
			return true
		}
	}
	return false
}

func (h *Host) hasOtherGroupThan(except ...*Group) bool {
	for _, x := range h.groups {
		other := true
		for _, e := range except {
			if x == e {
				other = false
			}
		}
		if other {
			return true
		}
	}
	return false
}

// removeHost drops h from g (ungrouped only: its sole ancestor is all,
// which ansible never removes).
func (g *Group) removeHost(h *Host) {
	if !g.hostSet[h.Name] {
		return
	}
	delete(g.hostSet, h.Name)
	for i, x := range g.Hosts {
		if x == h {
			g.Hosts = append(g.Hosts[:i:i], g.Hosts[i+1:]...)
			break
		}
	}
	h.removeGroup(g)
}
