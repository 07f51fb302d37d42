package playbook

import (
	"encoding/json"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/edxplay/edxplay/internal/odict"
	"gopkg.in/yaml.v3"
)

// roleEntry parses a play's roles: entry or a meta dependency: a role name
// or a mapping with role:/name:, keywords and parameters.
func roleEntry(d *doc, n *yaml.Node) (*RoleRef, error) {
	ref := &RoleRef{Pos: d.pos(n)}
	if deref(n).Kind == yaml.ScalarNode {
		name, err := d.str(n)
		ref.Name = strings.TrimSpace(name)
		return ref, checkRoleName(ref, err)
	}
	ps, err := d.pairs(n)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		if p.key == "role" || (p.key == "name" && ref.Name == "") {
			if ref.Name, err = d.str(p.v); err != nil {
				return nil, err
			}
			continue
		}
		kw, isKeyword := keywordAt(p.key, ScopeRole)
		switch {
		case isKeyword && kw.unsupported:
			err = errorf(d.pos(p.k), "role keyword '%s' is not supported", p.key)
		case isKeyword:
			err = kw.store(d, p.v, &ref.Keywords, nil, nil)
		default:
			err = ref.setParam(d, p)
		}
		if err != nil {
			return nil, err
		}
	}
	return ref, checkRoleName(ref, nil)
}

func (r *RoleRef) setParam(d *doc, p pair) error {
	v, err := d.value(p.v)
	if err != nil {
		return err
	}
	if r.Params == nil {
		r.Params = map[string]any{}
	}
	r.Params[p.key] = v
	return nil
}

func checkRoleName(ref *RoleRef, err error) error {
	if err != nil {
		return err
	}
	if ref.Name == "" {
		return errorf(ref.Pos, "role definitions must contain a role name")
	}
	return nil
}

// templateRoleName renders a play role's templated name with the extra
// vars and the play's vars, as ansible-core's RoleDefinition does when the
// play loads (inventory and facts are not known yet).
func (sc *scope) templateRoleName(ref *RoleRef) error {
	if !isTemplated(ref.Name) {
		return nil
	}
	t := sc.l.opts.Templater
	if t == nil {
		return errorf(ref.Pos, "templated role names need a templater: %s", ref.Name)
	}
	vars := map[string]any{}
	if sc.play != nil {
		for k, v := range sc.play.Vars {
			vars[k] = v
		}
	}
	for k, v := range sc.l.opts.ExtraVars {
		vars[k] = v
	}
	v, err := t.Template(ref.Name, vars)
	if err != nil {
		return errorf(ref.Pos, "role name %s: %v", ref.Name, err)
	}
	name, ok := v.(string)
	if !ok {
		return errorf(ref.Pos, "role name %s is %s, not a string", ref.Name, describe(v))
	}
	ref.Name = strings.TrimSpace(name)
	return checkRoleName(ref, nil)
}

// findRole locates a role directory: a path relative to the play's
// directory, then roles/ beside the play, the extra roles paths, the play's
// directory, and last the built-in roles.
func (l *loader) findRole(playDir, name string) (source, string, error) {
	disk := l.newSource(nil)
	if strings.Contains(name, "/") || filepath.IsAbs(name) {
		p := name
		if !filepath.IsAbs(p) {
			p = filepath.Join(playDir, p)
		}
		if disk.isDir(p) {
			return disk, p, nil
		}
		return l.newSource(nil), "", fmt.Errorf("the role '%s' was not found at %s", name, p)
	}
	var searched []string
	dirs := append([]string{filepath.Join(playDir, "roles")}, l.opts.RolesPaths...)
	for _, dir := range append(dirs, playDir) {
		p := filepath.Join(dir, name)
		if disk.isDir(p) {
			return disk, p, nil
		}
		searched = append(searched, disk.display(dir))
	}
	if l.opts.BuiltinRoles != nil {
		builtin := l.newSource(l.opts.BuiltinRoles)
		if builtin.isDir(name) {
			return builtin, name, nil
		}
		searched = append(searched, "built-in roles")
	}
	return l.newSource(nil), "", fmt.Errorf("the role '%s' was not found in %s", name, strings.Join(searched, ":"))
}

