package engine

import (
	"context"
	"fmt"
	"slices"

	"github.com/edxplay/edxplay/internal/playbook"
)

// runOnceMetas run once for the whole batch, their condition evaluated on
// the first host, as in ansible-core's linear strategy.
var runOnceMetas = map[string]bool{"end_play": true, "end_batch": true, "clear_host_errors": true,
	"clear_facts": true, "refresh_inventory": true}

// runMeta runs a meta task.
func (pr *playRun) runMeta(ctx context.Context, t *playbook.Task, f frame, hosts []string) error {
	if !pr.shouldRun(t, f) {
		return nil
	}
	action := fmt.Sprint(t.Args["_raw_params"])
	if action == "flush_handlers" {
		return pr.flushHandlers(ctx)
	}
	candidates := hosts
	if runOnceMetas[action] {
		candidates = hosts[:1]
	}
	chosen, err := pr.hostsWhere(t, f, candidates)
	if err != nil {
		return err
	}
	pr.reportMetaSkips(t, f, action, candidates, chosen)
	if len(chosen) == 0 {
		return nil
	}
	pr.showMeta(action, chosen)
	switch action {
	case "end_play", "end_batch":
		return pr.endBatch(action == "end_play", chosen[0])
	case "end_host":
		failed := false
		for _, h := range chosen {
			failed = pr.endHost(h) || failed
		}
		if failed && pr.anyErrorsFatal(t, f) {
			// The host ended while handling a failure: it failed the play.
			pr.fatalCheck(pr.spared(f, hosts, nil))
		}
	case "clear_host_errors":
		pr.clearHostErrors()
	case "refresh_inventory":
		if err := pr.run.refreshInventory(); err != nil {
			return fmt.Errorf("%s: %w", t.Pos, err)
		}
	case "clear_facts":
		for _, name := range pr.hosts {
			h := pr.run.host(name)
			h.mu.Lock()
			h.facts = map[string]any{}
			h.mu.Unlock()
		}
	}
	return nil
}

// reportMetaSkips shows the hosts on which a meta task's condition is
// false, with ansible-core's skip_reason (and META line at -vv).
func (pr *playRun) reportMetaSkips(t *playbook.Task, f frame, action string, candidates, chosen []string) {
	if len(chosen) == len(candidates) {
		return
	}
	pr.run.Reporter.TaskStart(taskTitle(t, f), false)
	for _, h := range candidates {
		if slices.Contains(chosen, h) {
			continue
		}
		res := map[string]any{"skipped": true, "msg": action, "skip_reason": metaSkipReason(action, h)}
		if action == "end_host" {
			res["msg"] = "end_host conditional evaluated to false, continuing execution for " + h
		}
		pr.metaLine(res["skip_reason"].(string))
		pr.run.Reporter.HostResult(HostResult{Host: h, Task: t.Name, Action: t.Action, Status: StatusSkipped,
			Result: res, ShowResult: pr.run.opts.Verbosity > 0})
	}
}

// metaSkipReason is ansible-core's skip_reason of a meta action whose
// condition is false on host.
func metaSkipReason(action, host string) string {
	reason := action + " conditional evaluated to False"
	switch action {
	case "flush_handlers":
		reason += ", not running handlers for " + host
	case "clear_facts":
		reason += ", not clearing facts and fact cache for " + host
	case "clear_host_errors":
		reason += ", not clearing host error state for " + host
	case "end_batch":
		reason += ", continuing current batch"
	case "end_play":
		reason += ", continuing play"
	case "end_host":
		reason += ", continuing execution for " + host
	}
	return reason
}

// MetaReporter is a Reporter that shows what meta tasks did (ansible-core
// displays "META: ..." at -vv).
type MetaReporter interface {
	Meta(msg string)
}

// showMeta shows what a meta action does on the chosen hosts.
func (pr *playRun) showMeta(action string, chosen []string) {
	switch action {
	case "end_host":
		for _, h := range chosen {
			pr.metaLine("ending play for " + h)
		}
	case "end_play":
		pr.metaLine("ending play")
	case "end_batch":
		pr.metaLine("ending batch")
	case "clear_facts":
		pr.metaLine("facts cleared")
	case "clear_host_errors":
		pr.metaLine("cleared host errors")
	case "noop":
		pr.metaLine("noop")
	case "refresh_inventory":
		pr.metaLine("inventory successfully refreshed")
	}
}

func (pr *playRun) metaLine(msg string) {
	if r, ok := pr.run.Reporter.(MetaReporter); ok && pr.run.opts.Verbosity >= 2 {
		r.Meta("META: " + msg)
	}
}

// endBatch ends the batch (end_batch) or the play (end_play) on every host.
// Hosts in the middle of handling a failure stay failed; when the host that
// ran the meta task is one of them, the failure is fatal, as a run_once
// task's failure is in ansible-core.
func (pr *playRun) endBatch(wholePlay bool, first string) error {
	fatal := pr.pendingFailure(first) || pr.isWaiting(first)
	for _, name := range pr.hosts {
		if pr.pendingFailure(name) || pr.isWaiting(name) {
			pr.failHost(name)
		}
	}
	if fatal {
		pr.fatalCheck(func(string) bool { return false })
	}
	pr.mu.Lock()
	pr.ended = true
	pr.playEnded = pr.playEnded || wholePlay
	pr.mu.Unlock()
	return errEndPlay
}

// endHost ends the play for one host (meta: end_host) and reports
// whether that left it failed (it was handling a failure).
func (pr *playRun) endHost(name string) bool {
	failed := pr.pendingFailure(name) || pr.isWaiting(name)
	if failed {
		pr.failHost(name)
	}
	pr.mu.Lock()
	pr.endedHosts[name] = true
	pr.markActive(name, false)
	pr.mu.Unlock()
	return failed
}

func (pr *playRun) isEndedHost(name string) bool {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	return pr.endedHosts[name]
}

// clearHostErrors forgets the batch's failures (meta: clear_host_errors):
// failed hosts are no longer failed, but stay out of the rest of the play
// unless a rescue or always section is running them.
func (pr *playRun) clearHostErrors() {
	for _, name := range pr.hosts {
		h := pr.run.host(name)
		h.mu.Lock()
		h.failed = false
		h.mu.Unlock()
	}
	pr.mu.Lock()
	pr.fatal = map[string]bool{}
	pr.mu.Unlock()
}
