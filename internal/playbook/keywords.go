package playbook

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// Scope is a set of places a keyword may be written.
type Scope uint8

// The places keywords are written.
const (
	// ScopePlay is a play mapping.
	ScopePlay Scope = 1 << iota
	// ScopeRole is a role entry: an item of a play's roles: list or of a
	// role's meta dependencies (include_role/import_role are tasks).
	ScopeRole
	// ScopeBlock is a block mapping.
	ScopeBlock
	// ScopeTask is a task mapping, include_role/import_role included.
	ScopeTask
	// ScopeHandler is a task mapping in a handlers list.
	ScopeHandler
	// ScopeInclude is a dynamic include (include_tasks, include_role): of
	// the task keywords, ansible-core allows only these
	// (TaskInclude.VALID_INCLUDE_KEYWORDS), which apply to the include
	// itself; `apply` passes keywords to the included tasks.
	ScopeInclude
)

// Scope sets, after Ansible's class hierarchy: Base and Taggable are on
// every scope, Conditional on all but plays, Delegatable and Notifiable on
// blocks and tasks (delegation also on role entries).
const (
	scopeAll     = ScopePlay | ScopeRole | ScopeBlock | ScopeTask | ScopeHandler
	scopeNotPlay = ScopeRole | ScopeBlock | ScopeTask | ScopeHandler
	scopeTasks   = ScopeTask | ScopeHandler
	scopeBlocks  = ScopeBlock | scopeTasks
	// inInclude marks a keyword also allowed on a dynamic include.
	inInclude = ScopeInclude
)

// Inheritance is how a keyword's value passes from a scope to the scopes
// inside it (Ansible's FieldAttribute and _get_parent_attribute).
type Inheritance uint8

// The kinds of inheritance.
const (
	// NotInherited applies where written only (name, register, loop, ...).
	NotInherited Inheritance = iota
	// Override takes the child's value when set, else the nearest parent's.
	Override
	// Accumulate joins the parent's values with the child's (tags, when,
	// environment, module_defaults: FieldAttribute extend=True).
	Accumulate
	// Merge layers the child's mapping over the parent's (vars); the engine
	// does it in its variable precedence, Inherit keeps the child's own.
	Merge
)

// Keywords are the inherited keywords of a play, role entry, block or
// task, as written there. Inherit resolves them against the parent's.
type Keywords struct {
	When []string
	Tags []string
	Vars map[string]any
	// Environment holds one layer per scope that set environment (each a
	// mapping or a template), outermost first; later layers win.
	Environment []any
	// ModuleDefaults holds the module_defaults layers, outermost first.
	ModuleDefaults []any
	// NoLog, IgnoreErrors, Timeout, Port and Throttle are raw (a template is
	// evaluated per host).
	NoLog        any
	IgnoreErrors any
	Timeout      any
	Port         any
	Throttle     any
	Become       *bool
	// BecomeExpr is a templated become keyword, evaluated per host.
	BecomeExpr        string
	BecomeUser        string
	BecomeMethod      string
	BecomeFlags       string
	CheckMode         *bool
	Diff              *bool
	AnyErrorsFatal    *bool
	IgnoreUnreachable *bool
	RunOnce           *bool
	DelegateFacts     *bool
	DelegateTo        string
	RemoteUser        string
	Connection        string
	Debugger          string
	Collections       []string
	// Notify are the handlers a changed task notifies.
	Notify []string
}

// keyword is one row of the keyword table.
type keyword struct {
	scopes  Scope
	inherit Inheritance
	// setKw stores an inherited keyword; setTask and setPlay store a
	// keyword that applies where written. All nil: the loader parses the
	// key itself (block, tasks, roles, loop, args, ...).
	setKw   func(d *doc, n *yaml.Node, k *Keywords) error
	setTask func(d *doc, n *yaml.Node, t *Task) error
	setPlay func(d *doc, n *yaml.Node, pl *Play) error
	// pass copies the child's value over the parent's per inherit.
	pass func(dst, child *Keywords)
	// unsupported keywords are valid in Ansible but not implemented.
	unsupported bool
}

// keywords is the table of every keyword: where it is allowed, how it is
// inherited and where its value goes. It drives loading (an unknown key at
// a scope is an error) and Inherit.
var keywords = joinTables(inheritedKeywords, taskKeywords, playKeywords)

