package engine

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"sync"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/jinja"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/playbook"
)

// runTasks runs a task list in the linear strategy: each task on every
// (still active) host before the next task.
func (pr *playRun) runTasks(ctx context.Context, tasks []*playbook.Task, f frame, hosts []string) error {
	if pr.strategy() == "free" && len(hosts) > 1 {
		return pr.runFree(ctx, tasks, f, hosts)
	}
	for i, t := range tasks {
		hs := pr.filterActive(hosts)
		if len(hs) == 0 || pr.isEnded() {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		ft := f
		ft.rest = tasks[i+1:]
		if err := pr.runOne(ctx, t, ft, hs); err != nil {
			return err
		}
	}
	return nil
}

// runFree runs the task list on each host independently (strategy: free).
func (pr *playRun) runFree(ctx context.Context, tasks []*playbook.Task, f frame, hosts []string) error {
	var wg sync.WaitGroup
	errs := make([]error, len(hosts))
	sem := make(chan struct{}, pr.forks())
	for i, h := range hosts {
		wg.Add(1)
		sem <- struct{}{} // in host order, as in runTaskGroup
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			for _, t := range tasks {
				if len(pr.filterActive([]string{h})) == 0 || ctx.Err() != nil {
					return
				}
				if err := pr.runOne(ctx, t, f, []string{h}); err != nil {
					errs[i] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// runOne dispatches one task entry: block, include, meta or module task.
func (pr *playRun) runOne(ctx context.Context, t *playbook.Task, f frame, hosts []string) error {
	switch {
	case t.IsBlock():
		return pr.runBlock(ctx, t, f, hosts)
	case t.Action == "include_tasks" || t.Action == "include_role":
		return pr.runInclude(ctx, t, f, hosts)
	case t.Action == "meta":
		return pr.runMeta(ctx, t, f, hosts)
	default:
		return pr.runTaskGroup(ctx, t, f, hosts, false)
	}
}

// strategy is the play's strategy, resolved (and its template rendered,
// with any warning shown) once per play run.
func (pr *playRun) strategy() string {
	pr.strategyOnce.Do(func() { pr.strategyName = pr.resolveStrategy() })
	return pr.strategyName
}

// resolveStrategy is the --strategy flag, else the play's keyword.
func (pr *playRun) resolveStrategy() string {
	if pr.run.opts.Strategy != "" {
		return pr.run.opts.Strategy
	}
	name := pr.play.Strategy
	if jinja.IsTemplate(name) {
		// A templated strategy sees the play's vars and the extra vars, as
		// ansible-core templates it when the play starts.
		v, err := pr.run.Jinja.Template(name, pr.run.playStartScope(pr.play))
		if err != nil {
			pr.run.Reporter.Warning(fmt.Sprintf("strategy %s: %v; using linear", name, err))
			return "linear"
		}
		name = fmt.Sprint(v)
	}
	switch name {
	case "", "linear", "free":
		return name
	case "host_pinned":
		// host_pinned is free with each host kept on its worker; with no
		// worker pool to pin to, it runs as free.
		return "free"
	}
	pr.run.Reporter.Warning(fmt.Sprintf("strategy %q is not supported (one of: linear, free, host_pinned); using linear", name))
	return "linear"
}

func (pr *playRun) forks() int {
	if pr.run.opts.Forks > 0 {
		return pr.run.opts.Forks
	}
	return 100
}

func (pr *playRun) isEnded() bool {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	return pr.ended
}

// filterActive keeps the hosts still active in the play.
func (pr *playRun) filterActive(hosts []string) []string {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	var out []string
	for _, h := range hosts {
		if pr.active[h] {
			out = append(out, h)
		}
	}
	return out
}

// runTaskGroup runs a module task on hosts concurrently (bounded by forks).
func (pr *playRun) runTaskGroup(ctx context.Context, t *playbook.Task, f frame, hosts []string, handler bool) error {
	if !handler && !pr.shouldRun(t, f) {
		return nil
	}
	pr.run.Reporter.TaskStart(pr.shownTitle(t, f, hosts), handler)
	targets := hosts
	// ansible-core 2.14 runs a run_once handler once per notified host
	// still: each pass takes the next host whose handler is pending.
	runOnce := !handler && isTrue(f.keywords(t).RunOnce)
	if runOnce || (!handler && bypassHostLoop[t.Action]) {
		targets = hosts[:1]
	}
	outcomes := make([]*outcome, len(targets))
	runHost := func(i int) { outcomes[i] = pr.runOnHost(ctx, t, f, pr.run.host(targets[i])) }
	forks := pr.throttle(t, f, targets)
	if inHostOrder[t.Action] {
		forks = 1
	}
	if free := pr.strategy() == "free"; free && len(targets) == 1 {
		if ts := pr.freeThrottle(t, f, targets[0]); ts != nil {
			ts <- struct{}{}
			runHost(0)
			<-ts
		} else {
			runHost(0)
		}
	} else {
		runForks(len(targets), forks, runHost)
	}
	if runOnce && outcomes[0] != nil {
		pr.shareRunOnce(t, f, outcomes[0], hosts[1:])
	}
	if err := pr.stopError(); err != nil {
		return err
	}
	return pr.afterTask(t, f, hosts, outcomes)
}

// runForks calls run for 0..n-1 on at most forks goroutines at once.
// Hosts take a fork in the play's host order (forks: 1 runs them one
// after the other in that order, as Ansible's workers do): each worker
// takes the next index when it is done with its last. A worker goroutine
// serves many hosts, so a run over a thousand hosts does not start (and
// grow the stack of) a goroutine per host and task.
func runForks(n, forks int, run func(i int)) {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		next int
	)
	take := func() (int, bool) {
		mu.Lock()
		defer mu.Unlock()
		if next >= n {
			return 0, false
		}
		next++
		return next - 1, true
	}
	for range min(max(forks, 1), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, ok := take(); ok; i, ok = take() {
				run(i)
			}
		}()
	}
	wg.Wait()
}

// stopRun records an error that stops the whole run after the current
// task, as an AnsibleError raised while processing results does (such as
// notifying a handler that does not exist).
func (pr *playRun) stopRun(err error) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if pr.stopErr == nil {
		pr.stopErr = err
	}
}

func (pr *playRun) stopError() error {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	return pr.stopErr
}

// shareRunOnce applies a run_once result to the other hosts: registered
// variable and handler notifications.
func (pr *playRun) shareRunOnce(t *playbook.Task, f frame, o *outcome, others []string) {
	if len(others) == 0 {
		return
	}
	noLog := pr.newHostCtx(pr.run.host(others[0]), &f, t, nil).noLog()
	for _, name := range others {
		h := pr.run.host(name)
		h.mu.Lock()
		if t.Register != "" {
			h.setFacts[t.Register] = registered(o.result, noLog)
		}
		if facts, ok := odict.Plain(o.result["ansible_facts"]); ok {
			maps.Copy(h.setFacts, markFacts(facts, false, false, nil, noLog))
		}
		h.mu.Unlock()
		if notify := f.keywords(t).Notify; o.changed && len(notify) > 0 {
			hc := pr.newHostCtx(h, &f, t, nil)
			if err := pr.notify(name, notifyTargets(t, notify, hc, o), hc); err != nil {
				pr.stopRun(&playbook.Error{Pos: t.Pos, Msg: err.Error()})
			}
		}
	}
}

// afterTask follows up a task's failures as the linear strategy does:
// hosts whose failure a rescue or always section takes up wait for it;
// the others are failed in the play, which any_errors_fatal (and a failing
// run_once task) and max_fail_percentage may turn into the end of the run.
func (pr *playRun) afterTask(t *playbook.Task, f frame, hosts []string, outcomes []*outcome) error {
	failedNow := map[string]bool{}
	triggered := false
	for i, o := range outcomes {
		if o == nil || !(o.unreachable || (o.failed && !o.ignored)) {
			continue
		}
		name := hosts[i]
		failedNow[name] = true
		if o.unreachable || f.section.failsPlay() {
			triggered = true
		}
		switch {
		case !o.unreachable && f.section.absorbed():
			pr.setWaiting(name, true)
		case !o.unreachable:
			pr.markFatal(name)
		}
	}
	if isTrue(f.keywords(t).RunOnce) && len(outcomes) == 1 && failedNow[hosts[0]] && !outcomes[0].unreachable {
		// A failed run_once task fails every host of the batch.
		for _, name := range hosts[1:] {
			pr.failHost(name)
			if f.section.absorbed() {
				pr.setWaiting(name, true)
			}
		}
	}
	if triggered && (pr.anyErrorsFatal(t, f) || isTrue(f.keywords(t).RunOnce)) {
		pr.fatalCheck(pr.spared(f, hosts, failedNow))
	}
	if len(outcomes) > 0 {
		pr.maxFailCheck()
	}
	return nil
}

// spared returns which hosts any_errors_fatal spares after a task that
// ran on hosts in frame f: those going on in a rescue or always section.
func (pr *playRun) spared(f frame, hosts []string, failedNow map[string]bool) func(string) bool {
	running := map[string]bool{}
	for _, h := range hosts {
		running[h] = true
	}
	next := nextInRescueOrAlways(f.rest, f.section)
	return func(h string) bool {
		switch {
		case pr.isEndedHost(h):
			return false
		case failedNow[h]:
			return pr.isWaiting(h)
		case running[h]:
			return next
		}
		return pr.isWaiting(h)
	}
}

// setWaiting marks a failed host as waiting for a rescue or always section.
func (pr *playRun) setWaiting(name string, on bool) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if on {
		pr.waiting[name] = true
	} else {
		delete(pr.waiting, name)
	}
}

func (pr *playRun) isWaiting(name string) bool {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	return pr.waiting[name]
}

// shownTitle is the banner's task name templated in the first host's
// scope, as the linear strategy shows it; a name that fails to render is
// shown as written.
func (pr *playRun) shownTitle(t *playbook.Task, f frame, hosts []string) string {
	if !jinja.IsTemplate(t.Name) || len(hosts) == 0 {
		return taskTitle(t, f)
	}
	tf := f.withVars(t.Vars)
	v, err := pr.newHostCtx(pr.run.host(hosts[0]), &tf, t, nil).Template(t.Name)
	if err != nil {
		return taskTitle(t, f)
	}
	rt := *t
	rt.Name = jinja.PyStr(v)
	return taskTitle(&rt, f)
}

// taskTitle is the name shown in the TASK [...] banner.
func taskTitle(t *playbook.Task, f frame) string {
	name := t.Name
	if name == "" {
		name = t.Action
	}
	if f.role != nil && f.role.Role != nil {
		return f.role.Role.Name + " : " + name
	}
	return name
}

// conn returns the host's connection, dialing it on first use.
func (pr *playRun) conn(ctx context.Context, h *hostState, hc *hostCtx) (connection.Conn, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.conn != nil {
		return h.conn, nil
	}
	vars := map[string]any{}
	for _, name := range connVarNames {
		if v, ok, err := hc.Var(name); err == nil && ok {
			vars[name] = v
		}
	}
	if hc.task != nil && hc.f != nil {
		port, err := hc.Template(hc.f.keywords(hc.task).Port)
		if err != nil {
			return nil, fmt.Errorf("port: %w", err)
		}
		addConnectionKeywords(vars, playbook.Keywords{Port: port}, dialKeywords)
	}
	if _, ok := vars["ansible_connection"]; !ok && pr.run.opts.Connection != "" {
		vars["ansible_connection"] = pr.run.opts.Connection // -c yields to inventory and play settings
	}
	if pr.run.opts.RemoteUser != "" {
		if _, ok := vars["ansible_user"]; !ok {
			vars["ansible_user"] = pr.run.opts.RemoteUser
		}
	}
	c, err := pr.run.Dialer.Dial(ctx, h.name, vars)
	if err != nil {
		if errors.Is(err, connection.ErrUnreachable) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: %w", connection.ErrUnreachable, err)
	}
	if !pr.run.opts.NoProbeCache && pr.run.opts.Guard == nil {
		c = newProbeConn(c)
	}
	h.conn = c
	return c, nil
}
