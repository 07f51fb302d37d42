package playbook

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"gopkg.in/yaml.v3"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/pyvalue"
)

// Options configure loading.
type Options struct {
	// Modules provides module specs for validating actions and arguments
	// (modules.Specs{} serves the built-in registry); with nil no action is
	// known and every task is an error.
	Modules ModuleSpecs
	// RolesPaths are extra role directories, searched after roles/ beside the
	// playbook and before the playbook directory itself.
	RolesPaths []string
	// BuiltinRoles holds role directories at its root (NAME/tasks/main.yml),
	// searched last: roles on disk win.
	BuiltinRoles fs.FS
	// Vault decrypts vaulted files and !vault values; nil rejects them.
	Vault Decrypter
	// Templater renders templated play role names ("{{ role }}"); nil
	// rejects them.
	Templater Templater
	// ExtraVars are the -e variables, visible to templated role names.
	ExtraVars map[string]any
	// Library (ansible.cfg library, ANSIBLE_LIBRARY) holds directories of
	// the playbook's own modules, searched after library/ beside the
	// playbook and in its roles; CollectionsPaths (collections_path,
	// ANSIBLE_COLLECTIONS_PATH) the directories whose ansible_collections/
	// hold collections, searched after collections/ beside the playbook.
	Library, CollectionsPaths []string
	// DuplicateDictKey is ansible.cfg's duplicate_dict_key: a mapping key
	// given twice in a YAML file is warned about ("warn", the default when
	// empty), an error ("error") or let be ("ignore"); the last value wins.
	DuplicateDictKey string
	// Warn receives load warnings (nil: they are dropped).
	Warn func(msg string)
}

// Templater renders a template string with raw variables.
type Templater interface {
	Template(s string, vars map[string]any) (any, error)
}

// Decrypter decrypts Ansible Vault data found while loading.
type Decrypter interface {
	// DecryptNode replaces !vault scalars under n with their plain text.
	DecryptNode(n *yaml.Node) error
	// DecryptFile returns the plain text of a wholly vaulted file, and any
	// other data unchanged.
	DecryptFile(data []byte) ([]byte, error)
}

// loader holds the options of one load.
type loader struct {
	opts    Options
	baseDir string
	// libDirs are the library/ directories of the roles loaded so far, in
	// load order (Ansible adds each role's to the module search path).
	libDirs []string
	// moduleFiles caches localModule's answers.
	moduleFiles map[string]string
	// dynamic is set while loading for a dynamic include (include_tasks,
	// include_role at run time): a bare include in there is dynamic too,
	// as ansible-core makes it when any of its parents is.
	dynamic bool
	// inline are files held in memory by absolute path (LoadData).
	inline map[string][]byte
}

// newLoader returns a loader resolving roles against baseDir.
func newLoader(opts Options, baseDir string) *loader {
	if opts.Modules == nil {
		opts.Modules = noModules{}
	}
	return &loader{opts: opts, baseDir: baseDir}
}

// noModules knows no module.
type noModules struct{}

func (noModules) Spec(string) (modspec.Spec, bool) { return modspec.Spec{}, false }

// Load parses and checks a playbook with everything it imports statically
// (import_playbook, import_tasks, import_role, roles). It never contacts hosts.
func Load(path string, opts Options) (*Playbook, error) {
	return load(path, nil, opts)
}

// LoadData is Load of a playbook held in memory, as though it were the
// file path: its plays' directory is path's (the ad-hoc command builds its
// one-task play this way, in the --playbook-dir).
func LoadData(path string, data []byte, opts Options) (*Playbook, error) {
	return load(path, data, opts)
}

// load loads the playbook at path, or data as path when data is not nil.
func load(path string, data []byte, opts Options) (*Playbook, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("load playbook %s: %w", path, err)
	}
	l := newLoader(opts, filepath.Dir(abs))
	if data != nil {
		l.inline = map[string][]byte{abs: data}
	}
	plays, err := l.playbookFile(abs, 0)
	if err != nil {
		return nil, err
	}
	return &Playbook{Path: path, Dir: l.baseDir, Plays: plays}, nil
}

// IncludeTasks loads the file of a dynamic include_tasks task at run time.
// name is the task's "file" argument, already templated. It is looked up in
// the task's role's tasks/ directory, then beside the including file. The
// loaded tasks belong to the including task's role; play may be nil.
func IncludeTasks(t *Task, name string, play *Play, opts Options) ([]*Task, error) {
	l := newLoader(opts, playDirOf(play, t))
	l.dynamic = true
	src := l.newSource(nil)
	if t.Role != nil {
		src = l.newSource(t.Role.Role.FS)
	}
	src, p, err := l.findTasksFile(t.Role, src, t.Dir, name)
	if err != nil {
		return nil, wrapf(t.Pos, err, "include_tasks")
	}
	tasks, err := l.tasksFile(src, p, t.Role, play)
	if err != nil {
		return nil, wrapf(t.Pos, err, "include_tasks %s", name)
	}
	return tasks, nil
}

