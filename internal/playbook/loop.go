package playbook

import (
	"gopkg.in/yaml.v3"

	"github.com/edxplay/edxplay/internal/lookups"
)

// taskLoop fills t.Loop from loop/with_* and loop_control.
func (sc *scope) taskLoop(t *Task, raw *rawTask) error {
	d := sc.d
	if raw.loop == nil {
		if raw.loopControl != nil {
			return errorf(d.pos(raw.loopControl), "loop_control requires a loop")
		}
		return nil
	}
	if raw.loopKind != "loop" && !lookups.Has(raw.loopKind) {
		// Ansible takes with_X for a loop only when X is a lookup plugin.
		return errorf(raw.loopPos, "'with_%s' is not a valid attribute for a Task", raw.loopKind)
	}
	items, err := d.value(raw.loop)
	if err != nil {
		return err
	}
	t.Loop = &Loop{Kind: raw.loopKind, Items: items, LoopVar: "item"}
	if raw.loopControl == nil || isNull(raw.loopControl) {
		return nil
	}
	return d.loopControl(raw.loopControl, t.Loop)
}

// loopControl parses loop_control into l.
func (d *doc) loopControl(n *yaml.Node, l *Loop) error {
	ps, err := d.pairs(n)
	if err != nil {
		return err
	}
	for _, p := range ps {
		switch p.key {
		case "loop_var":
			l.LoopVar, err = d.str(p.v)
		case "index_var":
			l.IndexVar, err = d.str(p.v)
		case "label":
			l.Label, err = d.str(p.v)
		case "extended":
			l.Extended, err = d.boolean(p.v)
		case "extended_allitems":
			var all bool
			all, err = d.boolean(p.v)
			l.NoAllItems = !all
		case "pause":
			l.Pause, err = d.number(p.v)
		default:
			return errorf(d.pos(p.k), "'%s' is not a valid attribute for loop_control", p.key)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// number decodes an int or float.
func (d *doc) number(n *yaml.Node) (float64, error) {
	v, err := d.value(n)
	if err != nil {
		return 0, err
	}
	switch t := v.(type) {
	case int:
		return float64(t), nil
	case float64:
		return t, nil
	}
	return 0, errorf(d.pos(n), "expected a number, got %s", describe(v))
}