// loadRole finds and loads the role of ref with its dependencies. stack
// holds the roles being loaded (cycle detection).
func (l *loader) loadRole(sc *scope, ref *RoleRef, stack []string) error {
	sc = sc.withDefaults(len(ref.ModuleDefaults) > 0)
	if isTemplated(ref.Name) {
		return errorf(ref.Pos, "templated role names are supported in a play's roles only: %s", ref.Name)
	}
	src, dir, err := l.findRole(sc.playDir(), ref.Name)
	if err != nil {
		return errorf(ref.Pos, "%v", err)
	}
	id := src.display(dir)
	for _, s := range stack {
		if s == id {
			return errorf(ref.Pos, "role dependency cycle: %s -> %s", strings.Join(stack, " -> "), id)
		}
	}
	base := path.Base(filepath.ToSlash(dir))
	ref.Role = &Role{Name: base, Path: dir, FS: src.fsys, TaskFiles: map[string][]*Task{}}
	l.addRoleLibrary(ref.Role)
	ref.Key = roleKey(ref, ref.Keywords)
	if err := l.loadRoleVars(ref, src, dir); err != nil {
		return err
	}
	if err := l.loadRoleMeta(sc, ref, src, dir, append(stack, id)); err != nil {
		return err
	}
	return l.loadRoleTasks(sc, ref, src, dir)
}

// loadRoleVars loads defaults/ and vars/.
func (l *loader) loadRoleVars(ref *RoleRef, src source, dir string) (err error) {
	r := ref.Role
	if r.Defaults, err = loadVarsEntry(src, src.join(dir, "defaults"), orMain(ref.DefaultsFrom)); err != nil {
		return wrapf(ref.Pos, err, "role %s defaults", r.Name)
	}
	if r.Vars, err = loadVarsEntry(src, src.join(dir, "vars"), orMain(ref.VarsFrom)); err != nil {
		return wrapf(ref.Pos, err, "role %s vars", r.Name)
	}
	return nil
}

