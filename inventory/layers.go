package inventory

import (
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
)

// Layer is one source of host variables. Layers are returned lowest
// precedence first; merging replaces top-level keys.
type Layer struct {
	// Name says where the vars come from, e.g. "inventory group web",
	// "inventory group_vars/web", "playbook host_vars/web01".
	Name string
	// File is the vars file the layer was read from ("" for vars written
	// in the inventory source itself).
	File string
	// Vars are the variables of this layer. Callers must not modify them.
	Vars map[string]any
}

// localhostNames are the names ansible treats as the implicit localhost.
var localhostNames = []string{"127.0.0.1", "localhost", "::1"}

func isLocalhostName(name string) bool {
	for _, n := range localhostNames {
		if n == name {
			return true
		}
	}
	return false
}

// Hosts returns all host names in inventory order (the order in which the
// sources first mentioned them).
func (inv *Inventory) Hosts() []string {
	return append([]string(nil), inv.hostOrder...)
}

// Host returns the named host. For localhost, 127.0.0.1 and ::1 not in the
// inventory it returns ansible's implicit localhost (Implicit set, vars
// ansible_connection=local and ansible_python_interpreter, the
// controller's python3 as Ansible's sys.executable).
func (inv *Inventory) Host(name string) (*Host, bool) {
	if h, ok := inv.hosts[name]; ok {
		return h, true
	}
	if !isLocalhostName(name) {
		return nil, false
	}
	for _, h := range inv.implicit {
		return h, true // ansible reuses the first implicit localhost
	}
	h := &Host{Name: name, Implicit: true, Vars: map[string]any{"ansible_connection": "local",
		"ansible_python_interpreter": controllerPython()}}
	inv.implicit[name] = h
	return h, true
}

// ImplicitHosts returns the name of the implicit localhost once Host has
// created it (Ansible's hostvars list it from then on), else nothing.
func (inv *Inventory) ImplicitHosts() []string {
	for name := range inv.implicit {
		return []string{name} // Host creates at most one
	}
	return nil
}

// GroupList returns all group names in creation order, starting with all
// and ungrouped.
func (inv *Inventory) GroupList() []string {
	return append([]string(nil), inv.groupOrder...)
}

// Group returns the named group.
func (inv *Inventory) Group(name string) (*Group, bool) {
	g, ok := inv.groups[name]
	return g, ok
}

// Groups returns, for every group including all and ungrouped, its hosts
// (own and from descendant groups) in ansible's order; this is the
// "groups" magic variable.
func (inv *Inventory) Groups() map[string][]string {
	out := make(map[string][]string, len(inv.groups))
	for name, g := range inv.groups {
		hosts := g.allHosts(name == "all")
		names := make([]string, len(hosts))
		for i, h := range hosts {
			names[i] = h.Name
		}
		out[name] = names
	}
	return out
}

// GroupNames returns the group_names magic variable of a host: its groups
// (including ancestors and "ungrouped", excluding "all"), sorted.
func (inv *Inventory) GroupNames(host string) []string {
	h, ok := inv.Host(host)
	if !ok {
		return nil
	}
	names := []string{}
	for _, g := range h.groups {
		if g.Name != "all" {
			names = append(names, g.Name)
		}
	}
	sort.Strings(names)
	return names
}

// MagicVars returns the per-host magic variables ansible derives from the
// inventory: inventory_hostname, inventory_hostname_short, group_names.
func (inv *Inventory) MagicVars(host string) map[string]any {
	short := host
	if !ipv4Address.MatchString(host) && !ipv6Address.MatchString(host) {
		short, _, _ = strings.Cut(host, ".")
	}
	names := []any{}
	for _, n := range inv.GroupNames(host) {
		names = append(names, n)
	}
	return map[string]any{
		"inventory_hostname":       host,
		"inventory_hostname_short": short,
		"group_names":              names,
	}
}