// IncludeRole loads the role of a dynamic include_role task at run time.
// args are the task's arguments, already templated.
func IncludeRole(t *Task, args map[string]any, play *Play, opts Options) (*RoleRef, error) {
	l := newLoader(opts, playDirOf(play, t))
	l.dynamic = true
	sc := &scope{l: l, play: play, dir: t.Dir, role: t.Role}
	return l.roleFromArgs(sc, t, args)
}

func playDirOf(play *Play, t *Task) string {
	if play != nil {
		return play.Dir
	}
	return t.Dir
}

// tasksFile parses a task file into tasks belonging to role.
func (l *loader) tasksFile(src source, p string, role *RoleRef, play *Play) ([]*Task, error) {
	d, err := parseFile(src, p)
	if err != nil {
		return nil, err
	}
	sc := &scope{l: l, d: d, dir: src.dir(p), role: role, play: play}
	return sc.tasks(d.root)
}

// findTasksFile resolves a task file name for import/include_tasks: in the
// role's tasks/ directory first, then relative to dir, then relative to the
// playbook (play) directory.
func (l *loader) findTasksFile(role *RoleRef, src source, dir, name string) (source, string, error) {
	if src.fsys == nil && filepath.IsAbs(name) {
		if src.isFile(name) {
			return src, name, nil
		}
		return src, "", fmt.Errorf("%w '%s'", ErrTaskFileNotFound, name)
	}
	var tried []string
	if role != nil && role.Role != nil {
		rsrc := l.newSource(role.Role.FS)
		p := rsrc.join(role.Role.Path, "tasks", name)
		if rsrc.isFile(p) {
			return rsrc, p, nil
		}
		tried = append(tried, rsrc.display(p))
	}
	p := src.join(dir, name)
	if src.isFile(p) {
		return src, p, nil
	}
	tried = append(tried, src.display(p))
	if disk := (l.newSource(nil)); l.baseDir != "" && (src.fsys != nil || l.baseDir != dir) {
		if p := disk.join(l.baseDir, name); disk.isFile(p) {
			return disk, p, nil
		}
		tried = append(tried, disk.display(disk.join(l.baseDir, name)))
	}
	return src, "", fmt.Errorf("%w '%s' (tried %v)", ErrTaskFileNotFound, name, tried)
}

// ErrTaskFileNotFound is wrapped by the error for a task file that
// import_tasks or include_tasks names but that does not exist.
var ErrTaskFileNotFound = errors.New("could not find or access")

// roleFromArgs builds and loads the RoleRef of import_role/include_role.
func (l *loader) roleFromArgs(sc *scope, t *Task, args map[string]any) (*RoleRef, error) {
	// The task's keywords stay on the task: import_role's block passes them
	// down, include_role's apply only to itself. Its vars are role vars.
	ref := &RoleRef{Pos: t.Pos, Public: t.Action == "import_role"}
	ref.Vars = t.Vars
	fields := map[string]*string{"name": &ref.Name, "tasks_from": &ref.TasksFrom, "vars_from": &ref.VarsFrom,
		"defaults_from": &ref.DefaultsFrom, "handlers_from": &ref.HandlersFrom}
	for k, dst := range fields {
		if v, ok := args[k]; ok {
			s, isStr := v.(string)
			if !isStr {
				return nil, errorf(t.Pos, "%s: '%s' must be a string", t.ActionName, k)
			}
			*dst = s
		}
	}
	if v, ok := args["public"]; ok {
		b, ok := pyvalue.Boolean(v)
		if !ok {
			return nil, errorf(t.Pos, "%s: 'public' must be a boolean", t.ActionName)
		}
		ref.Public = b
	}
	if err := checkRoleName(ref, nil); err != nil {
		return nil, err
	}
	if err := l.loadRole(sc, ref, nil); err != nil {
		return nil, err
	}
	ref.Key = roleKey(ref, t.Keywords)
	return ref, nil
}

// playDir is the directory roles and relative files resolve against.
func (sc *scope) playDir() string {
	if sc.play != nil && sc.play.Dir != "" {
		return sc.play.Dir
	}
	return sc.l.baseDir
}
