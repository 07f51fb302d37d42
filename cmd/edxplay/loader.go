package main

import (
	"os"

	"github.com/edxplay/edxplay/internal/jinja"
	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/modules"
)

// taskLoader loads playbooks and run-time includes with the module
// registry and the roles search path; it is the engine's Loader.
type taskLoader struct {
	opts playbook.Options
}

// newTaskLoader searches roles in roles/ beside the playbook, then in
// rolesPath (roles_path of ansible.cfg or ANSIBLE_ROLES_PATH), then among
// the built-in roles.
func newTaskLoader(rolesPath []string, vault playbook.Decrypter) *taskLoader {
	paths := append([]string(nil), rolesPath...)
	if dir, err := builtinDir(); err == nil {
		paths = append(paths, dir+"/playbooks/roles")
	}
	return &taskLoader{opts: playbook.Options{Modules: modules.Specs{}, RolesPaths: paths, Vault: vault}}
}

// ReadVars reads a vars file (vars_files, include_vars) with the vault.
func (l *taskLoader) ReadVars(path string) (map[string]any, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return playbook.DecodeVarsWith(path, data, l.opts.Vault)
}

func (l *taskLoader) loadPlaybook(path string) (*playbook.Playbook, error) {
	return playbook.Load(path, l.opts)
}

// loadPlaybookData loads the playbook at path, or data as path when data
// is not nil.
func (l *taskLoader) loadPlaybookData(path string, data []byte) (*playbook.Playbook, error) {
	if data == nil {
		return l.loadPlaybook(path)
	}
	return playbook.LoadData(path, data, l.opts)
}

// IncludeTasks loads an include_tasks file at run time.
func (l *taskLoader) IncludeTasks(t *playbook.Task, file string, play *playbook.Play) ([]*playbook.Task, error) {
	return playbook.IncludeTasks(t, file, play, l.opts)
}

// IncludeRole loads an include_role role at run time.
func (l *taskLoader) IncludeRole(t *playbook.Task, args map[string]any, play *playbook.Play) (*playbook.RoleRef, error) {
	return playbook.IncludeRole(t, args, play, l.opts)
}

// loadTemplater renders what the loader and the listings template before
// any host is known (play role names, tags) with the jinja engine.
type loadTemplater struct{ e *jinja.Engine }

// Template renders s with raw vars.
func (r loadTemplater) Template(s string, vars map[string]any) (any, error) {
	return r.e.Template(s, r.e.NewScope(vars))
}

// mergedExtraVars flattens the -e sources, later ones winning.
func mergedExtraVars(sets []map[string]any) map[string]any {
	out := map[string]any{}
	for _, m := range sets {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}
