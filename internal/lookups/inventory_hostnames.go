package lookups

import (
	"context"
	"strings"

	"github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/inventory"
)

// lookupInventoryHostnames is the inventory_hostnames lookup: the hosts a
// host pattern selects in an inventory made of the `groups` variable; a
// pattern that fails to match gives no hosts.
func lookupInventoryHostnames(ctx context.Context, r *runner, terms jinja2.Value, _ *jinja2.Dict) ([]jinja2.Value, error) {
	list, err := items(terms)
	if err != nil {
		return nil, err
	}
	groups, err := groupsVar(ctx, r.ctrl)
	if err != nil {
		return nil, err
	}
	inv, err := inventory.FromGroups(groups)
	if err != nil {
		return []jinja2.Value{}, nil
	}
	patterns := make([]string, 0, len(list))
	for _, term := range list {
		s, err := jinja2.ToString(term)
		if err != nil {
			return nil, err
		}
		patterns = append(patterns, s)
	}
	pattern := strings.Join(patterns, ",")
	for _, p := range inv.Unmatched(pattern) {
		r.ctrl.Warn("Could not match supplied host pattern, ignoring: " + p)
	}
	names, err := inv.Match(pattern)
	if err != nil {
		return []jinja2.Value{}, nil
	}
	out := make([]jinja2.Value, 0, len(names))
	for _, n := range names {
		out = append(out, jinja2.Str(n))
	}
	return out, nil
}

// groupsVar reads the `groups` variable: group names and their hosts.
func groupsVar(ctx context.Context, ctrl Controller) ([]inventory.GroupHosts, error) {
	v, err := varValue(ctx, ctrl, "groups")
	if err != nil {
		return nil, err
	}
	d := v.DictOf()
	if d == nil {
		return nil, errorf("the groups variable is a %s, not a dict", jinja2.TypeName(v))
	}
	var out []inventory.GroupHosts
	for _, k := range d.Keys() {
		hv, _ := d.Get(k)
		hosts, err := items(hv)
		if err != nil {
			return nil, err
		}
		g := inventory.GroupHosts{Name: pyStr(k)}
		for _, h := range hosts {
			g.Hosts = append(g.Hosts, pyStr(h))
		}
		out = append(out, g)
	}
	return out, nil
}
