package inventory

import (
	"fmt"
	"reflect"
)

// AddDynamicHost changes the inventory as ansible-core's add_host does
// (InventoryManager.add_dynamic_host): the host is created in all if
// new, vars are laid over its own variables (top-level keys replaced),
// and it joins groups, which are created as needed. It reports whether
// anything changed.
func (inv *Inventory) AddDynamicHost(name string, groups []string, vars map[string]any) (bool, error) {
	changed := false
	if _, ok := inv.hosts[name]; !ok {
		if _, err := inv.addHost(name, "all", nil, ""); err != nil {
			return false, err
		}
		changed = true
	}
	h := inv.hosts[name]
	for k, v := range vars {
		if old, ok := h.Vars[k]; !ok || !reflect.DeepEqual(old, v) {
			h.Vars[k] = v
			changed = true
		}
	}
	for _, gname := range groups {
		g, ok := inv.groups[gname]
		if !ok {
			g = inv.addGroup(gname)
			changed = true
		}
		changed = joinGroup(g, h) || changed
	}
	return inv.settle(changed)
}

// AddDynamicGroup puts host in group as ansible-core's group_by does
// (InventoryManager.add_dynamic_group): the group and its parents are
// created as needed and the group made a child of each parent. It
// reports whether the host joined the group or a parent was created or
// linked; a host the inventory does not have is an error, except the
// implicit localhost.
func (inv *Inventory) AddDynamicGroup(host, group string, parents []string) (bool, error) {
	h, ok := inv.hosts[host]
	if !ok {
		if h, ok = inv.Host(host); !ok || !h.Implicit {
			return false, fmt.Errorf("%s cannot be matched in inventory", host)
		}
	}
	changed := false
	g := inv.addGroup(group)
	// addGroup may clean a name (TRANSFORM_INVALID_GROUP_CHARS): link the
	// groups by the names they got
	var parentGroups []*Group
	for _, p := range parents {
		n := len(inv.groups)
		parentGroups = append(parentGroups, inv.addGroup(p))
		changed = changed || len(inv.groups) != n
	}
	for _, pg := range parentGroups {
		linked := pg.hasChild(g)
		if err := inv.addChildGroup(pg.Name, g.Name); err != nil {
			return false, err
		}
		changed = changed || !linked
	}
	changed = joinGroup(g, h) || changed
	return inv.settle(changed)
}

// joinGroup adds h to g and reports whether it was not there yet.
func joinGroup(g *Group, h *Host) bool {
	if g.hostSet[h.Name] {
		return false
	}
	g.addHost(h)
	return true
}

// settle applies the inventory's rules again after a change (every group
// under all, ungrouped hosts) and reports whether there was one.
func (inv *Inventory) settle(changed bool) (bool, error) {
	if !changed {
		return false, nil
	}
	inv.forgetDepths()
	return true, inv.reconcile()
}

func (g *Group) hasChild(c *Group) bool {
	for _, x := range g.Children {
		if x == c {
			return true
		}
	}
	return false
}

// Reload parses the inventory's sources again with the options it was
// loaded with (meta: refresh_inventory); the caller replays the dynamic
// changes it wants kept.
func (inv *Inventory) Reload() (*Inventory, error) {
	return Load(inv.sources, Options{PlaybookDir: inv.playbookDir, Vault: inv.vault})
}
