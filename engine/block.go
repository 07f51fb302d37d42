package engine

import (
	"context"
	"errors"
	"fmt"
	"maps"

	"github.com/edxplay/edxplay/internal/playbook"
)

// roleHosts are the hosts that run a role's block: a role pulled in as a
// dependency (of a play role, import_role or include_role) that already
// ran on a host with the same parameters is not run there again, unless
// it allows duplicates; a role named by the play or imported or included
// itself always runs (runRoles dedupes the play's roles).
func (pr *playRun) roleHosts(ref *playbook.RoleRef, hosts []string) []string {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	dedupe := ref.Parent != nil && ref.Role != nil && !ref.Role.AllowDuplicates
	var out []string
	for _, h := range hosts {
		ran := pr.rolesRan[h]
		if ran == nil {
			ran = map[string]bool{}
			pr.rolesRan[h] = ran
		}
		if dedupe && ran[ref.Key] {
			continue
		}
		ran[ref.Key] = true
		out = append(out, h)
	}
	return out
}

// runBlock runs a block, its rescue section on the hosts that failed in
// it, and its always section on every host that entered it.
func (pr *playRun) runBlock(ctx context.Context, t *playbook.Task, f frame, hosts []string) error {
	if t.Role != nil && t.Role != f.role {
		// Entering the role (not a block inside it, which carries its role too).
		if hosts = pr.roleHosts(t.Role, hosts); len(hosts) == 0 {
			return nil
		}
	}
	bf := f.child(t)
	in := func(kind sectionKind) frame {
		sf := bf
		sf.section = &blockSection{parent: f.section, block: t, kind: kind, rest: f.rest}
		return sf
	}
	if err := pr.runTasks(ctx, t.Block, in(sectionBody), hosts); err != nil {
		return err
	}
	failed := pr.failedAmong(hosts)
	if len(t.Rescue) > 0 && len(failed) > 0 && !pr.isEnded() {
		for _, name := range failed {
			pr.rescue(pr.run.host(name))
		}
		err := pr.inFailedSection(failed, func() error { return pr.runTasks(ctx, t.Rescue, in(sectionRescue), failed) })
		if err != nil {
			return err
		}
	}
	if len(t.Always) == 0 || pr.isEnded() {
		return nil
	}
	stillFailed := pr.failedAmong(hosts)
	for _, name := range stillFailed {
		pr.resume(name)
	}
	err := pr.inFailedSection(stillFailed, func() error { return pr.runTasks(ctx, t.Always, in(sectionAlways), hosts) })
	for _, name := range stillFailed {
		if h := pr.run.host(name); h.failed {
			pr.deactivate(name)
		}
	}
	return err
}

// inFailedSection runs a rescue or always section in which hosts are
// there because they failed: ending them there (end_host, end_play) leaves
// them failed.
func (pr *playRun) inFailedSection(hosts []string, run func() error) error {
	pr.mu.Lock()
	for _, h := range hosts {
		pr.failDepth[h]++
	}
	pr.mu.Unlock()
	err := run()
	pr.mu.Lock()
	for _, h := range hosts {
		pr.failDepth[h]--
	}
	pr.mu.Unlock()
	return err
}

// pendingFailure reports whether the host runs a rescue or always section
// because it failed.
func (pr *playRun) pendingFailure(name string) bool {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	return pr.failDepth[name] > 0
}

// failedAmong returns the hosts that failed (not unreachable) in this play.
func (pr *playRun) failedAmong(hosts []string) []string {
	var out []string
	for _, name := range hosts {
		h := pr.run.host(name)
		h.mu.Lock()
		f := h.failed && !h.unreachable
		h.mu.Unlock()
		if f && !pr.isEndedHost(name) {
			out = append(out, name)
		}
	}
	return out
}

// rescue clears a host's failure so its rescue section runs, exposing
// ansible_failed_task and ansible_failed_result. The failure was counted
// as rescued when it happened.
func (pr *playRun) rescue(h *hostState) {
	h.mu.Lock()
	h.failed = false
	h.setFacts["ansible_failed_task"] = h.failedTask
	h.setFacts["ansible_failed_result"] = h.failedResult
	h.mu.Unlock()
	pr.resume(h.name)
}

// resume makes a failed host run a rescue or always section.
func (pr *playRun) resume(name string) {
	pr.setWaiting(name, false)
	pr.setActive(name, true)
}

func (pr *playRun) setActive(name string, on bool) {
	pr.mu.Lock()
	pr.markActive(name, on)
	pr.mu.Unlock()
}

// markActive is the one write to active: it also invalidates the host
// lists cached from it (activeGen). pr.mu must be held.
func (pr *playRun) markActive(name string, on bool) {
	pr.active[name] = on
	pr.activeGen++
}

