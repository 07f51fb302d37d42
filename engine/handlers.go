package engine

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/edxplay/edxplay/internal/playbook"
)

// handlerRef is a handler with the frame it runs in.
type handlerRef struct {
	task  *playbook.Task
	frame frame
}

// collectHandlers gathers the play's handlers in Ansible's order: roles'
// handlers (dependencies first), then the play's own.
func (pr *playRun) collectHandlers() {
	base := pr.baseFrame()
	for _, t := range pr.play.AllHandlers() {
		pr.addHandler(t, base, base)
	}
}

// addHandler adds a handler; the tasks of a block in the handlers (an
// import_tasks there, or a block) are handlers each, inheriting the
// block's keywords and vars.
func (pr *playRun) addHandler(t *playbook.Task, base, f frame) {
	if t.IsBlock() && len(t.Rescue) == 0 && len(t.Always) == 0 {
		bf := f.child(t)
		for _, c := range t.Block {
			pr.addHandler(c, base, bf)
		}
		return
	}
	if t.Role != nil && t.Role != f.role {
		f = roleFrame(base, t.Role)
	}
	pr.handlers = append(pr.handlers, handlerRef{task: t, frame: f})
}

// notify marks the handlers named (or listening to) names for host; hc,
// the notifying task's context, renders templated handler names.
func (pr *playRun) notify(host string, names []string, hc *hostCtx) error {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	for _, name := range names {
		found := pr.notifiedBy(name, hc)
		for _, i := range found {
			if pr.notified[host] == nil {
				pr.notified[host] = map[int]bool{}
			}
			pr.notified[host][i] = true
		}
		if len(found) == 0 && pr.run.opts.IgnoreMissingHandler {
			pr.run.Reporter.Warning(fmt.Sprintf("The requested handler '%s' was not found in either the main handlers list "+
				"nor in the listening handlers list", name))
		} else if len(found) == 0 {
			return fmt.Errorf("The requested handler '%s' was not found in either the main handlers list nor in the listening handlers list", name)
		}
	}
	return nil
}

// notifyTargets are the handler names a changed task notifies: for a loop,
// those of every item that ran, each templated with its item's variables
// (as ansible-core does, unchanged items included); else the task's notify
// list templated once.
func notifyTargets(t *playbook.Task, notify []string, hc *hostCtx, o *outcome) []string {
	if t.Loop != nil {
		return o.notify
	}
	return notifyNames(notify, hc)
}

// notifiedBy returns the handlers a notification runs, as ansible-core's
// search_handlers_by_notification: the first handler of that name (the
// others of the same name do not run), then every handler listening to it
// (recorded with ansible-playbook 2.14: engine case 50).
func (pr *playRun) notifiedBy(name string, hc *hostCtx) []int {
	var out []int
	if i, ok := pr.handlerByName(name, hc); ok {
		out = append(out, i)
	}
	for i, hr := range pr.handlers {
		if slices.Contains(hr.task.Listen, name) && !slices.Contains(out, i) {
			out = append(out, i)
		}
	}
	return out
}

// handlerByName finds the handler a name notifies: ansible-core searches
// the play's handler blocks last loaded first (a role's, included later,
// before the play's own), each block in order, and takes the first match.
func (pr *playRun) handlerByName(name string, hc *hostCtx) (int, bool) {
	var groups [][]int
	at := map[*playbook.RoleRef]int{}
	for i, hr := range pr.handlers {
		g, ok := at[hr.frame.role]
		if !ok {
			g = len(groups)
			at[hr.frame.role] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	for g := len(groups) - 1; g >= 0; g-- {
		for _, i := range groups[g] {
			if handlerNamed(pr.handlers[i], name, hc) {
				return i, true
			}
		}
	}
	return 0, false
}

// handlerNamed reports whether a handler's name (or role : name) is name;
// a templated name is rendered first, as ansible-core does (one it cannot
// render matches nothing).
func handlerNamed(hr handlerRef, name string, hc *hostCtx) bool {
	n := hr.task.Name
	if strings.Contains(n, "{{") && hc != nil {
		v, err := hc.Template(n)
		if err != nil {
			return false
		}
		n = fmt.Sprint(v)
	}
	if n == "" {
		return false
	}
	return n == name || hr.frame.role != nil && hr.frame.role.Role != nil && hr.frame.role.Role.Name+" : "+n == name
}

// startSection notes the hosts that start a section of the play.
func (pr *playRun) startSection() error {
	pr.sectionHosts = pr.activeHosts()
	return nil
}

// endSection runs the handlers at the end of a section. With
// force_handlers (play keyword or --force-handlers) they also run on the
// hosts that failed in the section, as ansible-core runs the flush in an
// always section around it; with any_errors_fatal that flush on a failed
// host is fatal, so no handler runs at all.
func (pr *playRun) endSection(ctx context.Context) error {
	if pr.isEnded() || !pr.forceHandlers() {
		return pr.flushHandlers(ctx)
	}
	failed := pr.failedAmong(pr.sectionHosts)
	if len(failed) > 0 && pr.playAnyErrorsFatal() {
		pr.fatalCheck(func(string) bool { return false })
		return nil
	}
	for _, name := range failed {
		pr.resume(name)
	}
	err := pr.flushHandlers(ctx)
	for _, name := range failed {
		pr.deactivate(name)
	}
	return err
}

// flushHandlers runs notified handlers in definition order, each on the
// hosts that notified it, then clears the notifications.
func (pr *playRun) flushHandlers(ctx context.Context) error {
	for i, hr := range pr.handlers {
		var hosts []string
		pr.mu.Lock()
		for _, h := range pr.hosts {
			if pr.notified[h][i] && pr.active[h] {
				hosts = append(hosts, h)
				delete(pr.notified[h], i)
			}
		}
		pr.mu.Unlock()
		if len(hosts) == 0 {
			continue
		}
		if err := pr.runHandler(ctx, hr, hosts); err != nil {
			return err
		}
	}
	return nil
}

// runHandler runs one notified handler: a module task, or an include
// (include_tasks/include_role as a handler) whose tasks run in its place.
func (pr *playRun) runHandler(ctx context.Context, hr handlerRef, hosts []string) error {
	if hr.task.Action == "include_tasks" || hr.task.Action == "include_role" {
		return pr.runInclude(ctx, hr.task, hr.frame, hosts)
	}
	return pr.runTaskGroup(ctx, hr.task, hr.frame, hosts, true)
}

// forceHandlers is the play's force_handlers, else --force-handlers: a
// play that sets it false overrides the command line, as in Ansible.
func (pr *playRun) forceHandlers() bool {
	if p := pr.play.ForceHandlers; p != nil {
		return *p
	}
	return pr.run.opts.ForceHandlers
}
