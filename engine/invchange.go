package engine

import (
	"fmt"

	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/inventory"
)

// bypassHostLoop are the actions that run once per task whatever the
// play's hosts (ansible-core's BYPASS_HOST_LOOP action plugins): on the
// first host, without run_once's sharing of the result.
var bypassHostLoop = map[string]bool{"add_host": true}

// inHostOrder are the actions that run on one host after the other, in
// the play's host order: their inventory changes (group_by's groups) then
// list the hosts in that order, as ansible-core's results processed in
// queue order do.
var inHostOrder = map[string]bool{"group_by": true}

// applyInventoryChange makes the change an add_host or group_by result
// describes in the run's inventory, as ansible-core's strategy does when
// it processes the result, and sets the result's changed. It reports
// whether the result was such a change.
func (pr *playRun) applyInventoryChange(host string, o *outcome) (bool, error) {
	if o.failed || o.skipped || o.unknown {
		return false, nil
	}
	rn := pr.run
	var changed bool
	var err error
	var touched []string
	var change func(*inventory.Inventory) (bool, error)
	if info, ok := odict.Plain(o.result["add_host"]); ok {
		name, groups := fmt.Sprint(info["host_name"]), stringList(info["groups"])
		vars, _ := odict.Plain(info["host_vars"])
		change = func(inv *inventory.Inventory) (bool, error) { return inv.AddDynamicHost(name, groups, vars) }
		touched = []string{name}
	} else if group, ok := o.result["add_group"].(string); ok {
		parents := stringList(o.result["parent_groups"])
		change = func(inv *inventory.Inventory) (bool, error) { return inv.AddDynamicGroup(host, group, parents) }
		touched = []string{host}
	} else {
		return false, nil
	}
	rn.invMu.Lock()
	changed, err = change(rn.inv)
	rn.dynamic = append(rn.dynamic, change)
	rn.invMu.Unlock()
	if err != nil {
		return true, err
	}
	o.changed = changed
	o.result["changed"] = changed
	if changed {
		return true, rn.inventoryChanged(touched)
	}
	return true, nil
}

// refreshInventory reads the inventory sources again (meta:
// refresh_inventory) and replays the run's add_host and group_by changes
// on it, as ansible-core keeps its dynamic hosts and groups; a group_by
// of a host the sources no longer have is dropped.
func (rn *run) refreshInventory() error {
	rn.invMu.Lock()
	fresh, err := rn.inv.Reload()
	if err != nil {
		rn.invMu.Unlock()
		return fmt.Errorf("refresh_inventory: %w", err)
	}
	for _, change := range rn.dynamic {
		_, _ = change(fresh)
	}
	rn.inv = fresh
	rn.invMu.Unlock()
	return rn.inventoryChanged(fresh.Hosts())
}

// inventoryChanged refreshes what the run derives from the inventory
// after a change: the groups variable and the variable layers of the
// hosts whose groups changed (new groups bring their group_vars).
func (rn *run) inventoryChanged(hosts []string) error {
	rn.invMu.Lock()
	defer rn.invMu.Unlock()
	groups := map[string]any{}
	for g, hs := range rn.inv.Groups() {
		groups[g] = toAnyList(hs)
	}
	rn.groupsVar = groups
	for _, h := range hosts {
		l, err := rn.inv.HostVarLayers(h)
		if err != nil {
			return err
		}
		rn.layers[h] = l
	}
	return nil
}

// hostLayers are a host's inventory variable layers.
func (rn *run) hostLayers(name string) []inventory.Layer {
	rn.invMu.RLock()
	defer rn.invMu.RUnlock()
	return rn.layers[name]
}

// groupsValue is the groups magic variable (replaced, never changed, when
// the inventory changes).
func (rn *run) groupsValue() map[string]any {
	rn.invMu.RLock()
	defer rn.invMu.RUnlock()
	return rn.groupsVar
}

// groupNames is a host's group_names magic variable.
func (rn *run) groupNames(host string) []any {
	rn.invMu.RLock()
	defer rn.invMu.RUnlock()
	return toAnyList(rn.inv.GroupNames(host))
}

// inventoryHost reports whether the inventory has the host.
func (rn *run) inventoryHost(host string) bool {
	rn.invMu.RLock()
	defer rn.invMu.RUnlock()
	_, ok := rn.inv.Host(host)
	return ok
}

// inventoryHosts are the inventory's host names, then the implicit
// localhost once used.
func (rn *run) inventoryHosts() []string {
	rn.invMu.RLock()
	defer rn.invMu.RUnlock()
	return append(rn.inv.Hosts(), rn.inv.ImplicitHosts()...)
}

func stringList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = fmt.Sprint(x)
	}
	return out
}
