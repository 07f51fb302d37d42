package playbook

import (
	"strings"

	"github.com/edxplay/edxplay/internal/odict"
	"gopkg.in/yaml.v3"
)

// metaActions are the values meta accepts.
var metaActions = map[string]bool{
	"flush_handlers": true, "noop": true, "end_play": true, "end_host": true, "end_batch": true,
	"clear_facts": true, "clear_host_errors": true, "refresh_inventory": true, "reset_connection": true,
	"role_complete": true,
}

// roleOptions are the arguments of include_role/import_role.
var roleOptions = map[string]bool{
	"name": true, "tasks_from": true, "vars_from": true, "defaults_from": true, "handlers_from": true,
	"public": true, "apply": true, "allow_duplicates": true, "rolespec_validate": true,
}

// checkDynamic validates include_tasks, include_role and meta, normalising
// include_tasks' free-form file name into the "file" argument.
func (sc *scope) checkDynamic(t *Task, where argPositions) error {
	switch t.Action {
	case "meta":
		return sc.checkMeta(t, where)
	case "include_tasks":
		if err := checkIncludeTasksArgs(t, where); err != nil {
			return err
		}
		return sc.parseApply(t, where)
	}
	if err := sc.parseApply(t, where); err != nil {
		return err
	}
	if err := checkOptions(t, where, roleOptions); err != nil {
		return err
	}
	if _, ok := t.Args["name"]; !ok {
		return errorf(t.Pos, "%s: 'name' is a required argument", t.ActionName)
	}
	return nil
}

// parseApply reads include_tasks/include_role's apply: block keywords for
// the included tasks, checked against the keyword table.
func (sc *scope) parseApply(t *Task, where argPositions) error {
	v, ok := t.Args["apply"]
	if !ok {
		return nil
	}
	pos := posOr(where["apply"], t.Pos)
	m, ok := odict.AsMap(v)
	if !ok {
		return errorf(pos, "%s: apply must be a mapping, got %s", t.ActionName, describe(v))
	}
	var n yaml.Node
	if err := n.Encode(m); err != nil {
		return errorf(pos, "%s: apply: %v", t.ActionName, err)
	}
	placeAt(&n, pos)
	ps, err := sc.d.pairs(&n)
	if err != nil {
		return err
	}
	kw := &Keywords{}
	for _, p := range ps {
		k, ok := keywordAt(p.key, ScopeBlock)
		if !ok || k.setKw == nil {
			return errorf(pos, "%s: '%s' is not a valid attribute for apply", t.ActionName, p.key)
		}
		if err := k.setKw(sc.d, p.v, kw); err != nil {
			return err
		}
	}
	t.Apply = kw
	return nil
}

// placeAt gives a built node tree the position of the text it came from.
func placeAt(n *yaml.Node, pos Pos) {
	n.Line, n.Column = pos.Line, pos.Col
	for _, c := range n.Content {
		placeAt(c, pos)
	}
}

// checkIncludeTasksArgs normalises and validates include_tasks/import_tasks args.
func checkIncludeTasksArgs(t *Task, where argPositions) error {
	if raw, ok := t.Args["_raw_params"]; ok {
		if _, dup := t.Args["file"]; dup {
			return errorf(t.Pos, "%s: file given twice", t.ActionName)
		}
		t.Args["file"] = raw
		delete(t.Args, "_raw_params")
	}
	if err := checkOptions(t, where, map[string]bool{"file": true, "apply": true}); err != nil {
		return err
	}
	if f, _ := t.Args["file"].(string); f == "" {
		return errorf(t.Pos, "%s: no file specified", t.ActionName)
	}
	return nil
}

func (sc *scope) checkMeta(t *Task, where argPositions) error {
	for k := range t.Args {
		if k != "_raw_params" {
			return errorf(posOr(where[k], t.Pos), "meta: invalid option '%s'", k)
		}
	}
	v, _ := t.Args["_raw_params"].(string)
	if !metaActions[v] {
		return errorf(posOr(where["_raw_params"], t.Pos), "invalid meta action requested: %s", v)
	}
	return nil
}

