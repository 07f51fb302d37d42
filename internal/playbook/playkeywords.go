package playbook

import "gopkg.in/yaml.v3"

// playSetter stores one play keyword's value.
type playSetter func(d *doc, n *yaml.Node, pl *Play) error

// playKeywords are the scalar play keywords; task lists, roles and
// vars_files are handled by playKey.
var playKeywords = map[string]playSetter{
	"name":  func(d *doc, n *yaml.Node, pl *Play) (err error) { pl.Name, err = d.str(n); return },
	"hosts": func(d *doc, n *yaml.Node, pl *Play) (err error) { pl.Hosts, err = hostsValue(d, n); return },
	"vars":  func(d *doc, n *yaml.Node, pl *Play) (err error) { pl.Vars, err = d.varsMap(n); return },
	"become": func(d *doc, n *yaml.Node, pl *Play) (err error) {
		pl.Become, pl.BecomeExpr, err = d.becomeValue(n)
		return
	},
	"become_user":   func(d *doc, n *yaml.Node, pl *Play) (err error) { pl.BecomeUser, err = d.str(n); return },
	"become_method": func(d *doc, n *yaml.Node, pl *Play) (err error) { pl.BecomeMethod, err = d.str(n); return },
	"become_flags":  func(d *doc, n *yaml.Node, pl *Play) (err error) { pl.BecomeFlags, err = d.str(n); return },
	"gather_facts":  func(d *doc, n *yaml.Node, pl *Play) (err error) { pl.GatherFacts, err = d.boolPtr(n); return },
	"gather_subset": func(d *doc, n *yaml.Node, pl *Play) (err error) {
		pl.GatherSubset, err = d.tags(n)
		return
	},
	"serial": func(d *doc, n *yaml.Node, pl *Play) (err error) { pl.Serial, err = parseSerial(d, n); return },
	"strategy": func(d *doc, n *yaml.Node, pl *Play) (err error) {
		pl.Strategy, err = oneOf(d, n, "strategy", "linear", "free")
		return
	},
	"tags":        func(d *doc, n *yaml.Node, pl *Play) (err error) { pl.Tags, err = d.tags(n); return },
	"environment": func(d *doc, n *yaml.Node, pl *Play) (err error) { pl.Environment, err = d.value(n); return },
	"max_fail_percentage": func(d *doc, n *yaml.Node, pl *Play) (err error) {
		pl.MaxFailPercentage, err = parsePercent(d, n)
		return
	},
	"any_errors_fatal": func(d *doc, n *yaml.Node, pl *Play) (err error) {
		pl.AnyErrorsFatal, err = d.boolean(n)
		return
	},
	"ignore_errors": func(d *doc, n *yaml.Node, pl *Play) (err error) { pl.IgnoreErrors, err = d.boolean(n); return },
	"check_mode":    func(d *doc, n *yaml.Node, pl *Play) (err error) { pl.CheckMode, err = d.boolPtr(n); return },
	"diff":          func(d *doc, n *yaml.Node, pl *Play) (err error) { pl.Diff, err = d.boolPtr(n); return },
	"remote_user":   func(d *doc, n *yaml.Node, pl *Play) (err error) { pl.Remote_user, err = d.str(n); return },
	"connection":    func(d *doc, n *yaml.Node, pl *Play) (err error) { pl.Connection, err = d.str(n); return },
	"no_log":        func(d *doc, n *yaml.Node, pl *Play) (err error) { pl.NoLog, err = d.value(n); return },
	"force_handlers": func(d *doc, n *yaml.Node, pl *Play) (err error) {
		pl.ForceHandlers, err = d.boolean(n)
		return
	},
	"order": func(d *doc, n *yaml.Node, pl *Play) (err error) {
		pl.Order, err = oneOf(d, n, "order", "inventory", "reverse_inventory", "sorted", "reverse_sorted", "shuffle")
		return
	},
}