// inheritedKeywords are the keywords passed from a scope to the scopes in it.
var inheritedKeywords = map[string]keyword{
	// Base: every scope, inherited.
	"connection":         strKw(scopeAll, func(k *Keywords) *string { return &k.Connection }),
	"port":               rawKw(scopeAll, func(k *Keywords) *any { return &k.Port }),
	"remote_user":        strKw(scopeAll, func(k *Keywords) *string { return &k.RemoteUser }),
	"vars":               varsKw(),
	"module_defaults":    layersKw(scopeAll, func(k *Keywords) *[]any { return &k.ModuleDefaults }),
	"environment":        layersKw(scopeAll, func(k *Keywords) *[]any { return &k.Environment }),
	"no_log":             rawKw(scopeAll|inInclude, func(k *Keywords) *any { return &k.NoLog }),
	"run_once":           boolKw(scopeAll|inInclude, func(k *Keywords) **bool { return &k.RunOnce }),
	"ignore_errors":      rawKw(scopeAll|inInclude, func(k *Keywords) *any { return &k.IgnoreErrors }),
	"ignore_unreachable": boolKw(scopeAll, func(k *Keywords) **bool { return &k.IgnoreUnreachable }),
	"check_mode":         boolKw(scopeAll, func(k *Keywords) **bool { return &k.CheckMode }),
	"diff":               boolKw(scopeAll, func(k *Keywords) **bool { return &k.Diff }),
	"any_errors_fatal":   boolKw(scopeAll, func(k *Keywords) **bool { return &k.AnyErrorsFatal }),
	"throttle":           rawKw(scopeAll, func(k *Keywords) *any { return &k.Throttle }),
	"timeout":            rawKw(scopeAll|inInclude, func(k *Keywords) *any { return &k.Timeout }),
	"debugger":           strKw(scopeAll|inInclude, func(k *Keywords) *string { return &k.Debugger }),
	"become":             becomeKw(),
	"become_user":        strKw(scopeAll, func(k *Keywords) *string { return &k.BecomeUser }),
	"become_method":      strKw(scopeAll, func(k *Keywords) *string { return &k.BecomeMethod }),
	"become_flags":       strKw(scopeAll, func(k *Keywords) *string { return &k.BecomeFlags }),
	"become_exe":         {scopes: scopeAll, unsupported: true},
	// Taggable, CollectionSearch: every scope; Conditional: all but plays.
	"tags":        listKw(scopeAll|inInclude, func(k *Keywords) *[]string { return &k.Tags }, (*doc).tags, false),
	"collections": listKw(scopeAll|inInclude, func(k *Keywords) *[]string { return &k.Collections }, (*doc).collectionList, false),
	"when":        listKw(scopeNotPlay|inInclude, func(k *Keywords) *[]string { return &k.When }, (*doc).conditions, true),
	// Delegatable: role entries, blocks and tasks.
	"delegate_to":    strKw(scopeNotPlay, func(k *Keywords) *string { return &k.DelegateTo }),
	"delegate_facts": boolKw(scopeNotPlay, func(k *Keywords) **bool { return &k.DelegateFacts }),
	// Notifiable: blocks and tasks; a task's own list replaces its block's.
	"notify": overrideList(scopeBlocks, func(k *Keywords) *[]string { return &k.Notify }),
}

// taskKeywords apply where written, on blocks, tasks and handlers.
var taskKeywords = map[string]keyword{
	// name is everywhere; a role entry's name is its role.
	"name": {scopes: scopeAll | inInclude,
		setTask: func(d *doc, n *yaml.Node, t *Task) (err error) { t.Name, err = d.str(n); return },
		setPlay: func(d *doc, n *yaml.Node, pl *Play) (err error) { pl.Name, err = d.str(n); return }},
	// Block structure.
	"block": {scopes: ScopeBlock}, "rescue": {scopes: ScopeBlock}, "always": {scopes: ScopeBlock},
	// Task only, not inherited.
	"register":     {scopes: scopeTasks | inInclude, setTask: setRegister},
	"changed_when": taskList(scopeTasks, func(t *Task) *[]string { return &t.ChangedWhen }),
	"failed_when":  taskList(scopeTasks, func(t *Task) *[]string { return &t.FailedWhen }),
	"retries":      {scopes: scopeTasks, setTask: setRetries},
	"delay":        {scopes: scopeTasks, setTask: func(d *doc, n *yaml.Node, t *Task) (err error) { t.Delay, err = d.value(n); return }},
	"until":        {scopes: scopeTasks, setTask: setUntil},
	"listen":       taskList(ScopeHandler, func(t *Task) *[]string { return &t.Listen }),
	"args":         {scopes: scopeTasks | inInclude}, "action": {scopes: scopeTasks | inInclude},
	"local_action": {scopes: scopeTasks}, "loop": {scopes: scopeTasks | inInclude},
	"loop_control": {scopes: scopeTasks | inInclude},
	"async":        {scopes: scopeTasks, setTask: func(d *doc, n *yaml.Node, t *Task) (err error) { t.Async, err = d.value(n); return }},
	"poll":         {scopes: scopeTasks, setTask: func(d *doc, n *yaml.Node, t *Task) (err error) { t.Poll, err = d.value(n); return }},
	"static":       {scopes: scopeTasks, unsupported: true},
}

