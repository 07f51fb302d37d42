package playbook

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// scope is the context tasks are parsed in: the file, its directory, the
// role they belong to and the play collecting statically imported roles.
type scope struct {
	l     *loader
	d     *doc
	dir   string
	role  *RoleRef
	play  *Play
	depth int
	// blocks is how deeply blocks nest here (maxBlockNesting).
	blocks int
	// handlers is set while parsing a handlers list (listen is allowed).
	handlers bool
	// moduleDefaults is set under a module_defaults keyword: arguments the
	// defaults may supply are not required at load time.
	moduleDefaults bool
}

// withDefaults returns the scope for content under a scope that has
// module_defaults when has is true, else sc itself.
func (sc *scope) withDefaults(has bool) *scope {
	if !has || sc.moduleDefaults {
		return sc
	}
	c := *sc
	c.moduleDefaults = true
	return &c
}

// hasKey reports whether a mapping's pairs include key.
func hasKey(ps []pair, key string) bool {
	for _, p := range ps {
		if p.key == key {
			return true
		}
	}
	return false
}

// maxImportDepth bounds nested import_tasks/import_role (cycles).
const maxImportDepth = 50

// with returns a copy of the scope for another file.
func (sc *scope) with(d *doc, role *RoleRef) *scope {
	c := *sc
	c.d, c.dir, c.role, c.depth = d, d.src.dir(d.path), role, sc.depth+1
	return &c
}

// handlerList returns a copy of the scope for a handlers list; taskList
// one for a tasks list.
func (sc *scope) handlerList() *scope {
	c := *sc
	c.handlers = true
	return &c
}

func (sc *scope) taskList() *scope {
	c := *sc
	c.handlers = false
	return &c
}

