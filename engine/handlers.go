package engine

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
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
		f := base
		if t.Role != nil {
			f = roleFrame(base, t.Role)
		}
		pr.handlers = append(pr.handlers, handlerRef{task: t, frame: f})
	}
}

// notify marks the handlers named (or listening to) names for host.
func (pr *playRun) notify(host string, names []string) error {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	for _, name := range names {
		found := false
		for i, hr := range pr.handlers {
			if handlerMatches(hr, name) {
				if pr.notified[host] == nil {
					pr.notified[host] = map[int]bool{}
				}
				pr.notified[host][i] = true
				found = true
			}
		}
		if !found {
			return fmt.Errorf("the requested handler '%s' was not found in either the main handlers list nor in the listening handlers list", name)
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

func handlerMatches(hr handlerRef, name string) bool {
	t := hr.task
	if t.Name == name {
		return true
	}
	if hr.frame.role != nil && hr.frame.role.Role != nil && hr.frame.role.Role.Name+" : "+t.Name == name {
		return true
	}
	for _, l := range t.Listen {
		if l == name {
			return true
		}
	}
	return false
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
	if pr.isEnded() || (!pr.play.ForceHandlers && !pr.run.opts.ForceHandlers) {
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

// loadVarsFiles reads the play's vars_files (a nested list means: the first that exists).
func (pr *playRun) loadVarsFiles() error {
	pr.varsFiles = map[string]any{}
	for _, set := range pr.play.VarsFileSets {
		path, err := pr.firstVarsFile(set)
		if err != nil {
			return err
		}
		vars, err := pr.run.Loader.ReadVars(path)
		if err != nil {
			return fmt.Errorf("vars_files: %w", err)
		}
		for k, v := range vars {
			pr.varsFiles[k] = v
		}
	}
	return nil
}

// firstVarsFile templates the candidates of one vars_files entry (with
// extra vars and inventory vars of the first host) and returns the first
// that exists.
func (pr *playRun) firstVarsFile(candidates []string) (string, error) {
	h := pr.run.host(pr.hosts[0])
	hc := pr.newHostCtx(h, nil, nil, nil)
	for _, c := range candidates {
		v, err := hc.Template(c)
		if err != nil {
			return "", fmt.Errorf("vars_files %s: %w", c, err)
		}
		p := fmt.Sprint(v)
		if !filepath.IsAbs(p) {
			p = filepath.Join(pr.play.Dir, p)
		}
		if fileExists(p) {
			return p, nil
		}
	}
	return "", fmt.Errorf("vars_files: none of %v found", candidates)
}

// serialBatches splits hosts into rolling batches per the play's serial.
func serialBatches(serial []any, hosts []string) [][]string {
	if len(serial) == 0 {
		return [][]string{hosts}
	}
	var out [][]string
	rest := hosts
	i := 0
	for len(rest) > 0 {
		spec := serial[min(i, len(serial)-1)]
		n := batchSize(spec, len(hosts))
		if n <= 0 || n > len(rest) {
			n = len(rest)
		}
		out = append(out, rest[:n])
		rest = rest[n:]
		i++
	}
	return out
}

func batchSize(spec any, total int) int {
	switch v := spec.(type) {
	case int:
		return v
	case float64:
		return int(v)
	case string:
		if strings.HasSuffix(v, "%") {
			pct, err := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64)
			if err != nil {
				return total
			}
			return max(1, int(math.Floor(float64(total)*pct/100)))
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return total
		}
		return n
	}
	return total
}