// setRegister reads register:, a variable name (never templated) that
// ansible-core rejects when the task runs: "Invalid variable name in
// 'register' specified" is a fault of every run, so it is one at load.
func setRegister(d *doc, n *yaml.Node, t *Task) error {
	name, err := d.str(n)
	if err != nil {
		return err
	}
	if !isIdentifier(name) {
		return errorf(d.pos(n), "Invalid variable name in 'register' specified: '%s'", name)
	}
	t.Register = name
	return nil
}

// joinTables merges tables that name disjoint keywords (TestKeywordTables
// checks they do).
func joinTables(tables ...map[string]keyword) map[string]keyword {
	out := map[string]keyword{}
	for _, t := range tables {
		for name, k := range t {
			out[name] = k
		}
	}
	return out
}

// keywordAt returns the table row of key when key is a keyword at scope.
func keywordAt(key string, at Scope) (keyword, bool) {
	k, ok := keywords[key]
	if !ok || k.scopes&at == 0 {
		return keyword{}, false
	}
	return k, true
}

// stores reports whether the row has a setter (else the loader parses the key).
func (k keyword) stores() bool { return k.setKw != nil || k.setTask != nil || k.setPlay != nil }

// store puts a keyword's value where it belongs: the scope's keywords, its
// task or its play.
func (k keyword) store(d *doc, n *yaml.Node, kw *Keywords, t *Task, pl *Play) error {
	switch {
	case k.setKw != nil && k.inherit == Override && isOmitLiteral(n):
		// '{{ omit }}' leaves an inherited keyword unset: the scope takes
		// its parent's value (ansible-core 2.14, issue 75692)
		return nil
	case k.setKw != nil:
		return k.setKw(d, n, kw)
	case k.setTask != nil && t != nil:
		return k.setTask(d, n, t)
	case k.setPlay != nil && pl != nil:
		return k.setPlay(d, n, pl)
	}
	return nil
}

// isOmitLiteral reports whether n is the scalar '{{ omit }}'.
func isOmitLiteral(n *yaml.Node) bool {
	if n.Kind != yaml.ScalarNode {
		return false
	}
	inner, ok := strings.CutPrefix(strings.TrimSpace(n.Value), "{{")
	if !ok {
		return false
	}
	inner, ok = strings.CutSuffix(inner, "}}")
	return ok && strings.TrimSpace(inner) == "omit"
}

// Inherit resolves a child scope's keywords against its parent's resolved
// ones, per the keyword table: Override keywords take the child's value
// when set, Accumulate ones join the parent's and the child's, and Merge
// ones (vars) keep the child's own, layered by the engine's variable
// precedence. The result is the child's resolved keywords.
func Inherit(parent, child Keywords) Keywords {
	out := parent
	out.Vars = child.Vars
	for _, k := range inheritedKeywords {
		if k.pass != nil {
			k.pass(&out, &child)
		}
	}
	return out
}

func strKw(scopes Scope, field func(*Keywords) *string) keyword {
	return keyword{scopes: scopes, inherit: Override,
		setKw: func(d *doc, n *yaml.Node, k *Keywords) (err error) { *field(k), err = d.str(n); return },
		pass: func(dst, child *Keywords) {
			if v := *field(child); v != "" {
				*field(dst) = v
			}
		}}
}

