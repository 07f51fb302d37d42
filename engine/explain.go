package engine

import (
	"fmt"
	"slices"

	"github.com/edxplay/edxplay/internal/playbook"
)

// Explanation is a variable's final value on a host and the layer that set it.
type Explanation struct {
	Value any
	// Layer names the winning source ("inventory: group_vars/all", "extra vars #1", ...).
	Layer string
	// Layers lists every source that defines the variable, lowest first.
	Layers []string
}

// Explain resolves variable name on host as the first play of pb that
// targets the host sees it (play vars, roles, vars_files, inventory and
// extra vars; facts from Options.RenderFacts). No host is contacted.
func (r *Runner) Explain(pb *playbook.Playbook, host, name string) (*Explanation, error) {
	rn, err := r.newRun(pb)
	if err != nil {
		return nil, err
	}
	if _, ok := r.Inv.Host(host); !ok {
		return nil, fmt.Errorf("host %q is not in the inventory", host)
	}
	pr, err := rn.playFor(host)
	if err != nil {
		return nil, err
	}
	h := rn.host(host)
	for k, v := range r.Opts.RenderFacts {
		h.facts[k] = v
	}
	ex := &Explanation{}
	for _, l := range pr.varLayers(h, nil, nil) {
		if _, ok := l.vars[name]; ok {
			ex.Layers = append(ex.Layers, l.name)
			ex.Layer = l.name
		}
	}
	hc := pr.newHostCtx(h, nil, nil, nil)
	v, ok, err := hc.Var(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if !ok {
		return nil, fmt.Errorf("'%s' is undefined on %s", name, host)
	}
	if ex.Layer == "" {
		ex.Layer = "magic variable"
	}
	ex.Value = v
	return ex, nil
}

// playFor prepares the first play that targets host (or an empty play
// when none does), with its vars_files loaded.
func (rn *run) playFor(host string) (*playRun, error) {
	play := &playbook.Play{Hosts: host, Dir: rn.pb.Dir}
	for _, p := range rn.pb.Plays {
		hosts, err := rn.inv.Match(p.Hosts)
		if err == nil && slices.Contains(hosts, host) {
			play = p
			break
		}
	}
	pr := &playRun{run: rn, play: play, hosts: []string{host}, allHosts: []string{host},
		roles: playRoles(play), active: map[string]bool{host: true}, notified: map[string]map[int]bool{}}
	if err := pr.loadVarsFiles(); err != nil {
		return nil, err
	}
	return pr, nil
}