// checkOptions rejects arguments not in allowed.
func checkOptions(t *Task, where argPositions, allowed map[string]bool) error {
	for _, k := range sortedKeys(t.Args) {
		if !allowed[k] {
			return errorf(posOr(where[k], t.Pos), "invalid options for %s: %s", t.ActionName, k)
		}
	}
	return nil
}

// importStatic expands import_tasks/import_role into a block carrying the
// import's keywords.
func (sc *scope) importStatic(t *Task, raw *rawTask, where argPositions) (*Task, error) {
	if t.Loop != nil {
		return nil, errorf(raw.loopPos, "you cannot use loops on '%s' statements, use '%s' instead",
			t.ActionName, strings.Replace(t.Action, "import", "include", 1))
	}
	if sc.depth > maxImportDepth {
		return nil, errorf(t.Pos, "%s nested too deeply (import cycle?)", t.ActionName)
	}
	var body []*Task
	var err error
	if t.Action == "import_tasks" {
		body, err = sc.importTasks(t, where)
	} else {
		body, err = sc.importRole(t, where)
	}
	if err != nil {
		return nil, err
	}
	blk := *t
	blk.Action, blk.Args, blk.Block = "", nil, body
	return &blk, nil
}

// importTasks loads the file of an import_tasks.
func (sc *scope) importTasks(t *Task, where argPositions) ([]*Task, error) {
	if err := checkIncludeTasksArgs(t, where); err != nil {
		return nil, err
	}
	if _, ok := t.Args["apply"]; ok {
		return nil, errorf(posOr(where["apply"], t.Pos), "import_tasks does not support 'apply'")
	}
	name := t.Args["file"].(string)
	if isTemplated(name) {
		return nil, errorf(t.Pos, "import_tasks: templated file names are not supported, use include_tasks: %s", name)
	}
	src, p, err := sc.l.findTasksFile(sc.role, sc.src(), sc.dir, name)
	if err != nil {
		return nil, wrapf(t.Pos, err, "import_tasks")
	}
	d, err := parseFile(src, p)
	if err != nil {
		return nil, wrapf(t.Pos, err, "import_tasks %s", name)
	}
	tasks, err := sc.with(d, sc.role).tasks(d.root)
	if err != nil {
		return nil, wrapf(t.Pos, err, "import_tasks %s", name)
	}
	if sc.role != nil {
		sc.role.Role.TaskFiles[name] = tasks
	}
	return tasks, nil
}

// importRole loads the role of an import_role and returns its content.
func (sc *scope) importRole(t *Task, where argPositions) ([]*Task, error) {
	if err := checkOptions(t, where, roleOptions); err != nil {
		return nil, err
	}
	ref, err := sc.l.roleFromArgs(sc, t, t.Args)
	if err != nil {
		return nil, err
	}
	if sc.play != nil {
		sc.play.ImportedRoles = append(sc.play.ImportedRoles, ref)
	}
	return RoleBlocks(ref), nil
}

// src is the source of the scope's file.
func (sc *scope) src() source { return sc.d.src }

// legacyInclude turns the deprecated `include:` of a task file into the
// import_tasks or include_tasks ansible-core 2.14 makes of it: static
// unless the file name is templated, the task loops or it is loaded by a
// dynamic include (dynamic). Its arguments
// besides the file name are variables of the included tasks (an inline
// tags=x is a variable too, not a tag).
func legacyInclude(t *Task, dynamic bool) {
	file, _ := t.Args["_raw_params"].(string)
	if file == "" {
		file, _ = t.Args["file"].(string)
	}
	static := !dynamic && !isTemplated(file) && t.Loop == nil
	if static && len(t.Vars) > 0 {
		t.IncludeParams, t.Vars = t.Vars, nil
	}
	for k, v := range t.Args {
		if k == "_raw_params" || k == "file" {
			continue
		}
		if t.Vars == nil {
			t.Vars = map[string]any{}
		}
		if _, set := t.Vars[k]; !set {
			t.Vars[k] = v
		}
		delete(t.Args, k)
	}
	t.Action = "include_tasks"
	if static {
		t.Action = "import_tasks"
	}
}