func boolKw(scopes Scope, field func(*Keywords) **bool) keyword {
	return keyword{scopes: scopes, inherit: Override,
		setKw: func(d *doc, n *yaml.Node, k *Keywords) (err error) { *field(k), err = d.boolPtr(n); return },
		pass: func(dst, child *Keywords) {
			if v := *field(child); v != nil {
				*field(dst) = v
			}
		}}
}

func rawKw(scopes Scope, field func(*Keywords) *any) keyword {
	return keyword{scopes: scopes, inherit: Override,
		setKw: func(d *doc, n *yaml.Node, k *Keywords) (err error) { *field(k), err = d.value(n); return },
		pass: func(dst, child *Keywords) {
			if v := *field(child); v != nil {
				*field(dst) = v
			}
		}}
}

// becomeKw is become: a boolean or a template, one keyword in two fields.
func becomeKw() keyword {
	return keyword{scopes: scopeAll, inherit: Override,
		setKw: func(d *doc, n *yaml.Node, k *Keywords) (err error) {
			k.Become, k.BecomeExpr, err = d.becomeValue(n)
			return err
		},
		pass: func(dst, child *Keywords) {
			if child.Become != nil || child.BecomeExpr != "" {
				dst.Become, dst.BecomeExpr = child.Become, child.BecomeExpr
			}
		}}
}

// listKw is an accumulating list; prepend puts the parent's items first
// (when: outer conditions are evaluated first).
func listKw(scopes Scope, field func(*Keywords) *[]string, parse func(*doc, *yaml.Node) ([]string, error), prepend bool) keyword {
	return keyword{scopes: scopes, inherit: Accumulate,
		setKw: func(d *doc, n *yaml.Node, k *Keywords) (err error) { *field(k), err = parse(d, n); return },
		pass: func(dst, child *Keywords) {
			if len(*field(child)) == 0 {
				return
			}
			if prepend {
				*field(dst) = append(append([]string{}, *field(dst)...), *field(child)...)
			} else {
				*field(dst) = append(append([]string{}, *field(child)...), *field(dst)...)
			}
		}}
}

// layersKw is an accumulating list of values, parent's first: a list
// value adds each of its items, any other value itself.
func layersKw(scopes Scope, field func(*Keywords) *[]any) keyword {
	return keyword{scopes: scopes, inherit: Accumulate,
		setKw: func(d *doc, n *yaml.Node, k *Keywords) error {
			v, err := d.value(n)
			switch l := v.(type) {
			case nil:
			case []any:
				*field(k) = l
			default:
				*field(k) = []any{v}
			}
			return err
		},
		pass: func(dst, child *Keywords) {
			if len(*field(child)) > 0 {
				*field(dst) = append(append([]any{}, *field(dst)...), *field(child)...)
			}
		}}
}

// overrideList is a list the child replaces (FieldAttribute without extend).
func overrideList(scopes Scope, field func(*Keywords) *[]string) keyword {
	return keyword{scopes: scopes, inherit: Override,
		setKw: func(d *doc, n *yaml.Node, k *Keywords) (err error) { *field(k), err = d.conditions(n); return },
		pass: func(dst, child *Keywords) {
			if v := *field(child); len(v) > 0 {
				*field(dst) = v
			}
		}}
}

func varsKw() keyword {
	return keyword{scopes: scopeAll | inInclude, inherit: Merge,
		setKw: func(d *doc, n *yaml.Node, k *Keywords) (err error) { k.Vars, err = d.varsMap(n); return }}
}

func taskList(scopes Scope, field func(*Task) *[]string) keyword {
	return keyword{scopes: scopes,
		setTask: func(d *doc, n *yaml.Node, t *Task) (err error) { *field(t), err = d.conditions(n); return }}
}

func setUntil(d *doc, n *yaml.Node, t *Task) error {
	conds, err := d.conditions(n)
	t.Until = joinConditions(conds)
	return err
}

// collectionList decodes collections: a list of names.
func (d *doc) collectionList(n *yaml.Node) ([]string, error) { return d.list(n, "collections") }

// joinConditions ANDs several conditions into one expression.
func joinConditions(conds []string) string {
	if len(conds) <= 1 {
		return strings.Join(conds, "")
	}
	parts := make([]string, len(conds))
	for i, c := range conds {
		parts[i] = "(" + c + ")"
	}
	return strings.Join(parts, " and ")
}
