package playbook

import "slices"

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

// checkNotify reports a task of the play's own task lists that notifies a
// handler the play does not have, as Ansible does when the task runs
// ("The requested handler ... was not found"). It checks nothing when the
// play may gain handlers at run time (include_tasks or include_role
// anywhere in the play, or a templated handler name or notify).
func checkNotify(p *Play) error {
	handlers := p.AllHandlers()
	names := map[string]bool{}
	for _, h := range handlers {
		if isTemplated(h.Name) {
			return nil
		}
		names[h.Name] = true
		if h.Role != nil && h.Role.Role != nil {
			names[h.Role.Role.Name+" : "+h.Name] = true
		}
		for _, l := range h.Listen {
			names[l] = true
		}
	}
	lists := [][]*Task{p.PreTasks, p.Tasks, p.PostTasks, handlers}
	if slices.ContainsFunc(lists, hasDynamicInclude) {
		return nil
	}
	for _, tasks := range lists[:3] {
		if err := checkNotifyIn(tasks, names); err != nil {
			return err
		}
	}
	return nil
}

// hasDynamicInclude reports whether tasks (or blocks within) hold an
// include_tasks or include_role.
func hasDynamicInclude(tasks []*Task) bool {
	return slices.ContainsFunc(tasks, func(t *Task) bool {
		return t.Action == "include_tasks" || t.Action == "include_role" || t.Action == "include" ||
			hasDynamicInclude(t.Block) || hasDynamicInclude(t.Rescue) || hasDynamicInclude(t.Always)
	})
}

// checkNotifyIn checks the notify: of tasks and the blocks within.
func checkNotifyIn(tasks []*Task, names map[string]bool) error {
	for _, t := range tasks {
		for _, n := range t.Notify {
			if !isTemplated(n) && !names[n] {
				return errorf(t.Pos, "the requested handler '%s' was not found in either the main handlers list "+
					"nor in the listening handlers list", n)
			}
		}
		for _, sub := range [][]*Task{t.Block, t.Rescue, t.Always} {
			if err := checkNotifyIn(sub, names); err != nil {
				return err
			}
		}
	}
	return nil
}
