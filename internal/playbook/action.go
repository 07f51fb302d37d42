package playbook

import (
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// actionKey is the key of a task that names its action (a module name,
// action or local_action) with its value.
type actionKey struct {
	name string
	k, v *yaml.Node
}

// builtinActions are actions the loader itself implements.
var builtinActions = map[string]bool{
	"include": true, "include_tasks": true, "import_tasks": true, "include_role": true, "import_role": true, "meta": true,
}

// rawParamActions may take free-form "_raw_params" besides free-form modules.
var rawParamActions = map[string]bool{
	"include_vars": true, "include": true, "include_tasks": true, "include_role": true, "import_tasks": true,
	"import_role": true, "add_host": true, "group_by": true, "set_fact": true, "meta": true,
}

// checkRawActions keep k=v tokens other than rawKeys in their free text.
var checkRawActions = map[string]bool{"command": true, "shell": true, "raw": true, "script": true}

// shortName strips the ansible.builtin./ansible.legacy. prefix.
func shortName(name string) string {
	return strings.TrimPrefix(strings.TrimPrefix(name, "ansible.builtin."), "ansible.legacy.")
}

// cutActionName splits "name k=v ..." at the first space outside a
// Jinja2 expression, so that a templated module name ("{{ mod }} a=1")
// stays whole.
func cutActionName(s string) (name, rest string) {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], "{{") || strings.HasPrefix(s[i:], "{%"):
			depth++
			i++
		case depth > 0 && (strings.HasPrefix(s[i:], "}}") || strings.HasPrefix(s[i:], "%}")):
			depth--
			i++
		case depth == 0 && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'):
			return s[:i], strings.TrimSpace(s[i+1:])
		}
	}
	return s, ""
}

// isAction reports whether a task key names a known action.
func (l *loader) isAction(key string) bool {
	short := shortName(key)
	if builtinActions[short] {
		return true
	}
	_, ok := l.opts.Modules.Spec(short)
	return ok
}

// argPositions maps argument names to where they were given.
type argPositions map[string]Pos

// resolveAction works out the task's action and arguments, then validates
// them or expands static imports.
func (sc *scope) resolveAction(t *Task, raw *rawTask) (*Task, error) {
	d := sc.d
	name, args, where, err := sc.actionArgs(raw.action)
	if err != nil {
		return nil, err
	}
	if raw.action.name == "local_action" {
		t.DelegateTo = "localhost"
	}
	if err := sc.mergeArgs(raw.args, args, where); err != nil {
		return nil, err
	}
	t.ActionName, t.Action, t.Args = name, shortName(name), args
	if isTemplated(name) {
		// resolved per host when the task runs, as Ansible does
		return t, nil
	}
	if t.Action == "include" {
		legacyInclude(t, sc.l.dynamic)
	}
	if !builtinActions[t.Action] {
		if t.LocalModule = sc.localModule(name); t.LocalModule != "" {
			return t, nil
		}
		if !sc.l.isAction(t.Action) {
			return nil, errorf(d.pos(raw.action.v), "couldn't resolve module/action '%s'%s", name, sc.pluginNote(name))
		}
	}
	if rp, ok := args["_raw_params"].(string); ok && isTemplated(rp) && !sc.l.allowsRawParams(t.Action) {
		delete(args, "_raw_params")
		args[VariableParams] = rp
	}
	if rp, ok := args["_raw_params"]; ok && rp != "" && !sc.l.allowsRawParams(t.Action) {
		return nil, errorf(d.pos(raw.action.k), "this task '%s' has extra params, which is only allowed in free-form modules and %s",
			name, strings.Join(sortedKeys(rawParamActions), ", "))
	}
	switch t.Action {
	case "import_tasks", "import_role":
		return sc.importStatic(t, raw, where)
	case "include_tasks", "include_role", "meta":
		return t, sc.checkDynamic(t, where)
	}
	return t, sc.l.checkModuleArgs(t, where, sc.moduleDefaults)
}

