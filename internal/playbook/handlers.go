package playbook

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
