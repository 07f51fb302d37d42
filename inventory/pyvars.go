package inventory

import (
	"encoding/json"
	"fmt"
	"path/filepath"
)

// pluginVars are the variables Python vars plugins give each group and
// host (nil when there are no Python vars plugins).
type pluginVars struct {
	groups map[string]map[string]any
	hosts  map[string]map[string]any
}

// hasPyVarsPlugins reports whether a vars plugin directory holds a
// Python plugin.
func (o PluginOptions) hasPyVarsPlugins() bool {
	for _, d := range o.VarsDirs {
		if m, _ := filepath.Glob(filepath.Join(d, "*.py")); len(m) > 0 {
			return true
		}
	}
	return false
}

// loadPluginVars runs the Python vars plugins once for the whole
// inventory, under the controller's ansible-core.
func (inv *Inventory) loadPluginVars() error {
	if !inv.plugins.hasPyVarsPlugins() {
		return nil
	}
	req, err := inv.pyRequest("", "", "")
	if err != nil {
		return err
	}
	var m map[string]any
	if err := json.Unmarshal(req, &m); err != nil {
		return err
	}
	m["vars_dirs"] = inv.plugins.VarsDirs
	if req, err = json.Marshal(m); err != nil {
		return err
	}
	res, err := runInventoryPython(pyVarsRunner, req)
	if err != nil {
		return fmt.Errorf("vars plugins in %v: %w", inv.plugins.VarsDirs, err)
	}
	if res.Error != "" {
		return fmt.Errorf("vars plugins: %s", res.Error)
	}
	pv := &pluginVars{groups: map[string]map[string]any{}, hosts: map[string]map[string]any{}}
	for _, set := range []struct {
		from []pyEntity
		to   map[string]map[string]any
	}{{res.Groups, pv.groups}, {res.Hosts, pv.hosts}} {
		for _, e := range set.from {
			vars, err := decodeVars(e.Vars)
			if err != nil {
				return err
			}
			if vars.Len() > 0 {
				set.to[e.Name] = vars.Plain()
			}
		}
	}
	inv.pluginVars = pv
	return nil
}

// pluginLayer is the vars plugins' layer for a group or host ("" Name
// when there is none).
func (inv *Inventory) pluginLayer(kind, name string) []Layer {
	if inv.pluginVars == nil {
		return nil
	}
	src := inv.pluginVars.hosts
	if kind == "group" {
		src = inv.pluginVars.groups
	}
	if v, ok := src[name]; ok {
		return []Layer{{Name: "vars plugins " + kind + " " + name, Vars: v}}
	}
	return nil
}
