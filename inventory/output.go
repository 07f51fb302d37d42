package inventory

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/taint"
)

// internalVars are the variables ansible-inventory strips from its output.
var internalVars = map[string]bool{
	"ansible_diff_mode": true, "ansible_config_file": true, "ansible_facts": true,
	"ansible_forks": true, "ansible_inventory_sources": true, "ansible_limit": true,
	"ansible_playbook_python": true, "ansible_run_tags": true, "ansible_skip_tags": true,
	"ansible_verbosity": true, "ansible_version": true, "inventory_dir": true,
	"inventory_file": true, "inventory_hostname": true, "inventory_hostname_short": true,
	"groups": true, "group_names": true, "omit": true, "playbook_dir": true,
}

func withoutInternal(vars map[string]any) map[string]any {
	out := make(map[string]any, len(vars))
	for k, v := range vars {
		if !internalVars[k] {
			out[k] = v
		}
	}
	return out
}

// ListJSON renders what `ansible-inventory --list` prints: one entry per
// non-empty group with its direct hosts and children, and _meta.hostvars
// with each host's merged variables.
func ListJSON(inv *Inventory) ([]byte, error) {
	return ListJSONWith(inv, ListOptions{})
}

// ListJSONWith renders `ansible-inventory --list` with options (--export,
// -e).
func ListJSONWith(inv *Inventory, o ListOptions) ([]byte, error) {
	result := map[string]any{}
	seen := map[string]bool{}
	var format func(g *Group) error
	format = func(g *Group) error {
		entry := map[string]any{}
		if g.Name != "all" && len(g.Hosts) > 0 {
			entry["hosts"] = hostNames(g.Hosts)
		}
		var children []any
		for _, c := range g.Children {
			children = append(children, c.Name)
			if !seen[c.Name] {
				if err := format(c); err != nil {
					return err
				}
				seen[c.Name] = true
			}
		}
		if len(children) > 0 {
			entry["children"] = children
		}
		if o.Export {
			vars, err := inv.exportGroupVars(g.Name)
			if err != nil {
				return err
			}
			if len(vars) > 0 {
				entry["vars"] = taint.AnsibleJSON(vars)
			}
		}
		if len(entry) > 0 {
			result[g.Name] = entry
		}
		return nil
	}
	if err := format(inv.groups["all"]); err != nil {
		return nil, fmt.Errorf("list inventory: %w", err)
	}
	hostvars := map[string]any{}
	for _, name := range inv.hostOrder {
		vars, err := inv.listHostVars(name, o)
		if err != nil {
			return nil, fmt.Errorf("list inventory: %w", err)
		}
		if len(vars) > 0 {
			hostvars[name] = vars
		}
	}
	if err := checkExpanded(result); err != nil {
		return nil, fmt.Errorf("list inventory: %w", err)
	}
	if err := checkExpanded(hostvars); err != nil {
		return nil, fmt.Errorf("list inventory: %w", err)
	}
	result["_meta"] = map[string]any{"hostvars": taint.AnsibleJSON(hostvars)}
	return []byte(pyJSON(result)), nil
}

func hostNames(hosts []*Host) []any {
	out := make([]any, len(hosts))
	for i, h := range hosts {
		out[i] = h.Name
	}
	return out
}

// HostJSON renders what `ansible-inventory --host NAME` prints. Like
// ansible, the name may be any pattern that selects exactly one host.
func HostJSON(inv *Inventory, host string) ([]byte, error) {
	return HostJSONWith(inv, host, ListOptions{})
}

// Graph renders what `ansible-inventory --graph [GROUP] [--vars]` prints
// (without the trailing newline).
func Graph(inv *Inventory, group string, showVars bool) (string, error) {
	return GraphWith(inv, group, showVars, ListOptions{})
}

// GraphWith is Graph with options (-e variables shown with --vars).
func GraphWith(inv *Inventory, group string, showVars bool, o ListOptions) (string, error) {
	if group == "" {
		group = "all"
	}
	g, ok := inv.groups[group]
	if !ok {
		return "", errors.New("Pattern must be valid group name when using --graph")
	}
	lines, err := graphGroup(inv, g, 0, showVars, o)
	if err != nil {
		return "", err
	}
	return strings.Join(lines, "\n"), nil
}

func graphName(name string, depth int) string {
	if depth == 0 {
		return name
	}
	return strings.Repeat("  |", depth) + "--" + name
}

func graphGroup(inv *Inventory, g *Group, depth int, showVars bool, o ListOptions) ([]string, error) {
	out := []string{graphName("@"+g.Name+":", depth)}
	depth++
	for _, c := range g.Children {
		lines, err := graphGroup(inv, c, depth, showVars, o)
		if err != nil {
			return nil, err
		}
		out = append(out, lines...)
	}
	if g.Name != "all" {
		for _, h := range g.Hosts {
			out = append(out, graphName(h.Name, depth))
			if !showVars {
				continue
			}
			vars, err := inv.listHostVars(h.Name, o)
			if err != nil {
				return nil, err
			}
			out = append(out, graphVars(vars, depth+1)...)
		}
	}
	if showVars {
		vars, err := inv.GroupVars(g.Name)
		if err == nil {
			err = checkExpanded(vars)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, graphVars(withoutInternal(vars), depth)...)
	}
	return out, nil
}

func graphVars(vars map[string]any, depth int) []string {
	keys := make([]string, 0, len(vars))
	for k := range vars {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, graphName(fmt.Sprintf("{%s = %s}", k, pyStr(vars[k])), depth))
	}
	return out
}

// maxPrintedItems bounds the list items and dict values that printing
// variables may go through. YAML aliases share a value, so a small
// inventory (an alias bomb) can stand for billions of items once printed.
const maxPrintedItems = 1 << 22

// checkExpanded reports a value that stands for more than maxPrintedItems
// items once its shared parts are written out.
func checkExpanded(v any) error {
	left := maxPrintedItems
	stack := []any{v}
	for len(stack) > 0 {
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch t := top.(type) {
		case []any:
			left -= len(t)
			stack = append(stack, t...)
		case *odict.Map:
			left -= t.Len()
			for _, e := range t.All() {
				stack = append(stack, e)
			}
		case map[string]any:
			left -= len(t)
			for _, e := range t {
				stack = append(stack, e)
			}
		}
		if left < 0 {
			return fmt.Errorf("variables expand to more than %d items (a YAML alias bomb?)", maxPrintedItems)
		}
	}
	return nil
}
