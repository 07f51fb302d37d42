package engine

import "maps"

// hostvarsLazy exposes every inventory host's variables to templates as
// `hostvars`, templated on access in that host's own scope.
type hostvarsLazy struct {
	pr *playRun
}

// Get returns the variable scope of one host.
func (hv *hostvarsLazy) Get(host string) (any, bool, error) {
	if !hv.pr.run.inventoryHost(host) {
		return nil, false, nil
	}
	h := hv.pr.run.host(host)
	h.mu.Lock()
	raw := hv.pr.hostLevelVars(h)
	h.mu.Unlock()
	if slice := hv.pr.run.otherSlice(host); slice != 0 {
		raw["ansible_facts"] = hv.pr.run.otherSliceFacts(host, slice)
	}
	return hv.pr.run.Jinja.NewScope(raw), true, nil
}

// Keys returns the inventory's host names, then the implicit localhost
// if a play or template has used it.
func (hv *hostvarsLazy) Keys() []string {
	return hv.pr.run.inventoryHosts()
}

// playMagic are the magic variables that belong to a play or task rather
// than a host. Ansible builds hostvars[host] without a play or task
// (VariableManager.get_vars(host=host, include_hostvars=False)), so an
// entry holds none of them, and no `hostvars` either: printing hostvars
// cannot recurse into itself. Nor does it hold `vars` (a play or task
// variable, the copy of all of them).
var playMagic = []string{"hostvars", "play_hosts", "ansible_play_hosts", "ansible_play_hosts_all",
	"ansible_play_batch", "ansible_play_name", "role_path", "role_name", "ansible_role_name", "vars",
	"role_names", "ansible_play_role_names", "ansible_dependent_role_names", "ansible_role_names"}

// hostLevelVars are the raw variables of hostvars[host]: inventory, facts,
// include_vars, set_fact/register and extra vars, lowest precedence first,
// and the host's magic variables. Play, role and block vars are not part of
// them, as in Ansible.
func (pr *playRun) hostLevelVars(h *hostState) map[string]any {
	v := map[string]any{}
	for _, layer := range pr.run.hostLayers(h.name) {
		maps.Copy(v, layer.Vars)
	}
	for _, layer := range []map[string]any{h.facts, h.includeVars, h.setFacts} {
		maps.Copy(v, layer)
	}
	for _, ev := range pr.run.opts.ExtraVars {
		maps.Copy(v, ev)
	}
	pr.addMagic(v, h, nil)
	for _, k := range playMagic {
		delete(v, k)
	}
	return v
}
