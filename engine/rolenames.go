package engine

import (
	"sort"

	"github.com/edxplay/edxplay/internal/playbook"
)

// roleNames are the play's role-name magic variables, built once per
// change of the play's roles and shared (read-only) by every scope.
type roleNames struct {
	built                 bool
	play, dependent, both []any
}

// playDirectRoles are the roles Ansible lists in play.roles: the `roles:`
// section, then imported roles, then roles included with public: true.
func (pr *playRun) playDirectRoles() []*playbook.RoleRef {
	out := append(append([]*playbook.RoleRef{}, pr.play.Roles...), pr.play.ImportedRoles...)
	return append(out, pr.publicRoles...)
}

// addRoleNames sets role_names, ansible_play_role_names,
// ansible_dependent_role_names and ansible_role_names as Ansible's
// VariableManager does: the play's direct roles in order (duplicates
// kept), the names of all their dependencies, and the union of both (the
// last two are Python sets in Ansible, whose order is arbitrary; here
// sorted).
func (pr *playRun) addRoleNames(v map[string]any) {
	pr.mu.Lock()
	if !pr.roleNames.built {
		pr.roleNames = buildRoleNames(pr.playDirectRoles())
	}
	n := pr.roleNames
	pr.mu.Unlock()
	v["role_names"] = n.play
	v["ansible_play_role_names"] = n.play
	v["ansible_dependent_role_names"] = n.dependent
	v["ansible_role_names"] = n.both
}

func buildRoleNames(direct []*playbook.RoleRef) roleNames {
	var play []any
	deps, both := map[string]bool{}, map[string]bool{}
	for _, r := range direct {
		if r.Role == nil {
			continue
		}
		play = append(play, r.Role.Name)
		both[r.Role.Name] = true
		for _, d := range roleChain(r) {
			if d != r && d.Role != nil {
				deps[d.Role.Name], both[d.Role.Name] = true, true
			}
		}
	}
	if play == nil {
		play = []any{}
	}
	return roleNames{built: true, play: play, dependent: sortedNames(deps), both: sortedNames(both)}
}

func sortedNames(set map[string]bool) []any {
	names := make([]string, 0, len(set))
	for n := range set {
		names = append(names, n)
	}
	sort.Strings(names)
	return toAnyList(names)
}
