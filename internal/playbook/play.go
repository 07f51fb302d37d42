package playbook

import (
	"path/filepath"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// maxPlaybookDepth bounds nested import_playbook (cycles).
const maxPlaybookDepth = 20

// playbookFile loads the plays of a playbook file (absolute path).
func (l *loader) playbookFile(p string, depth int) ([]*Play, error) {
	d, err := parseFile(l.newSource(nil), p)
	if err != nil {
		return nil, err
	}
	root := deref(d.root)
	if root == nil {
		return nil, errorf(d.pos(nil), "empty playbook, nothing to do")
	}
	if root.Kind != yaml.SequenceNode {
		return nil, errorf(d.pos(root), "a playbook must be a list of plays, got %s", kindName(root))
	}
	var plays []*Play
	for _, item := range root.Content {
		if deref(item).Kind != yaml.MappingNode {
			return nil, errorf(d.pos(item), "a play must be a mapping, got %s", kindName(item))
		}
		ps, err := d.pairs(item)
		if err != nil {
			return nil, err
		}
		var more []*Play
		if importsPlaybook(ps) {
			more, err = l.importPlaybook(d, item, ps, depth)
		} else {
			var pl *Play
			pl, err = l.play(d, item, ps)
			more = []*Play{pl}
		}
		if err != nil {
			return nil, err
		}
		plays = append(plays, more...)
	}
	return plays, nil
}

func importsPlaybook(ps []pair) bool {
	for _, p := range ps {
		if shortName(p.key) == "import_playbook" {
			return true
		}
	}
	return false
}

// importPlaybook loads the plays of "- import_playbook: file" with its tags and vars.
func (l *loader) importPlaybook(d *doc, n *yaml.Node, ps []pair, depth int) ([]*Play, error) {
	if depth >= maxPlaybookDepth {
		return nil, errorf(d.pos(n), "import_playbook nested too deeply (import cycle?)")
	}
	var file string
	var tags, when []string
	var vars map[string]any
	var err error
	for _, p := range ps {
		switch {
		case shortName(p.key) == "import_playbook":
			file, err = d.str(p.v)
		case p.key == "when":
			when, err = d.conditions(p.v)
		case p.key == "tags":
			tags, err = d.tags(p.v)
		case p.key == "vars":
			vars, err = d.varsMap(p.v)
		default:
			err = errorf(d.pos(p.k), "'%s' is not a valid attribute for import_playbook", p.key)
		}
		if err != nil {
			return nil, err
		}
	}
	if file == "" || isTemplated(file) {
		return nil, errorf(d.pos(n), "import_playbook needs a literal file name, got %q", file)
	}
	target := file
	if !filepath.IsAbs(target) {
		target = filepath.Join(filepath.Dir(d.path), file)
	}
	plays, err := l.playbookFile(target, depth+1)
	if err != nil {
		return nil, wrapf(d.pos(n), err, "import_playbook %s", file)
	}
	for _, pl := range plays {
		pl.Tags = append(append([]string{}, tags...), pl.Tags...)
		pl.Vars = mergeVars(vars, pl.Vars)
		forwardWhen(pl, when)
	}
	return plays, nil
}

// forwardWhen prepends an import_playbook's conditions to those of each
// top-level block of the play: pre_tasks, roles, tasks and post_tasks, not
// handlers (ansible-core's PlaybookInclude).
func forwardWhen(pl *Play, when []string) {
	if len(when) == 0 {
		return
	}
	for _, list := range [][]*Task{pl.PreTasks, pl.Tasks, pl.PostTasks} {
		for _, t := range list {
			t.When = append(append([]string{}, when...), t.When...)
		}
	}
	for _, ref := range pl.Roles {
		ref.When = append(append([]string{}, when...), ref.When...)
	}
}

// mergeVars returns base overlaid with top.
func mergeVars(base, top map[string]any) map[string]any {
	if len(base) == 0 {
		return top
	}
	out := map[string]any{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range top {
		out[k] = v
	}
	return out
}

// play parses one play.
func (l *loader) play(d *doc, n *yaml.Node, ps []pair) (*Play, error) {
	pl := &Play{Pos: d.pos(n), Dir: filepath.Dir(d.path)}
	sc := &scope{l: l, d: d, dir: pl.Dir, play: pl, moduleDefaults: hasKey(ps, "module_defaults")}
	hasHosts := false
	// vars first: templated role names see them wherever they are written
	for _, first := range []bool{true, false} {
		for _, p := range ps {
			if (p.key == "vars") != first {
				continue
			}
			hasHosts = hasHosts || p.key == "hosts"
			if err := sc.playKey(pl, p); err != nil {
				return nil, err
			}
		}
	}
	if !hasHosts {
		return nil, errorf(pl.Pos, "the field 'hosts' is required but was not set")
	}
	return pl, nil
}

// playKey handles one key of a play.
func (sc *scope) playKey(pl *Play, p pair) error {
	d := sc.d
	kw, isKeyword := keywordAt(p.key, ScopePlay)
	if isKeyword && kw.stores() {
		return kw.store(d, p.v, &pl.Keywords, nil, pl)
	}
	var err error
	switch p.key {
	case "roles":
		pl.Roles, err = sc.playRoles(p.v)
	case "pre_tasks":
		pl.PreTasks, err = sc.tasks(p.v)
	case "tasks":
		pl.Tasks, err = sc.tasks(p.v)
	case "post_tasks":
		pl.PostTasks, err = sc.tasks(p.v)
	case "handlers":
		pl.Handlers, err = sc.handlerList().tasks(p.v)
	case "vars_files":
		err = sc.varsFiles(pl, p.v)
	default:
		if isKeyword && kw.unsupported {
			return errorf(d.pos(p.k), "play keyword '%s' is not supported", p.key)
		}
		return errorf(d.pos(p.k), "'%s' is not a valid attribute for a Play", p.key)
	}
	return err
}

// playRoles parses and loads a play's roles list.
func (sc *scope) playRoles(n *yaml.Node) ([]*RoleRef, error) {
	n = deref(n)
	if isNull(n) {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, errorf(sc.d.pos(n), "roles must be a list, got %s", kindName(n))
	}
	var refs []*RoleRef
	for _, item := range n.Content {
		ref, err := roleEntry(sc.d, item)
		if err != nil {
			return nil, err
		}
		if err := sc.templateRoleName(ref); err != nil {
			return nil, err
		}
		ref.Public = true
		if err := sc.l.loadRole(sc, ref, nil); err != nil {
			return nil, err
		}
		refs = append(refs, ref)
	}
	return refs, nil
}

// varsFiles parses vars_files: names, or lists of names of which the first
// existing one is used.
func (sc *scope) varsFiles(pl *Play, n *yaml.Node) error {
	d := sc.d
	n = deref(n)
	if isNull(n) {
		return nil
	}
	items := []*yaml.Node{n}
	if n.Kind == yaml.SequenceNode {
		items = n.Content
	}
	for _, item := range items {
		names, err := d.list(item, "vars_files")
		if err != nil {
			return err
		}
		for i, name := range names {
			if !isTemplated(name) && !filepath.IsAbs(name) {
				names[i] = filepath.Join(pl.Dir, name)
			}
		}
		if deref(item).Kind != yaml.SequenceNode {
			pl.VarsFiles = append(pl.VarsFiles, names...)
		}
		pl.VarsFileSets = append(pl.VarsFileSets, names)
	}
	return nil
}

// parseSerial decodes serial: an int, a percentage or a list of them.
func parseSerial(d *doc, n *yaml.Node) ([]any, error) {
	v, err := d.value(n)
	if err != nil {
		return nil, err
	}
	items, ok := v.([]any)
	if !ok {
		items = []any{v}
	}
	for i, it := range items {
		switch t := it.(type) {
		case int:
		case string:
			if !strings.HasSuffix(t, "%") && !isTemplated(t) {
				num, err := strconv.Atoi(strings.TrimSpace(t))
				if err != nil {
					return nil, errorf(d.pos(n), "serial must be an int or a percentage, got %q", t)
				}
				items[i] = num
			}
		default:
			return nil, errorf(d.pos(n), "serial must be an int or a percentage, got %s", describe(it))
		}
	}
	return items, nil
}

// parsePercent decodes max_fail_percentage (a number or "30%").
func parsePercent(d *doc, n *yaml.Node) (*float64, error) {
	v, err := d.value(n)
	if err != nil {
		return nil, err
	}
	var f float64
	switch t := v.(type) {
	case int:
		f = float64(t)
	case float64:
		f = t
	case string:
		f, err = strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(t), "%"), 64)
		if err != nil {
			return nil, errorf(d.pos(n), "max_fail_percentage must be a number, got %q", t)
		}
	default:
		return nil, errorf(d.pos(n), "max_fail_percentage must be a number, got %s", describe(v))
	}
	return &f, nil
}

// oneOf checks a keyword's value against its allowed values.
func oneOf(d *doc, n *yaml.Node, what string, allowed ...string) (string, error) {
	s, err := d.str(n)
	if err != nil {
		return "", err
	}
	for _, a := range allowed {
		if s == a {
			return s, nil
		}
	}
	return "", errorf(d.pos(n), "%s %q is not supported (one of: %s)", what, s, strings.Join(allowed, ", "))
}

// hostsValue decodes hosts: a pattern string or a list of patterns.
func hostsValue(d *doc, n *yaml.Node) (string, error) {
	hosts, err := d.list(n, "hosts")
	if err != nil {
		return "", err
	}
	if len(hosts) == 0 || (len(hosts) == 1 && hosts[0] == "") {
		return "", errorf(d.pos(n), "hosts list cannot be empty")
	}
	return strings.Join(hosts, ","), nil
}