// loadRoleMeta loads meta/main.yml: allow_duplicates and dependencies.
func (l *loader) loadRoleMeta(sc *scope, ref *RoleRef, src source, dir string, stack []string) error {
	p, ok := findMain(src, src.join(dir, "meta"), "main")
	if !ok {
		return nil
	}
	d, err := parseFile(src, p)
	if err != nil || d.root == nil {
		return err
	}
	ps, err := d.pairs(d.root)
	if err != nil {
		return err
	}
	for _, kv := range ps {
		switch kv.key {
		case "allow_duplicates":
			ref.Role.AllowDuplicates, err = d.boolean(kv.v)
		case "dependencies":
			err = l.loadDeps(sc.with(d, ref), ref, kv.v, stack)
		case "galaxy_info", "argument_specs", "collections":
		default:
			err = errorf(d.pos(kv.k), "'%s' is not a valid attribute for role metadata", kv.key)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// loadDeps loads a role's dependencies list.
func (l *loader) loadDeps(sc *scope, parent *RoleRef, n *yaml.Node, stack []string) error {
	n = deref(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		return errorf(sc.d.pos(n), "dependencies must be a list")
	}
	for _, item := range n.Content {
		dep, err := roleEntry(sc.d, item)
		if err != nil {
			return err
		}
		dep.Parent, dep.Public = parent, true
		if err := l.loadRole(sc, dep, stack); err != nil {
			return err
		}
		parent.Role.Deps = append(parent.Role.Deps, dep)
	}
	return nil
}

// loadRoleTasks loads tasks/ and handlers/ entry files.
func (l *loader) loadRoleTasks(sc *scope, ref *RoleRef, src source, dir string) (err error) {
	r := ref.Role
	if r.Tasks, err = l.roleTaskFile(sc.taskList(), ref, src, src.join(dir, "tasks"), ref.TasksFrom); err != nil {
		return err
	}
	r.Handlers, err = l.roleTaskFile(sc.handlerList(), ref, src, src.join(dir, "handlers"), ref.HandlersFrom)
	return err
}

// roleTaskFile loads one task file of a role; a missing main file is empty,
// a missing *_from file an error.
func (l *loader) roleTaskFile(sc *scope, ref *RoleRef, src source, dir, from string) ([]*Task, error) {
	if outside(src, dir, from) {
		return nil, errorf(ref.Pos, "Failed loading '%s' for role (%s) as it is not inside the expected role path: '%s'",
			from, ref.Role.Name, src.display(dir))
	}
	p, ok := findMain(src, dir, orMain(from))
	if !ok {
		if from != "" {
			return nil, errorf(ref.Pos, "could not find '%s' in %s", from, src.display(dir))
		}
		return nil, nil
	}
	d, err := parseFile(src, p)
	if err != nil {
		return nil, err
	}
	return sc.with(d, ref).tasks(d.root)
}

func orMain(from string) string {
	if from == "" {
		return "main"
	}
	return from
}

// outside reports whether a *_from file name leaves the role directory
// dir (absolute, or climbing out with ..), which Ansible refuses.
func outside(src source, dir, from string) bool {
	if from == "" {
		return false
	}
	if filepath.IsAbs(from) {
		return true
	}
	rel, err := filepath.Rel(dir, src.join(dir, from))
	return err != nil || rel == ".." || strings.HasPrefix(rel, "../")
}

// findMain finds name, name.yml, name.yaml or name.json in dir.
func findMain(src source, dir, name string) (string, bool) {
	for _, ext := range []string{"", ".yml", ".yaml", ".json"} {
		p := src.join(dir, name+ext)
		if src.isFile(p) {
			return p, true
		}
	}
	return "", false
}

// loadVarsEntry loads a role vars entry: a file, or a directory whose
// files are merged in name order. Missing is empty.
func loadVarsEntry(src source, dir, name string) (map[string]any, error) {
	if p, ok := findMain(src, dir, name); ok {
		return loadVarsFile(src, p)
	}
	sub := src.join(dir, name)
	if !src.isDir(sub) {
		return nil, nil
	}
	files, err := src.listFiles(sub)
	if err != nil {
		return nil, err
	}
	out := map[string]any{}
	for _, f := range files {
		m, err := loadVarsFile(src, f)
		if err != nil {
			return nil, err
		}
		for k, v := range m {
			out[k] = v
		}
	}
	return out, nil
}

// loadVarsFile loads a YAML file that must hold a mapping (or nothing).
func loadVarsFile(src source, p string) (map[string]any, error) {
	d, err := parseDataFile(src, p)
	if err != nil || d.root == nil {
		return nil, err
	}
	if deref(d.root).Kind != yaml.MappingNode {
		return nil, errorf(d.pos(d.root), "vars file must contain a mapping, got %s", kindName(d.root))
	}
	v, err := d.value(d.root)
	if err != nil {
		return nil, err
	}
	return v.(*odict.Map).Plain(), nil
}

// roleKey identifies a role instance as Ansible's role cache does, by its
// parameters and the when, tags and vars it was used with.
func roleKey(r *RoleRef, kw Keywords) string {
	b, err := json.Marshal(map[string]any{
		"params": r.Params, "when": kw.When, "tags": kw.Tags, "vars": kw.Vars,
		"from":    []string{r.TasksFrom, r.VarsFrom, r.DefaultsFrom, r.HandlersFrom},
		"include": !r.Public,
	})
	if err != nil {
		b = []byte(fmt.Sprint(r.Params, kw.When, kw.Tags, kw.Vars))
	}
	return r.Role.Path + "|" + string(b)
}

// RoleBlocks returns a role's content as the engine runs it: one block per
// dependency (recursively, dependencies first), then a block with the
// role's own tasks. Each block's Role is the RoleRef it belongs to.
func RoleBlocks(ref *RoleRef) []*Task {
	var out []*Task
	for _, dep := range ref.Role.Deps {
		out = append(out, RoleBlocks(dep)...)
	}
	return append(out, &Task{Pos: ref.Pos, Dir: ref.Role.Path, Role: ref, Block: ref.Role.Tasks})
}
