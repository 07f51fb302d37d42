package playbook

import "github.com/edxplay/edxplay/modules"

// RegistrySpecs serves module specs from the modules registry. Load uses it
// when Options.Modules is nil.
type RegistrySpecs struct{}

// Spec returns the spec of a registered module.
func (RegistrySpecs) Spec(name string) (modules.Spec, bool) {
	m, ok := modules.Lookup(name)
	if !ok {
		return modules.Spec{}, false
	}
	return m.Spec(), true
}

// AllHandlers returns the handlers a play can notify, in Ansible's order:
// those of its roles (dependencies first), of roles imported with
// import_role, then the play's own handlers. Role handlers carry their Role.
func (p *Play) AllHandlers() []*Task {
	var out []*Task
	seen := map[*RoleRef]bool{}
	var add func(ref *RoleRef)
	add = func(ref *RoleRef) {
		if seen[ref] {
			return
		}
		seen[ref] = true
		for _, dep := range ref.Role.Deps {
			add(dep)
		}
		out = append(out, ref.Role.Handlers...)
	}
	for _, ref := range p.Roles {
		add(ref)
	}
	for _, ref := range p.ImportedRoles {
		add(ref)
	}
	return append(out, p.Handlers...)
}
