package inventory

import (
	"fmt"

	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/taint"
)

// ListOptions are ansible-inventory's switches that change what --list,
// --host and --graph --vars show.
type ListOptions struct {
	// Export is --export: groups carry their own variables and hosts only
	// theirs (not merged with their groups').
	Export bool
	// ExtraVars are the -e variables, part of a host's variables when not
	// exporting (the variable manager's view).
	ExtraVars map[string]any
}

// listHostVars are the variables --list shows for a host.
func (inv *Inventory) listHostVars(host string, o ListOptions) (map[string]any, error) {
	var vars map[string]any
	if o.Export {
		h, ok := inv.Host(host)
		if !ok {
			return nil, fmt.Errorf("host %s is not in the inventory", host)
		}
		layers := []Layer{{Vars: h.Vars}}
		for _, dirs := range [][]string{inv.inventoryVarsDirs(), inv.playbookDirs()} {
			l, err := inv.entityLayers(dirs, "host_vars", "", []string{h.Name})
			if err != nil {
				return nil, err
			}
			layers = append(layers, l...)
		}
		vars = mergeLayers(append(layers, inv.pluginLayer("host", h.Name)...))
	} else {
		var err error
		if vars, err = inv.HostVars(host); err != nil {
			return nil, err
		}
		for k, v := range o.ExtraVars {
			vars[k] = v
		}
	}
	if err := checkExpanded(vars); err != nil {
		return nil, fmt.Errorf("host vars of %s: %w", host, err)
	}
	return withoutInternal(vars), nil
}

// exportGroupVars are the variables --export shows for a group.
func (inv *Inventory) exportGroupVars(group string) (map[string]any, error) {
	vars, err := inv.GroupVars(group)
	if err != nil {
		return nil, err
	}
	return withoutInternal(vars), nil
}

// HostJSONWith renders `ansible-inventory --host NAME` with options.
func HostJSONWith(inv *Inventory, host string, o ListOptions) ([]byte, error) {
	data, err := HostData(inv, host, o)
	if err != nil {
		return nil, err
	}
	return []byte(pyJSON(data)), nil
}

// HostData is the data `ansible-inventory --host NAME` dumps. Like
// ansible, the name may be any pattern that selects exactly one host.
func HostData(inv *Inventory, host string, o ListOptions) (any, error) {
	hosts, err := inv.Match(host)
	if err != nil {
		return nil, err
	}
	if len(hosts) != 1 {
		return nil, fmt.Errorf("You must pass a single valid host to --host parameter")
	}
	vars, err := inv.listHostVars(hosts[0], o)
	if err != nil {
		return nil, err
	}
	return taint.AnsibleJSON(vars), nil
}

// YAMLData is the tree `ansible-inventory --list --yaml` dumps: each
// group with its children and hosts (a host's variables at its first
// appearance), and with --export its variables.
func YAMLData(inv *Inventory, o ListOptions) (any, error) {
	seen := map[string]bool{}
	var format func(g *Group) (*odict.Map, error)
	format = func(g *Group) (*odict.Map, error) {
		entry := odict.New(3)
		children := odict.New(len(g.Children))
		for _, c := range g.Children {
			if c.Name == "all" {
				continue
			}
			sub, err := format(c)
			if err != nil {
				return nil, err
			}
			v, _ := sub.Get(c.Name)
			children.Set(c.Name, v)
		}
		if children.Len() > 0 {
			entry.Set("children", children)
		}
		hosts := odict.New(len(g.Hosts))
		if g.Name != "all" {
			for _, h := range g.Hosts {
				vars := map[string]any{}
				if !seen[h.Name] {
					seen[h.Name] = true
					var err error
					if vars, err = inv.listHostVars(h.Name, o); err != nil {
						return nil, err
					}
				}
				hosts.Set(h.Name, stripped(vars))
			}
		}
		if hosts.Len() > 0 {
			entry.Set("hosts", hosts)
		}
		if o.Export {
			vars, err := inv.exportGroupVars(g.Name)
			if err != nil {
				return nil, err
			}
			if len(vars) > 0 {
				entry.Set("vars", stripped(vars))
			}
		}
		return odict.Of(g.Name, entry), nil
	}
	return format(inv.groups["all"])
}

// stripped is v without its taint marks (YAML shows unsafe text plainly).
func stripped(v any) any {
	out, _ := taint.Strip(v)
	return out
}