// actionArgs decodes the action key's value into a module name and args.
func (sc *scope) actionArgs(a *actionKey) (string, map[string]any, argPositions, error) {
	d := sc.d
	if a.name != "action" && a.name != "local_action" {
		args, where, err := sc.moduleValue(shortName(a.name), a.v)
		return a.name, args, where, err
	}
	v := deref(a.v)
	if v.Kind == yaml.MappingNode {
		return sc.actionMapping(a.v)
	}
	s, err := d.str(a.v)
	if err != nil {
		return "", nil, nil, err
	}
	name, rest := cutActionName(strings.TrimSpace(s))
	if name == "" {
		return "", nil, nil, errorf(d.pos(a.v), "%s requires a module name", a.name)
	}
	args, err := parseKV(rest, checkRawActions[shortName(name)])
	if err != nil {
		return "", nil, nil, errorf(d.pos(a.v), "%v", err)
	}
	return name, args, positionsAt(args, d.pos(a.v)), nil
}

// actionMapping decodes "action: {module: copy, src: a}".
func (sc *scope) actionMapping(n *yaml.Node) (string, map[string]any, argPositions, error) {
	d := sc.d
	ps, err := d.pairs(n)
	if err != nil {
		return "", nil, nil, err
	}
	args, where := map[string]any{}, argPositions{}
	name := ""
	for _, p := range ps {
		if p.key == "module" {
			if name, err = d.str(p.v); err != nil {
				return "", nil, nil, err
			}
			continue
		}
		if args[p.key], err = d.value(p.v); err != nil {
			return "", nil, nil, err
		}
		where[p.key] = d.pos(p.k)
	}
	if name == "" {
		return "", nil, nil, errorf(d.pos(n), "action mapping requires a 'module' key")
	}
	return name, args, where, nil
}

// moduleValue decodes the value of "module: value".
func (sc *scope) moduleValue(short string, n *yaml.Node) (map[string]any, argPositions, error) {
	d := sc.d
	v := deref(n)
	switch {
	case isNull(v):
		return map[string]any{}, argPositions{}, nil
	case v.Kind == yaml.MappingNode:
		return d.mappingArgs(v)
	case v.Kind == yaml.ScalarNode:
		s, err := d.str(v)
		if err != nil {
			return nil, nil, err
		}
		args, err := parseKV(s, checkRawActions[short])
		if err != nil {
			return nil, nil, errorf(d.pos(v), "%v", err)
		}
		return args, positionsAt(args, d.pos(v)), nil
	}
	return nil, nil, errorf(d.pos(v), "unexpected parameter type in action: %s", kindName(v))
}

// mappingArgs decodes a mapping of arguments, remembering key positions.
func (d *doc) mappingArgs(n *yaml.Node) (map[string]any, argPositions, error) {
	ps, err := d.pairs(n)
	if err != nil {
		return nil, nil, err
	}
	args, where := make(map[string]any, len(ps)), make(argPositions, len(ps))
	for _, p := range ps {
		if args[p.key], err = d.value(p.v); err != nil {
			return nil, nil, err
		}
		where[p.key] = d.pos(p.k)
	}
	return args, where, nil
}

// mergeArgs adds the task's args: mapping under the module's own arguments.
func (sc *scope) mergeArgs(n *yaml.Node, args map[string]any, where argPositions) error {
	if n == nil || isNull(n) {
		return nil
	}
	if deref(n).Kind != yaml.MappingNode {
		return errorf(sc.d.pos(n), "args must be a mapping")
	}
	extra, extraWhere, err := sc.d.mappingArgs(n)
	if err != nil {
		return err
	}
	for k, v := range extra {
		if _, ok := args[k]; !ok {
			args[k], where[k] = v, extraWhere[k]
		}
	}
	return nil
}

// positionsAt maps every argument to one position (k=v strings).
func positionsAt(args map[string]any, pos Pos) argPositions {
	where := make(argPositions, len(args))
	for k := range args {
		where[k] = pos
	}
	return where
}

// allowsRawParams reports whether an action accepts free-form text.
func (l *loader) allowsRawParams(action string) bool {
	if rawParamActions[action] {
		return true
	}
	spec, ok := l.opts.Modules.Spec(action)
	return ok && spec.FreeForm
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// VariableParams is the argument holding a module's arguments given as one
// template (`cron: "{{ item }}"`); the engine templates it at run time
// into the mapping of arguments.
const VariableParams = "_variable_params"

// ShortActionName is an action name without its ansible.builtin. or
// ansible.legacy. prefix, as Task.Action holds it.
func ShortActionName(name string) string { return shortName(name) }
