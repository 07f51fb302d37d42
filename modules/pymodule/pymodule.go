// Package pymodule runs a playbook's own Ansible modules — files in a
// library/ directory, ANSIBLE_LIBRARY or a collection's plugins/modules —
// on the target as Ansible does: new-style Python modules packaged with
// the ansible.module_utils files they import (taken from the controller's
// ansible-core) in an AnsiballZ-like launcher, old-style modules with a
// key=value arguments file, WANT_JSON and binary modules with a JSON one.
// Unlike edxplay's built-in modules these need an interpreter (usually
// Python) on the target.
package pymodule

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules"
)

// Options are the run's settings a module's internal arguments carry.
type Options struct {
	// Verbosity is -v's count (_ansible_verbosity); below 3 the module's
	// invocation is left out of its result, as Ansible's callback hides it.
	Verbosity int
	// InterpreterPython is ansible.cfg's interpreter_python
	// (ANSIBLE_PYTHON_INTERPRETER): the target's Python when no
	// ansible_python_interpreter is set; "" or auto* discover it.
	InterpreterPython string
	// ModuleUtils (module_utils, ANSIBLE_MODULE_UTILS) are directories of
	// custom module_utils, searched before ansible-core's.
	ModuleUtils []string
	// CollectionsPaths (collections_path, ANSIBLE_COLLECTIONS_PATH) hold
	// ansible_collections/ trees that collection module_utils come from.
	CollectionsPaths []string
}

// Module is one module file of the playbook.
type Module struct {
	// Path is the module file on the controller.
	Path string
	// Name is the name the task used (_ansible_module_name), without the
	// ansible.legacy. prefix; a collection module's is its FQCN.
	Name string
	opts Options
}

// New returns the module in file path, used by tasks as name.
func New(path, name string, opts Options) *Module {
	return &Module{Path: path, Name: name, opts: opts}
}

// Spec accepts any argument: the module checks its own.
func (m *Module) Spec() modspec.Spec {
	return modspec.Spec{Name: m.Name, AnyArgs: true, FreeForm: true,
		Short: "a playbook's own module (" + m.Path + ")"}
}

// Run sends the module to the host, runs it and reads its JSON result.
func (m *Module) Run(ctx context.Context, call *modules.Call) (*modules.Result, error) {
	data, err := os.ReadFile(m.Path)
	if err != nil {
		return nil, fmt.Errorf("read module %s: %w", m.Path, err)
	}
	style, data := DetectStyle(data)
	args := moduleArgs(call, m.Name, m.opts.Verbosity, call.Host)
	var run *runResult
	switch style {
	case StylePowerShell:
		return nil, fmt.Errorf("module %s (%s) is a PowerShell module, which edxplay does not run", m.Name, m.Path)
	case StyleNewPython:
		run, err = m.runNewStyle(ctx, call, data, args)
	default:
		run, err = m.runFile(ctx, call, style, data, args)
	}
	if err != nil {
		return nil, err
	}
	out := run.result(m.opts.Verbosity)
	if call.Async && run.res.Stderr != "" && out.Data["module_stderr"] == nil {
		// async_wrapper keeps what a module printed to stderr
		out.Data["stderr"] = run.res.Stderr
	}
	return out, nil
}

// runNewStyle packages a new-style Python module and pipes the launcher
// into the target's Python.
func (m *Module) runNewStyle(ctx context.Context, call *modules.Call, data []byte, args map[string]any) (*runResult, error) {
	fqn := moduleFQN(m.Path, m.Name)
	p, err := buildPayload(ctx, m, data, fqn, m.moduleUtilsPaths(call.Host), m.collectionPaths(call.Host))
	if err != nil {
		return nil, fmt.Errorf("module %s: %w", m.Name, err)
	}
	args["_ansible_version"] = p.version
	args["_ansible_tmpdir"] = nil
	interp, iargs := shebang(data)
	if interp == "" {
		interp = "/usr/bin/python"
	}
	in, err := resolveInterpreter(ctx, call, interp, m.opts.InterpreterPython)
	if err != nil {
		return nil, err
	}
	params, err := encodeJSON(map[string]any{"ANSIBLE_MODULE_ARGS": args})
	if err != nil {
		return nil, fmt.Errorf("module %s: its arguments must be JSON serializable: %w", m.Name, err)
	}
	line := strings.Join(append([]string{in.path}, iargs...), " ")
	rlimit, err := rlimitNofile(call.Host)
	if err != nil {
		return nil, err
	}
	src := wrapperSource("#!"+line, moduleBase(m.Name), fqn, params, p.zip, rlimit)
	res, err := call.Conn.Run(ctx, connection.Command{Cmd: line, Stdin: []byte(src), Env: call.Env, Become: call.Become})
	if err != nil {
		return nil, err
	}
	return &runResult{res: res, interp: in}, nil
}

// moduleBase is the last part of a module name (a collection module's
// short name), for the payload's file names.
func moduleBase(name string) string {
	if i := strings.LastIndex(name, "."); i >= 0 {
		return name[i+1:]
	}
	return name
}

// moduleFQN is the name the module is imported as on the target:
// ansible_collections.NS.COL.plugins.modules.NAME for a collection's,
// else ansible.modules.NAME.
func moduleFQN(path, name string) string {
	dir := filepath.ToSlash(filepath.Dir(path))
	if i := strings.LastIndex(dir, "/ansible_collections/"); i >= 0 {
		rest := strings.Split(dir[i+1:], "/")
		if len(rest) == 5 && rest[3] == "plugins" && rest[4] == "modules" {
			return strings.Join(append(rest, strings.TrimSuffix(filepath.Base(path), ".py")), ".")
		}
	}
	return "ansible.modules." + moduleBase(name)
}

// moduleUtilsPaths are the directories of custom module_utils, searched
// before ansible-core's: module_utils/ beside the playbook and beside
// the module's library/ directory (its role's), then the configured ones.
func (m *Module) moduleUtilsPaths(host modules.HostContext) []string {
	var dirs []string
	path := m.Path
	if pd := varString(host, "playbook_dir"); pd != "" {
		dirs = append(dirs, filepath.Join(pd, "module_utils"))
	}
	if filepath.Base(filepath.Dir(path)) == "library" {
		dirs = append(dirs, filepath.Join(filepath.Dir(filepath.Dir(path)), "module_utils"))
	}
	return append(dirs, m.opts.ModuleUtils...)
}

// collectionPaths are the directories holding ansible_collections/ that
// collection module_utils are read from: the module's own collection
// root, collections/ beside the playbook, then the configured ones.
func (m *Module) collectionPaths(host modules.HostContext) []string {
	var dirs []string
	path := m.Path
	if i := strings.LastIndex(filepath.ToSlash(path), "/ansible_collections/"); i >= 0 {
		dirs = append(dirs, path[:i])
	}
	if pd := varString(host, "playbook_dir"); pd != "" {
		dirs = append(dirs, filepath.Join(pd, "collections"))
	}
	return append(dirs, m.opts.CollectionsPaths...)
}

// varString is a host variable's value as a string, "" when unset.
func varString(host modules.HostContext, name string) string {
	if host == nil {
		return ""
	}
	v, ok, err := host.Var(name)
	if err != nil || !ok || v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// ErrNoInterpreter marks a target that has no interpreter for the module.
var ErrNoInterpreter = errors.New("no interpreter for the module on the target")
