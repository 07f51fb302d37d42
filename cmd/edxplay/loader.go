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

func newTaskLoader(playbookDir string, vault playbook.Decrypter) *taskLoader {
	return &taskLoader{opts: playbook.Options{Modules: modules.Specs{}, RolesPaths: rolesPaths(playbookDir), Vault: vault}}
}

// ReadVars reads a vars file (vars_files, include_vars) with the vault.
func (l *taskLoader) ReadVars(path string) (map[string]any, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return playbook.DecodeVarsWith(path, data, l.opts.Vault)
}

// rolesPaths are the role directories searched after roles/ beside the
// playbook: ANSIBLE_ROLES_PATH (else ansible.cfg's roles_path), then the
// built-in roles.
func rolesPaths(playbookDir string) []string {
	out := splitPathList(envOr("ANSIBLE_ROLES_PATH", ""))
	if len(out) == 0 {
		out = configRolesPath()
	}
	if dir, err := builtinDir(); err == nil {
		out = append(out, dir+"/playbooks/roles")
	}
	return out
}

func (l *taskLoader) loadPlaybook(path string) (*playbook.Playbook, error) {
	return playbook.Load(path, l.opts)
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
