package engine

import (
	"fmt"
	"maps"
	"path/filepath"
	"strings"
	"sync"

	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/playbook"
)

// frame is the inherited context of a task: its role, enclosing blocks and
// the keywords they pass down.
type frame struct {
	role      *playbook.RoleRef
	blockVars []map[string]any
	// kw are the keywords inherited from the play, role entries, blocks and
	// include apply (vars aside: they are blockVars); see keywords.
	kw playbook.Keywords
	// kwMemo holds keywords(t) per task for this kw (shared by the copies
	// of the frame, which may run on many hosts at once). kw and kwMemo
	// are set together, by setKeywords only.
	kwMemo *sync.Map
	// dir is the directory relative include_tasks paths resolve against.
	dir string
	// extra holds include/loop variables (include_tasks vars, loop item) passed to included tasks.
	extra []map[string]any
	// rest are the tasks after the current one in its list (probe prefetch).
	rest []*playbook.Task
	// section is the block section the tasks run in (nil at the top level).
	section *blockSection
}

// parentRoleVars are the include parameters Ansible's IncludeRole gives a
// role imported or included from within role f.role:
// ansible_parent_role_names and ansible_parent_role_paths, the including
// role first, then the includers of that role.
func parentRoleVars(f frame) map[string]any {
	names, paths := []any{f.role.Role.Name}, []any{f.role.Role.Path}
	for i := len(f.extra) - 1; i >= 0; i-- {
		n, okN := f.extra[i]["ansible_parent_role_names"].([]any)
		p, okP := f.extra[i]["ansible_parent_role_paths"].([]any)
		if okN && okP {
			names, paths = append(names, n...), append(paths, p...)
			break
		}
	}
	return map[string]any{"ansible_parent_role_names": names, "ansible_parent_role_paths": paths}
}

// child returns the frame for the tasks inside t (a block, import or include).
func (f frame) child(t *playbook.Task) frame {
	c := f
	if t.Role != nil && t.Role != f.role {
		c = roleFrame(f, t.Role)
		if t.Role.Parent == nil && f.role != nil && f.role.Role != nil {
			c.extra = append(append([]map[string]any{}, f.extra...), parentRoleVars(f))
		}
	}
	c.blockVars = append(append([]map[string]any{}, c.blockVars...), t.Vars)
	if t.IncludeParams != nil {
		c.extra = append(append([]map[string]any{}, c.extra...), t.IncludeParams)
	}
	c.setKeywords(c.keywords(t))
	return c
}

// withVars returns the frame a task's own vars run in: what
// f.child(&playbook.Task{Keywords: playbook.Keywords{Vars: vars}}) gives
// (vars as the innermost layer, every other keyword as f's), but keeping
// f's keyword memo, which stays right because a task's keywords never
// depend on the frame's own Vars. It runs for every task on every host.
func (f frame) withVars(vars map[string]any) frame {
	c := f
	c.blockVars = append(append(make([]map[string]any, 0, len(f.blockVars)+1), f.blockVars...), vars)
	c.kw.Vars = vars
	return c
}

// playRoles returns every role of the play, dependencies first.
func playRoles(p *playbook.Play) []*playbook.RoleRef {
	var out []*playbook.RoleRef
	var walk func(refs []*playbook.RoleRef)
	walk = func(refs []*playbook.RoleRef) {
		for _, r := range refs {
			if r.Role != nil {
				walk(r.Role.Deps)
			}
			out = append(out, r)
		}
	}
	walk(p.Roles)
	walk(p.ImportedRoles)
	return out
}

// varLayer is one source of variables, named for `edxplay vars`.
type varLayer struct {
	name string
	vars map[string]any
}

// hostVars builds the raw (untemplated) variables of host for a task in
// Ansible's precedence order, lowest first; magic variables are added last.
// It returns the layers too (see fromYAML).
func (pr *playRun) hostVars(h *hostState, f *frame, taskVars map[string]any) (map[string]any, []varLayer) {
	v := map[string]any{}
	layers := pr.varLayers(h, f, taskVars)
	for _, l := range layers {
		if pr.run.opts.MergeVars {
			mergeHash(v, l.vars)
		} else {
			maps.Copy(v, l.vars)
		}
	}
	pr.addMagic(v, h, f)
	return v, layers
}

