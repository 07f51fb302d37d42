package inventory

// GroupHosts is one group of a `groups` variable and its host names.
type GroupHosts struct {
	Name  string
	Hosts []string
}

// FromGroups builds an inventory from a `groups` variable as the
// inventory_hostnames lookup does (InventoryManager(parse=False) with each
// group added and each host added to its group, in order): no variables,
// no child groups beyond all's ungrouped, so that Match answers host
// patterns over those names.
func FromGroups(groups []GroupHosts) (*Inventory, error) {
	inv := newInventory()
	for _, g := range groups {
		inv.addGroup(g.Name)
		for _, h := range g.Hosts {
			if _, err := inv.addHost(h, g.Name, nil, ""); err != nil {
				return nil, err
			}
		}
	}
	return inv, nil
}

// Unmatched returns the parts of a host pattern that match no host (and
// no group), each of which ansible-core warns about: "Could not match
// supplied host pattern, ignoring: PART".
func (inv *Inventory) Unmatched(pattern string) []string {
	var out []string
	for _, p := range splitHostPattern(pattern) {
		if _, ok := inv.hosts[p]; ok || p == "" {
			continue
		}
		if p[0] == '&' || p[0] == '!' {
			p = p[1:]
		}
		if p == "" || p == "all" {
			continue
		}
		expr, _ := splitSubscript(p)
		if _, ok := inv.groups[expr]; ok {
			continue
		}
		if hosts, err := inv.enumerate(expr); err == nil && len(hosts) == 0 {
			out = append(out, expr)
		}
	}
	return out
}
