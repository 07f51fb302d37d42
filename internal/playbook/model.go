// Package playbook loads Ansible playbooks, task files and roles into a
// checked, position-annotated model. Loading is strict: unknown keys,
// modules and module arguments are errors naming file:line:col.
package playbook

import (
	"fmt"
	"io/fs"
)

// Pos is a source position.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as file:line:col.
func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Playbook is a loaded playbook file.
type Playbook struct {
	// Path is the playbook path as given to Load (printed by --list-tasks).
	Path string
	// Dir is the absolute directory of the playbook (playbook_dir).
	Dir   string
	Plays []*Play
}

// Play is one play of a playbook.
type Play struct {
	Pos  Pos
	Name string
	// Dir is the absolute directory of the file the play is in (differs from
	// Playbook.Dir for plays from import_playbook); relative vars_files,
	// templated vars_files and roles resolve against it.
	Dir   string
	Hosts string
	// VarsFiles are the plain (non-nested) vars_files entries, resolved
	// against Dir unless templated (templated names are kept raw).
	VarsFiles []string
	// VarsFileSets is every vars_files entry in order; each is a list of
	// candidates of which the first existing one is loaded (a plain entry has
	// one candidate, a nested list several). Prefer it over VarsFiles.
	VarsFileSets [][]string
	Roles        []*RoleRef
	PreTasks     []*Task
	Tasks        []*Task
	PostTasks    []*Task
	Handlers     []*Task
	// Keywords are the play's inherited keywords (become, no_log, tags, ...).
	Keywords
	GatherFacts       *bool
	Serial            []any // ints or "30%" strings
	Strategy          string
	MaxFailPercentage *float64
	GatherSubset      []string
	// GatherTimeout and FactPath are the play's gather_timeout and
	// fact_path, arguments of its fact gathering (nil and "" when unset).
	GatherTimeout any
	FactPath      string
	// ForceHandlers is the play's force_handlers, nil when unset (then
	// --force-handlers decides).
	ForceHandlers *bool
	// VarsPrompt are the variables asked for before the play runs.
	VarsPrompt []VarPrompt
	// Order is the host order ("inventory", "sorted", ...), empty for default.
	Order string
	// ImportedRoles are roles brought in by import_role in the play's task
	// lists (their handlers join the play's handlers).
	ImportedRoles []*RoleRef
}

// Role is a loaded role directory.
type Role struct {
	Name string
	// Path is the role directory: absolute on disk, or relative to FS when
	// the role is a built-in one.
	Path string
	// FS is the embedded filesystem of a built-in role, nil for roles on disk.
	FS       fs.FS
	Defaults map[string]any
	Vars     map[string]any
	Tasks    []*Task // tasks/main.yml
	Handlers []*Task // handlers/main.yml
	Deps     []*RoleRef
	// AllowDuplicates is meta/main.yml's allow_duplicates.
	AllowDuplicates bool
	// TaskFiles holds other task files of the role imported statically,
	// keyed by their path relative to tasks/ ("install.yml").
	TaskFiles map[string][]*Task
}

// RoleRef is a use of a role, with parameters and conditions.
type RoleRef struct {
	Pos Pos
	// Name is the role name as written (role: or name:).
	Name string
	Role *Role
	// Key identifies the role instance as Ansible's role cache does: role
	// name, params, when, tags, vars and from-files. Refs with equal Keys are
	// one instance, which runs once per host unless Role.AllowDuplicates.
	Key string
	// Parent is the role that depends on this one (meta dependencies).
	Parent *RoleRef
	// TasksFrom, VarsFrom, DefaultsFrom, HandlersFrom are import/include_role's *_from.
	TasksFrom, VarsFrom, DefaultsFrom, HandlersFrom string
	// Public is include_role's public (import_role and play roles are public).
	Public bool
	// Keywords are the role entry's keywords, inherited by the role's tasks
	// and its dependencies (empty for include_role/import_role, whose
	// keywords are the task's).
	Keywords
	Params map[string]any
}

// Loop describes a task loop (loop, with_items, with_dict, with_nested, ...).
type Loop struct {
	// Kind is "loop", or for with_X the lookup plugin X ("items",
	// "dict", "sequence", ...; internal/lookups has them).
	Kind     string
	Items    any // raw, templated at run time
	LoopVar  string
	IndexVar string
	Label    string
	Pause    float64
	Extended bool
	// NoAllItems is extended_allitems: false (ansible_loop without allitems).
	NoAllItems bool
}

// Task is a task, a block, or an include/import.
type Task struct {
	Pos  Pos
	Name string
	// Action is the module name without collection prefix ("copy"), or one of
	// "include_tasks", "import_tasks", "include_role", "import_role", "meta",
	// "include_vars"; empty for a block.
	Action string
	// ActionName is the action as written ("ansible.builtin.copy").
	ActionName string
	// IncludeParams are the `vars:` of a static legacy `include:` (an
	// import_tasks block): include params, above set_fact, as Ansible's
	// get_include_params gives them; its inline k=v params stay in Vars.
	IncludeParams map[string]any
	// Dir is the directory of the file the task was read from (absolute, or
	// FS-relative inside a built-in role); dynamic includes resolve against it.
	Dir string
	// Args are the module arguments, raw (templated at run time). For free-form
	// modules the string is in "_raw_params".
	Args map[string]any

	// Block fields (Action == "").
	Block  []*Task
	Rescue []*Task
	Always []*Task

	// Keywords are the task's (or block's) inherited keywords.
	Keywords
	Loop        *Loop
	Register    string
	Listen      []string
	ChangedWhen []string
	FailedWhen  []string
	Until       string
	Retries     any
	Delay       any
	// Async is the task's async: the most seconds it may run; Poll its
	// poll: seconds between checks (default 15), 0 for fire-and-forget.
	// Both are raw (templated at run time); nil when not given.
	Async, Poll any
	// Apply is include_tasks/include_role's apply: keywords for the
	// included tasks (an include's own keywords apply to itself only).
	Apply *Keywords

	// LocalModule is the file of a playbook's own module (library/ beside
	// the playbook or in a role, the configured library, a collection's
	// plugins/modules) the task's action names; modules/pymodule runs it.
	LocalModule string

	// Role is set for tasks that come from a role (for role_path, files and templates lookups).
	Role *RoleRef
	// Imported tasks (import_tasks/import_role) are expanded at load time into Block.
}

// IsBlock reports whether the task is a block.
func (t *Task) IsBlock() bool { return t.Action == "" }