// runInclude runs include_tasks / include_role: each host evaluates the
// include (file, loop items); hosts with the same include run it together.
func (pr *playRun) runInclude(ctx context.Context, t *playbook.Task, f frame, hosts []string) error {
	if !pr.shouldRun(t, f) {
		return nil
	}
	if isTrue(f.keywords(t).RunOnce) && len(hosts) > 1 {
		hosts = hosts[:1] // the include, and so what it includes, runs on the first host only
	}
	pr.run.Reporter.TaskStart(pr.shownTitle(t, f, hosts), false)
	groups, err := pr.includeGroups(t, f, hosts)
	if err != nil {
		return err
	}
	for _, g := range groups {
		if err := pr.runIncludeGroup(ctx, t, f, g); err != nil {
			return err
		}
	}
	return nil
}

// includeGroup is one resolved include shared by hosts.
type includeGroup struct {
	file  string
	vars  map[string]any
	hosts []string
	key   string
}

// runIncludeGroup loads and runs one include for its hosts.
func (pr *playRun) runIncludeGroup(ctx context.Context, t *playbook.Task, f frame, g *includeGroup) error {
	ctx, err := enterInclude(ctx, t, g.file)
	if err != nil {
		return err
	}
	// A dynamic include's keywords apply to the include only (Ansible
	// skips a not statically loaded parent); its vars and `apply` keywords
	// pass down to the included tasks.
	cf := f.child(&playbook.Task{Keywords: playbook.Keywords{Vars: t.Vars}})
	if t.Apply != nil {
		cf = cf.child(&playbook.Task{Keywords: *t.Apply})
	}
	cf.extra = append(append([]map[string]any{}, f.extra...), g.vars)
	// The included tasks run in a block of their own, as in ansible-core.
	cf.section = &blockSection{parent: f.section, block: &playbook.Task{}, kind: sectionBody, rest: f.rest}
	if t.Action == "include_role" {
		args, err := pr.includeRoleArgs(t, g, f)
		if err != nil {
			return fmt.Errorf("%s: %w", t.Pos, err)
		}
		ref, err := pr.run.Loader.IncludeRole(t, args, pr.play)
		if err != nil {
			return fmt.Errorf("%s: %w", t.Pos, err)
		}
		if len(t.Vars) > 0 {
			// include_role's vars are role parameters (above set_fact).
			params := map[string]any{}
			maps.Copy(params, ref.Params)
			maps.Copy(params, t.Vars)
			ref.Params = params
		}
		pr.addRoleHandlers(ref, roleFrame(cf, ref))
		if ref.Public {
			pr.addPublicRole(ref)
		}
		return pr.runTasks(ctx, playbook.RoleBlocks(ref), cf, g.hosts)
	}
	tasks, err := pr.run.Loader.IncludeTasks(t, g.file, pr.play)
	if errors.Is(err, playbook.ErrTaskFileNotFound) {
		// As in Ansible, a missing included file fails the hosts that include it.
		return pr.failInclude(t, f, g.hosts, err)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", t.Pos, err)
	}
	pr.run.Reporter.Included(g.file, g.hosts)
	pr.countIncluded(g.hosts)
	return pr.runTasks(ctx, tasks, cf, g.hosts)
}

// addRoleHandlers makes an included role's handlers notifiable.
func (pr *playRun) addRoleHandlers(ref *playbook.RoleRef, rf frame) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	for _, hr := range pr.handlers {
		if hr.frame.role == ref {
			return
		}
	}
	for _, t := range ref.Role.Handlers {
		pr.handlers = append(pr.handlers, handlerRef{task: t, frame: rf})
	}
}

// countIncluded counts an include as ok on each host, as Ansible does.
func (pr *playRun) countIncluded(hosts []string) {
	for _, name := range hosts {
		h := pr.run.host(name)
		h.mu.Lock()
		h.stats.OK++
		h.mu.Unlock()
	}
}

// hostsWhere returns the hosts on which the task's conditions hold (for
// meta tasks, whose when decides which hosts the action applies to).
func (pr *playRun) hostsWhere(t *playbook.Task, f frame, hosts []string) ([]string, error) {
	conds := append(append([]string{}, f.kw.When...), t.When...)
	if len(conds) == 0 {
		return hosts, nil
	}
	var out []string
	for _, name := range hosts {
		hc := pr.newHostCtx(pr.run.host(name), &f, t, nil)
		ok, err := hc.conditions(conds)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.Pos, err)
		}
		if ok {
			out = append(out, name)
		}
	}
	return out, nil
}
