package playbook

import "gopkg.in/yaml.v3"

// VarPrompt is one vars_prompt entry of a play.
type VarPrompt struct {
	Pos  Pos
	Name string
	// Prompt is the question shown (the name when not given).
	Prompt string
	// Default is the answer of an empty reply, and the value listings
	// (--list-tasks, --syntax-check) give the variable; nil when not given.
	Default any
	// Private (default true) hides the reply; Confirm asks twice.
	Private, Confirm bool
	// Encrypt names a passlib hash scheme the reply is hashed with.
	Encrypt string
	// Unsafe marks the reply as not to be templated.
	Unsafe bool
}

// varPromptKeys are the keys of a vars_prompt entry (salt options are
// accepted with encrypt).
var varPromptKeys = map[string]bool{"name": true, "prompt": true, "default": true, "private": true,
	"confirm": true, "encrypt": true, "salt_size": true, "salt": true, "unsafe": true}

// varsPrompt parses a play's vars_prompt list.
func (d *doc) varsPrompt(n *yaml.Node, pl *Play) error {
	n = deref(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		return errorf(d.pos(n), "vars_prompt must be a list, got %s", kindName(n))
	}
	for _, item := range n.Content {
		vp, err := d.varPrompt(item)
		if err != nil {
			return err
		}
		pl.VarsPrompt = append(pl.VarsPrompt, vp)
	}
	return nil
}

func (d *doc) varPrompt(n *yaml.Node) (VarPrompt, error) {
	vp := VarPrompt{Pos: d.pos(n), Private: true}
	if deref(n).Kind != yaml.MappingNode {
		return vp, errorf(d.pos(n), "a vars_prompt entry must be a mapping, got %s", kindName(n))
	}
	ps, err := d.pairs(n)
	if err != nil {
		return vp, err
	}
	for _, p := range ps {
		if !varPromptKeys[p.key] {
			return vp, errorf(d.pos(p.k), "'%s' is not a valid key of a vars_prompt entry", p.key)
		}
		if err := d.varPromptKey(&vp, p); err != nil {
			return vp, err
		}
	}
	if vp.Name == "" {
		return vp, errorf(vp.Pos, "invalid vars_prompt data structure, missing 'name' key")
	}
	if vp.Prompt == "" {
		vp.Prompt = vp.Name
	}
	return vp, nil
}

func (d *doc) varPromptKey(vp *VarPrompt, p pair) (err error) {
	switch p.key {
	case "name":
		vp.Name, err = d.str(p.v)
	case "prompt":
		vp.Prompt, err = d.str(p.v)
	case "default":
		vp.Default, err = d.value(p.v)
	case "private":
		vp.Private, err = d.boolean(p.v)
	case "confirm":
		vp.Confirm, err = d.boolean(p.v)
	case "encrypt":
		vp.Encrypt, err = d.str(p.v)
	case "unsafe":
		vp.Unsafe, err = d.boolean(p.v)
	}
	return err
}
