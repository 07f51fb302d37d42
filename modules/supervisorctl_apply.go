package modules

import (
	"context"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
)

// apply implements each state as community.general.supervisorctl does,
// except that check mode runs no update.
func (r *supervisorRun) apply(ctx context.Context, state string, a args) (*Result, error) {
	if state == "restarted" && !r.call.Check {
		if _, err := r.mustCtl(ctx, "update", ""); err != nil {
			return r.fail(err.Error(), state), nil
		}
	}
	procs, err := r.matched(ctx)
	if err != nil {
		return nil, err
	}
	switch state {
	case "present":
		return r.addOrRemove(ctx, state, len(procs) == 0, "add", "added process group")
	case "absent":
		if len(procs) > 0 && a.boolean("stop_before_removing") {
			res, err := r.act(ctx, procs, isRunning, "stop", "stopped", state)
			if err != nil || res.Failed || r.call.Check {
				return res, err
			}
		}
		return r.addOrRemove(ctx, state, len(procs) > 0, "remove", "removed process group")
	}
	if len(procs) == 0 {
		return r.fail("ERROR (no such process)", state), nil
	}
	switch state {
	case "restarted":
		return r.act(ctx, procs, func(string) bool { return true }, "restart", "started", state)
	case "started":
		return r.act(ctx, procs, func(s string) bool { return !isRunning(s) }, "start", "started", state)
	case "stopped":
		return r.act(ctx, procs, isRunning, "stop", "stopped", state)
	default: // signalled
		return r.act(ctx, procs, func(s string) bool { return s == "RUNNING" }, "signal "+a.str("signal"), "signalled", state)
	}
}

func isRunning(status string) bool { return status == "RUNNING" || status == "STARTING" }

func (r *supervisorRun) data(state string) map[string]any {
	return map[string]any{"name": r.name, "state": state}
}

func (r *supervisorRun) fail(msg, state string) *Result {
	return &Result{Failed: true, Msg: msg, Data: r.data(state)}
}

// addOrRemove rereads the configuration and adds or removes the program
// when needed (want), judging success by supervisorctl's message.
func (r *supervisorRun) addOrRemove(ctx context.Context, state string, want bool, action, success string) (*Result, error) {
	if !want {
		return &Result{Data: r.data(state)}, nil
	}
	res := &Result{Changed: true, Data: r.data(state)}
	r.diff(res, action+" "+r.name)
	if r.call.Check {
		return res, nil
	}
	if _, err := r.mustCtl(ctx, "reread", ""); err != nil {
		return r.fail(err.Error(), state), nil
	}
	_, out, err := r.ctl(ctx, action, r.name)
	if err != nil {
		return nil, err
	}
	if !strings.Contains(out, r.name+": "+success) {
		return r.fail(strings.TrimSpace(out), state), nil
	}
	return res, nil
}

// act runs action on each matched process whose status passes filter and
// checks that supervisorctl reports "NAME: expected".
func (r *supervisorRun) act(ctx context.Context, procs []supervisorProcess, filter func(string) bool, action, expected, state string) (*Result, error) {
	var todo []string
	var before, after []string
	for _, p := range procs {
		if filter(p.status) {
			todo = append(todo, p.name)
			before = append(before, p.name+": "+p.status)
			after = append(after, p.name+": "+expected)
		}
	}
	if len(todo) == 0 {
		return &Result{Data: r.data(state)}, nil
	}
	res := &Result{Changed: true, Data: r.data(state)}
	if r.call.Diff {
		res.Diffs = []modspec.Diff{{Before: strings.Join(before, "\n") + "\n", After: strings.Join(after, "\n") + "\n"}}
	}
	if r.call.Check {
		return res, nil
	}
	for _, name := range todo {
		out, err := r.mustCtl(ctx, action, name)
		if err != nil {
			return r.fail(err.Error(), state), nil
		}
		if !strings.Contains(out, fmt.Sprintf("%s: %s", name, expected)) {
			return r.fail(strings.TrimSpace(out), state), nil
		}
	}
	res.Data["affected"] = todo
	return res, nil
}

// diff records a one-line before/after for present/absent.
func (r *supervisorRun) diff(res *Result, what string) {
	if r.call.Diff {
		res.Diffs = []modspec.Diff{{Before: "", After: what + "\n"}}
	}
}