// HostVarLayers returns the inventory-level variable layers of a host,
// lowest precedence first, in ansible's default VARIABLE_PRECEDENCE order:
// inventory vars of all, inventory vars of the host's groups (sorted by
// depth, priority, name), inventory group_vars/all, playbook group_vars/all,
// inventory group_vars/<group>, playbook group_vars/<group>, the host's own
// inventory vars (which, as in ansible, include inventory_file and
// inventory_dir), inventory host_vars/<host>, playbook host_vars/<host>.
// Group vars files are visited per inventory source, then per group.
func (inv *Inventory) HostVarLayers(host string) ([]Layer, error) {
	h, ok := inv.Host(host)
	if !ok {
		return nil, fmt.Errorf("host %s is not in the inventory", host)
	}
	var groups []*Group
	for _, g := range h.groups {
		if g.Name != "all" {
			groups = append(groups, g)
		}
	}
	groups = inv.sortGroups(groups)
	layers := []Layer{{Name: "inventory group all", Vars: inv.groups["all"].Vars}}
	for _, g := range groups {
		layers = append(layers, Layer{Name: "inventory group " + g.Name, Vars: g.Vars})
	}
	invDirs, playDirs := inv.inventoryVarsDirs(), inv.playbookDirs()
	steps := []struct {
		dirs    []string
		subdir  string
		origin  string
		targets []string
	}{
		{invDirs, "group_vars", "inventory", []string{"all"}},
		{playDirs, "group_vars", "playbook", []string{"all"}},
		{invDirs, "group_vars", "inventory", groupNamesOf(groups)},
		{playDirs, "group_vars", "playbook", groupNamesOf(groups)},
	}
	for _, s := range steps {
		l, err := inv.entityLayers(s.dirs, s.subdir, s.origin, s.targets)
		if err != nil {
			return nil, err
		}
		layers = append(layers, l...)
	}
	layers = append(layers, inv.pluginLayer("group", "all")...)
	for _, g := range groups {
		layers = append(layers, inv.pluginLayer("group", g.Name)...)
	}
	layers = append(layers, Layer{Name: "inventory host " + h.Name, Vars: h.Vars})
	for _, s := range []struct {
		dirs   []string
		origin string
	}{{invDirs, "inventory"}, {playDirs, "playbook"}} {
		l, err := inv.entityLayers(s.dirs, "host_vars", s.origin, []string{h.Name})
		if err != nil {
			return nil, err
		}
		layers = append(layers, l...)
	}
	return append(layers, inv.pluginLayer("host", h.Name)...), nil
}

func groupNamesOf(groups []*Group) []string {
	out := make([]string, len(groups))
	for i, g := range groups {
		out[i] = g.Name
	}
	return out
}

// entityLayers loads files for each target, source directory first (as
// ansible's get_vars_from_inventory_sources iterates sources, then
// entities).
func (inv *Inventory) entityLayers(dirs []string, subdir, origin string, targets []string) ([]Layer, error) {
	var out []Layer
	for _, dir := range dirs {
		for _, t := range targets {
			l, err := inv.fileLayers([]string{dir}, subdir, t, origin)
			if err != nil {
				return nil, err
			}
			out = append(out, l...)
		}
	}
	return out, nil
}

// HostVars merges HostVarLayers (top-level keys replace, like
// hash_behaviour=replace). It does not include magic variables.
func (inv *Inventory) HostVars(host string) (map[string]any, error) {
	layers, err := inv.HostVarLayers(host)
	if err != nil {
		return nil, err
	}
	return mergeLayers(layers), nil
}

func mergeLayers(layers []Layer) map[string]any {
	out := map[string]any{}
	for _, l := range layers {
		for k, v := range l.Vars {
			out[k] = v
		}
	}
	return out
}

// GroupVars returns what ansible-inventory shows for a group: its
// inventory vars, then group_vars files beside the inventory and the
// playbook, plus ansible_group_priority when it is not the default.
func (inv *Inventory) GroupVars(group string) (map[string]any, error) {
	g, ok := inv.groups[group]
	if !ok {
		return nil, fmt.Errorf("group %s is not in the inventory", group)
	}
	layers := []Layer{{Name: "inventory group " + group, Vars: g.Vars}}
	for _, s := range []struct {
		dirs   []string
		origin string
	}{
		{inv.inventoryVarsDirs(), "inventory"}, {inv.playbookDirs(), "playbook"},
	} {
		l, err := inv.entityLayers(s.dirs, "group_vars", s.origin, []string{group})
		if err != nil {
			return nil, err
		}
		layers = append(layers, l...)
	}
	vars := mergeLayers(append(layers, inv.pluginLayer("group", group)...))
	if g.Priority != 1 {
		vars["ansible_group_priority"] = g.Priority
	}
	return vars, nil
}

// controllerPython is the interpreter Ansible's implicit localhost gets
// (sys.executable of ansible-playbook): /usr/bin/python3 where it exists,
// else python3 on PATH, else Ansible's fallback /usr/bin/python.
func controllerPython() string {
	const system = "/usr/bin/python3"
	if st, err := os.Stat(system); err == nil && !st.IsDir() {
		return system
	}
	if p, err := exec.LookPath("python3"); err == nil {
		return p
	}
	return "/usr/bin/python"
}