// varLayers lists the variable sources of a host and task, lowest
// precedence first, as Ansible's VariableManager orders them.
func (pr *playRun) varLayers(h *hostState, f *frame, taskVars map[string]any) []varLayer {
	var out []varLayer
	add := func(name string, vars map[string]any) {
		if len(vars) > 0 {
			out = append(out, varLayer{name, vars})
		}
	}
	roles := pr.roleList()
	for _, r := range roles {
		add("role defaults ("+r.Role.Name+")", r.Role.Defaults)
	}
	if f != nil && f.role != nil && f.role.Role != nil {
		for _, dep := range roleChain(f.role) {
			add("role defaults ("+dep.Role.Name+")", dep.Role.Defaults)
		}
	}
	for _, layer := range pr.run.hostLayers(h.name) {
		add("inventory: "+layer.Name, layer.Vars)
	}
	add("facts", h.facts)
	add("play vars", pr.play.Vars)
	add("vars_files", pr.varsFiles)
	for _, r := range roles {
		add("role vars ("+r.Role.Name+")", r.Role.Vars)
		add("role vars ("+r.Role.Name+")", r.Vars)
	}
	if f != nil {
		out = append(out, pr.frameLayers(f)...)
	}
	add("task vars", taskVars)
	add("include_vars", h.includeVars)
	add("set_fact/register", h.setFacts)
	if f != nil && f.role != nil {
		for _, r := range append(roleAncestors(f.role), f.role) {
			add("role params ("+r.Name+")", r.Params)
		}
	}
	for i, ev := range pr.run.opts.ExtraVars {
		add(fmt.Sprintf("extra vars #%d", i+1), ev)
	}
	if f != nil {
		for _, x := range f.extra {
			add("loop/include vars", x)
		}
	}
	return out
}

// frameLayers are the task role's vars and the enclosing blocks' vars.
func (pr *playRun) frameLayers(f *frame) []varLayer {
	var out []varLayer
	if f.role != nil && f.role.Role != nil {
		out = append(out, taskRoleVars(f.role)...)
	}
	for _, bv := range f.blockVars {
		if len(bv) > 0 {
			out = append(out, varLayer{"block vars", bv})
		}
	}
	return out
}

// taskRoleVars are the role vars of a task in role ref, as Role.get_vars
// orders them: the vars of the roles it is a dependency of (outermost
// first), then those of its own dependencies, then its own; each role's
// vars: keyword before its vars/main.yml.
func taskRoleVars(ref *playbook.RoleRef) []varLayer {
	var out []varLayer
	add := func(r *playbook.RoleRef) {
		if r.Role == nil {
			return
		}
		out = append(out, varLayer{"role vars (" + r.Role.Name + ")", r.Vars},
			varLayer{"role vars (" + r.Role.Name + ")", r.Role.Vars})
	}
	for _, p := range roleAncestors(ref) {
		add(p)
	}
	for _, d := range roleChain(ref) {
		add(d) // the dependencies, then ref itself
	}
	return out
}

// roleAncestors are the roles ref is a (meta) dependency of, outermost
// first (the task's dep chain).
func roleAncestors(ref *playbook.RoleRef) []*playbook.RoleRef {
	var out []*playbook.RoleRef
	for p := ref.Parent; p != nil && len(out) < 50; p = p.Parent {
		out = append([]*playbook.RoleRef{p}, out...)
	}
	return out
}

// addMagic sets Ansible's magic variables.
func (pr *playRun) addMagic(v map[string]any, h *hostState, f *frame) {
	v["inventory_hostname"] = h.name
	v["inventory_hostname_short"] = strings.SplitN(h.name, ".", 2)[0]
	v["group_names"] = pr.run.groupNames(h.name)
	v["groups"] = pr.run.groupsValue()
	v["hostvars"] = &hostvarsLazy{pr: pr}
	active, all := pr.magicHostLists()
	v["play_hosts"] = active
	v["ansible_play_hosts"] = active
	v["ansible_play_hosts_all"] = all
	v["ansible_play_batch"] = active
	v["ansible_check_mode"] = pr.run.opts.Check
	v["ansible_diff_mode"] = pr.run.opts.Diff
	v["ansible_verbosity"] = pr.run.opts.Verbosity
	v["ansible_play_name"] = pr.play.Name
	v["playbook_dir"] = pr.run.pb.Dir
	v["inventory_dir"] = pr.run.invDir
	v["omit"] = omitToken
	pr.addRoleNames(v)
	v["ansible_version"] = map[string]any{"full": "2.14.18", "major": 2, "minor": 14, "revision": 18, "string": "2.14.18"}
	if f != nil && f.role != nil && f.role.Role != nil {
		v["role_path"] = f.role.Role.Path
		v["role_name"] = f.role.Role.Name
		v["ansible_role_name"] = f.role.Role.Name
	}
	// ansible_facts is always defined, as in Ansible: {} before facts are
	// gathered (gather_facts: false, gathering = explicit).
	if facts := h.facts["ansible_facts"]; facts != nil {
		v["ansible_facts"] = facts
	} else {
		v["ansible_facts"] = map[string]any{}
	}
	// vars is Ansible's magic variable holding every variable of the task.
	v["vars"] = maps.Clone(v)
	if f != nil {
		addConnectionMagic(v, h.name)
	}
}