// tasks parses a task list (null is an empty list).
func (sc *scope) tasks(n *yaml.Node) ([]*Task, error) {
	n = deref(n)
	if isNull(n) {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, errorf(sc.d.pos(n), "a task list must be a list, got %s%s", kindName(n), sc.d.offendingLine(n))
	}
	out := make([]*Task, 0, len(n.Content))
	for _, item := range n.Content {
		t, err := sc.task(item)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// rawTask collects the parts of a task mapping before the action is resolved.
type rawTask struct {
	action                  *actionKey
	args, loop, loopControl *yaml.Node
	loopKind                string
	loopPos                 Pos
	// keywords are the keyword keys given, checked once the action is known.
	keywords []*yaml.Node
}

// task parses one task or block mapping.
func (sc *scope) task(n *yaml.Node) (*Task, error) {
	d := sc.d
	if deref(n).Kind != yaml.MappingNode {
		return nil, errorf(d.pos(n), "a task must be a mapping, got %s", kindName(n))
	}
	ps, err := d.pairs(n)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		if p.key == "block" {
			return sc.block(n, ps)
		}
	}
	sc = sc.withDefaults(hasKey(ps, "module_defaults"))
	t := &Task{Pos: d.pos(n), Dir: sc.dir, Role: sc.role}
	var raw rawTask
	for _, p := range ps {
		if err := sc.taskKey(t, &raw, p); err != nil {
			return nil, err
		}
	}
	if raw.action == nil {
		return nil, errorf(t.Pos, "no module/action detected in task")
	}
	if err := sc.taskLoop(t, &raw); err != nil {
		return nil, err
	}
	if err := checkIncludeKeywords(d, &raw); err != nil {
		return nil, err
	}
	return sc.resolveAction(t, &raw)
}

// taskScope is the keyword scope of the tasks being parsed.
func (sc *scope) taskScope() Scope {
	if sc.handlers {
		return ScopeHandler
	}
	return ScopeTask
}

// taskKey handles one key of a task mapping.
func (sc *scope) taskKey(t *Task, raw *rawTask, p pair) error {
	d := sc.d
	kw, isKeyword := keywordAt(p.key, sc.taskScope())
	if isKeyword && kw.stores() {
		raw.keywords = append(raw.keywords, p.k)
		return kw.store(d, p.v, &t.Keywords, t, nil)
	}
	switch {
	case p.key == "args":
		raw.args = p.v
	case p.key == "loop" || strings.HasPrefix(p.key, "with_"):
		if raw.loop != nil {
			return errorf(d.pos(p.k), "only one of loop and with_* may be used in a task")
		}
		raw.loop, raw.loopKind, raw.loopPos = p.v, strings.TrimPrefix(p.key, "with_"), d.pos(p.k)
	case p.key == "loop_control":
		raw.loopControl = p.v
	case isKeyword && kw.unsupported:
		return errorf(d.pos(p.k), "task keyword '%s' is not supported", p.key)
	case p.key == "action" || p.key == "local_action" || sc.l.isAction(p.key) || sc.localModule(p.key) != "":
		if raw.action != nil {
			return errorf(d.pos(p.k), "conflicting action statements: %s, %s", raw.action.name, p.key)
		}
		raw.action = &actionKey{name: p.key, k: p.k, v: p.v}
	default:
		return errorf(d.pos(p.k), "unknown module or keyword '%s'%s", p.key, sc.pluginNote(p.key))
	}
	return nil
}

// checkIncludeKeywords rejects keywords a dynamic include does not take.
func checkIncludeKeywords(d *doc, raw *rawTask) error {
	action := shortName(raw.action.name)
	if action != "include_tasks" && action != "include_role" {
		return nil
	}
	for _, k := range raw.keywords {
		if _, ok := keywordAt(k.Value, ScopeInclude); !ok {
			return errorf(d.pos(k), "'%s' is not a valid attribute for %s (use apply to pass it to the included tasks)",
				k.Value, action)
		}
	}
	return nil
}

// block parses a block with its rescue/always sections and keywords.
func (sc *scope) block(n *yaml.Node, ps []pair) (*Task, error) {
	if sc.blocks >= maxBlockNesting {
		return nil, errorf(sc.d.pos(n), "blocks nest more than %d levels deep (nesting limit)", maxBlockNesting)
	}
	inner := *sc.withDefaults(hasKey(ps, "module_defaults"))
	inner.blocks++
	sc = &inner
	d := sc.d
	t := &Task{Pos: d.pos(n), Dir: sc.dir, Role: sc.role}
	for _, p := range ps {
		var err error
		switch p.key {
		case "block":
			t.Block, err = sc.tasks(p.v)
		case "rescue":
			t.Rescue, err = sc.tasks(p.v)
		case "always":
			t.Always, err = sc.tasks(p.v)
		default:
			kw, ok := keywordAt(p.key, ScopeBlock)
			switch {
			case ok && kw.unsupported:
				return nil, errorf(d.pos(p.k), "block keyword '%s' is not supported", p.key)
			case !ok:
				return nil, errorf(d.pos(p.k), "'%s' is not a valid attribute for a block", p.key)
			}
			err = kw.store(d, p.v, &t.Keywords, t, nil)
		}
		if err != nil {
			return nil, err
		}
	}
	return t, nil
}

// maxBlockNesting bounds how deeply blocks may nest. Ansible's block
// loader recurses in Python and fails long before 1,000 levels.
const maxBlockNesting = 100

// setRetries sets retries:, which must be an integer or a template. Ansible
// fails the task when int() rejects the value; a plain string that is no
// number is a static defect, rejected at load.
func setRetries(d *doc, n *yaml.Node, t *Task) error {
	v, err := d.value(n)
	if err != nil {
		return err
	}
	if s, ok := v.(string); ok && !isTemplated(s) {
		if _, err := strconv.Atoi(strings.TrimSpace(s)); err != nil {
			return errorf(d.pos(n), "retries: invalid literal for int() with base 10: '%s'", s)
		}
	}
	t.Retries = v
	return nil
}
