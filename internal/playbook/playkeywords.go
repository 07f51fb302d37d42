package playbook

import "gopkg.in/yaml.v3"

// playKeywords are the keywords of plays only; none is inherited.
var playKeywords = map[string]keyword{
	"hosts": playKw(func(d *doc, n *yaml.Node, pl *Play) (err error) { pl.Hosts, err = hostsValue(d, n); return }),
	"gather_facts": playKw(func(d *doc, n *yaml.Node, pl *Play) (err error) {
		pl.GatherFacts, err = d.boolPtr(n)
		return
	}),
	"gather_subset": playKw(func(d *doc, n *yaml.Node, pl *Play) (err error) {
		pl.GatherSubset, err = d.tags(n)
		return
	}),
	"serial": playKw(func(d *doc, n *yaml.Node, pl *Play) (err error) { pl.Serial, err = parseSerial(d, n); return }),
	"strategy": playKw(func(d *doc, n *yaml.Node, pl *Play) (err error) {
		if s, serr := d.str(n); serr == nil && isTemplated(s) {
			pl.Strategy = s // templated at run time with the play's and the extra vars
			return nil
		}
		pl.Strategy, err = oneOf(d, n, "strategy", "linear", "free", "host_pinned")
		return
	}),
	"max_fail_percentage": playKw(func(d *doc, n *yaml.Node, pl *Play) (err error) {
		pl.MaxFailPercentage, err = parsePercent(d, n)
		return
	}),
	"force_handlers": playKw(func(d *doc, n *yaml.Node, pl *Play) (err error) {
		pl.ForceHandlers, err = d.boolPtr(n)
		return
	}),
	"order": playKw(func(d *doc, n *yaml.Node, pl *Play) (err error) {
		if s, serr := d.str(n); serr == nil && isTemplated(s) {
			pl.Order = s // templated when the play starts, as strategy
			return nil
		}
		pl.Order, err = oneOf(d, n, "order", HostOrders...)
		return
	}),
	// Parsed by the play loader itself.
	"roles": {scopes: ScopePlay}, "pre_tasks": {scopes: ScopePlay}, "tasks": {scopes: ScopePlay},
	"post_tasks": {scopes: ScopePlay}, "handlers": {scopes: ScopePlay}, "vars_files": {scopes: ScopePlay},
	"vars_prompt":    playKw(func(d *doc, n *yaml.Node, pl *Play) error { return d.varsPrompt(n, pl) }),
	"gather_timeout": playKw(func(d *doc, n *yaml.Node, pl *Play) (err error) { pl.GatherTimeout, err = d.value(n); return }),
	"fact_path":      playKw(func(d *doc, n *yaml.Node, pl *Play) (err error) { pl.FactPath, err = d.str(n); return }),
}

// HostOrders are the values of the play keyword order.
var HostOrders = []string{"inventory", "reverse_inventory", "sorted", "reverse_sorted", "shuffle"}

func playKw(set func(d *doc, n *yaml.Node, pl *Play) error) keyword {
	return keyword{scopes: ScopePlay, setPlay: set}
}