// addConnectionMagic adds the address variables PlayContext.update_vars
// sets for a task when they are unset (not in `vars`, not in hostvars):
// ansible_host and ansible_ssh_host, the host's address (one of them, or
// the inventory name).
func addConnectionMagic(v map[string]any, host string) {
	addr, ok := v["ansible_host"]
	if !ok {
		addr, ok = v["ansible_ssh_host"]
	}
	if !ok {
		addr = host
	}
	for _, k := range []string{"ansible_ssh_host", "ansible_host"} {
		if _, set := v[k]; !set {
			v[k] = addr
		}
	}
}

// magicLists are the play's host lists as template values, built once per
// change of the active hosts and shared (read-only) by every host's scope:
// building them per host per task made a run's work grow with the square
// of its host count.
type magicLists struct {
	gen    int
	active []any
	all    []any
}

// magicHostLists returns the active hosts of the batch (play_hosts,
// ansible_play_batch) and every host of the play (ansible_play_hosts_all).
func (pr *playRun) magicHostLists() (active, all []any) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	m := &pr.magic
	if m.all == nil {
		m.all = toAnyList(pr.allHosts)
	}
	if m.active == nil || m.gen != pr.activeGen {
		m.active = make([]any, 0, len(pr.hosts))
		for _, h := range pr.hosts {
			if pr.active[h] {
				m.active = append(m.active, h)
			}
		}
		m.gen = pr.activeGen
	}
	return m.active, m.all
}

func inventoryDir(sources []string) string {
	if len(sources) == 0 {
		return ""
	}
	abs, err := filepath.Abs(sources[0])
	if err != nil {
		return ""
	}
	return filepath.Dir(abs)
}

func toAnyList(s []string) []any {
	out := make([]any, len(s))
	for i, x := range s {
		out[i] = x
	}
	return out
}

// roleList returns the roles whose defaults and vars are visible play-wide.
func (pr *playRun) roleList() []*playbook.RoleRef {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	return pr.roles
}

// addPublicRole makes an included role's defaults and vars visible to the
// rest of the play (include_role with public: true).
func (pr *playRun) addPublicRole(ref *playbook.RoleRef) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	pr.roles = append(append([]*playbook.RoleRef{}, pr.roles...), ref)
	pr.publicRoles = append(pr.publicRoles, ref)
	pr.roleNames = roleNames{}
}

// roleChain returns a role's dependencies (recursively, deepest first)
// followed by the role itself: the roles whose defaults its tasks see.
func roleChain(ref *playbook.RoleRef) []*playbook.RoleRef {
	var out []*playbook.RoleRef
	var walk func(r *playbook.RoleRef, depth int)
	walk = func(r *playbook.RoleRef, depth int) {
		if r.Role == nil || depth > 50 {
			return
		}
		for _, d := range r.Role.Deps {
			walk(d, depth+1)
		}
		out = append(out, r)
	}
	walk(ref, 0)
	return out
}

// mergeHash is Ansible's merge_hash(dst, src) for hash_behaviour=merge,
// into dst: a key that holds a mapping on both sides is merged
// recursively (into a new map: src's maps are never changed); any other
// value of src, lists included, replaces dst's.
func mergeHash(dst, src map[string]any) {
	for k, sv := range src {
		dst[k] = mergeValue(dst[k], sv)
	}
}

// mergeValue merges src into dst when both are dicts (dst's keys first,
// then src's new ones, as merge_hash's dict.update), and otherwise returns
// src.
func mergeValue(dst, src any) any {
	dm, dok := odict.AsMap(dst)
	sm, sok := odict.AsMap(src)
	if !dok || !sok {
		return src
	}
	merged := dm.Clone()
	for k, sv := range sm.All() {
		dv, _ := merged.Get(k)
		merged.Set(k, mergeValue(dv, sv))
	}
	return merged
}
