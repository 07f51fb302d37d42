package inventory

import (
	"errors"
	"fmt"
	"slices"

	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/pyvalue"
)

// constructedConfig is a constructed source's configuration.
type constructedConfig struct {
	strict           bool
	compose          *odict.Map
	groups           *odict.Map
	keyedGroups      []any
	leadingSeparator bool
	useVarsPlugins   bool
	useExtraVars     bool
}

// readConstructedConfig reads and checks a constructed configuration file.
func readConstructedConfig(path string, data []byte, vault Decrypter) (*constructedConfig, error) {
	doc, err := parseYAMLDoc(data, vault)
	if err != nil {
		return nil, err
	}
	if doc.root == nil {
		return nil, fmt.Errorf("%s is empty", path)
	}
	v, err := doc.Value(doc.root)
	if err != nil {
		return nil, err
	}
	m, ok := v.(*odict.Map)
	if !ok {
		return nil, fmt.Errorf("%s is empty", path)
	}
	plugin, ok := m.Get("plugin")
	if p, _ := plugin.(string); p != "constructed" && p != "ansible.builtin.constructed" {
		if !ok {
			plugin = "none found"
		}
		return nil, fmt.Errorf("Incorrect plugin name in file: %s", pyStr(plugin))
	}
	c := &constructedConfig{leadingSeparator: true}
	var errs []error
	flag := func(key string, dst *bool) {
		if x, ok := m.Get(key); ok {
			b, isBool := pyvalue.Boolean(x)
			if !isBool {
				errs = append(errs, fmt.Errorf("option %s: %s is not a valid boolean", key, pyStr(x)))
			}
			*dst = b
		}
	}
	flag("strict", &c.strict)
	flag("leading_separator", &c.leadingSeparator)
	flag("use_vars_plugins", &c.useVarsPlugins)
	flag("use_extra_vars", &c.useExtraVars)
	c.compose, _ = optionMap(m, "compose")
	c.groups, _ = optionMap(m, "groups")
	if kg, ok := m.Get("keyed_groups"); ok && kg != nil {
		c.keyedGroups, _ = kg.([]any)
	}
	return c, errors.Join(errs...)
}

// optionMap is a dict option, nil when absent or not a dict.
func optionMap(m *odict.Map, key string) (*odict.Map, bool) {
	v, _ := m.Get(key)
	d, ok := v.(*odict.Map)
	return d, ok
}

// asStringMap returns the first level of a decoded dict.
func asStringMap(v any) (map[string]any, bool) {
	m, ok := v.(*odict.Map)
	if !ok {
		return nil, false
	}
	return m.Plain(), true
}

// parseConstructed runs the constructed plugin: for every host so far,
// compose variables, then add it to the conditional and keyed groups.
func (inv *Inventory) parseConstructed(path string, data []byte) error {
	c, err := readConstructedConfig(path, data, inv.vault)
	if err != nil {
		return err
	}
	if inv.plugins.Templar == nil {
		return fmt.Errorf("%s: constructed inventories need a templar", path)
	}
	hosts := slices.Clone(inv.hostOrder)
	for _, name := range hosts {
		if err := inv.constructHost(c, name); err != nil {
			return fmt.Errorf("failed to parse %s: %w ", path, err)
		}
	}
	return nil
}

// constructHost applies the configuration to one host.
func (inv *Inventory) constructHost(c *constructedConfig, host string) error {
	vars, err := inv.constructedVars(host, c.useVarsPlugins)
	if err != nil {
		return err
	}
	h := inv.hosts[host]
	for _, key := range c.compose.Keys() {
		expr, _ := c.compose.Get(key)
		v, err := inv.compose(c, pyStr(expr), vars)
		if err != nil {
			if c.strict {
				return fmt.Errorf("Could not set %s for host %s: %s", key, host, err)
			}
			continue
		}
		h.Vars[key] = v
	}
	if vars, err = inv.constructedVars(host, c.useVarsPlugins); err != nil {
		return err
	}
	if err := inv.composedGroups(c, host, vars); err != nil {
		return err
	}
	return inv.keyedGroups(c, host, vars)
}

// compose renders "{{ expr }}" with the host's variables (and the -e
// variables with use_extra_vars), lookups disabled.
func (inv *Inventory) compose(c *constructedConfig, expr string, vars map[string]any) (any, error) {
	if c.useExtraVars && len(inv.plugins.ExtraVars) > 0 {
		merged := make(map[string]any, len(vars)+len(inv.plugins.ExtraVars))
		for k, v := range vars {
			merged[k] = v
		}
		for k, v := range inv.plugins.ExtraVars {
			merged[k] = v
		}
		vars = merged
	}
	return inv.plugins.Templar.Template("{{"+expr+"}}", vars, true)
}

// constructedVars are the variables a constructed source sees for a host:
// its groups' inventory variables, its own (with the magic variables),
// and with use_vars_plugins the group_vars/host_vars files of the sources.
func (inv *Inventory) constructedVars(host string, useVarsPlugins bool) (map[string]any, error) {
	h := inv.hosts[host]
	groups := inv.sortGroups(h.groups)
	var layers []Layer
	for _, g := range groups {
		layers = append(layers, Layer{Vars: g.Vars})
	}
	dirs := inv.inventoryVarsDirs()
	if useVarsPlugins {
		l, err := inv.entityLayers(dirs, "group_vars", "inventory", groupNamesOf(groups))
		if err != nil {
			return nil, err
		}
		layers = append(layers, l...)
	}
	layers = append(layers, Layer{Vars: h.Vars}, Layer{Vars: inv.MagicVars(host)})
	if useVarsPlugins {
		l, err := inv.entityLayers(dirs, "host_vars", "inventory", []string{host})
		if err != nil {
			return nil, err
		}
		layers = append(layers, l...)
	}
	return mergeLayers(layers), nil
}

// composedGroups adds the host to each group whose condition holds.
func (inv *Inventory) composedGroups(c *constructedConfig, host string, vars map[string]any) error {
	for _, name := range c.groups.Keys() {
		cond, _ := c.groups.Get(name)
		text := "{% if " + pyStr(cond) + " %} True {% else %} False {% endif %}"
		group := inv.safeGroupName(name)
		out, err := inv.plugins.Templar.Template(text, vars, false)
		if err != nil {
			if c.strict {
				return fmt.Errorf("Could not add host %s to group %s: %s", host, group, err)
			}
			continue
		}
		if yes, _ := pyvalue.Boolean(out); yes {
			inv.addGroup(group).addHost(inv.hosts[host])
		}
	}
	return nil
}
