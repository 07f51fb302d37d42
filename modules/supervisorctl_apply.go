package modules

import (
	"context"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
)

// describe implements each state as community.general.supervisorctl
// does. restarted runs supervisorctl update first, which check mode does
// not: it is described from the status before the update, and its apply
// step runs the update and describes the programs again.
func (r *supervisorRun) describe(ctx context.Context, state string, a args) (*Planned, error) {
	p, err := r.plan(ctx, state, a)
	if err != nil || state != "restarted" {
		return p, err
	}
	return planned(p.Result, func(ctx context.Context, call *Call) (*Result, error) {
		if _, err := r.mustCtl(ctx, "update", ""); err != nil {
			return r.fail(err.Error(), state), nil
		}
		updated := *r
		updated.call = call
		p, err := updated.plan(ctx, state, a)
		if err != nil {
			return nil, err
		}
		return p.applyTo(ctx, call)
	}), nil
}

// plan describes state from the matched programs' status.
func (r *supervisorRun) plan(ctx context.Context, state string, a args) (*Planned, error) {
	procs, err := r.matched(ctx)
	if err != nil {
		return nil, err
	}
	switch state {
	case "present":
		return r.addOrRemove(state, len(procs) == 0, "add", "added process group"), nil
	case "absent":
		remove := r.addOrRemove(state, len(procs) > 0, "remove", "removed process group")
		if len(procs) == 0 || !a.boolean("stop_before_removing") {
			return remove, nil
		}
		// check mode reports the stop alone, as it always has
		stop := r.act(procs, isRunning, "stop", "stopped", state)
		return planned(stop.Result, func(ctx context.Context, call *Call) (*Result, error) {
			res, err := stop.applyTo(ctx, call)
			if err != nil || res.Failed {
				return res, err
			}
			return remove.applyTo(ctx, call)
		}), nil
	}
	if len(procs) == 0 {
		return reported(r.fail("ERROR (no such process)", state)), nil
	}
	switch state {
	case "restarted":
		return r.act(procs, func(string) bool { return true }, "restart", "started", state), nil
	case "started":
		return r.act(procs, func(s string) bool { return !isRunning(s) }, "start", "started", state), nil
	case "stopped":
		return r.act(procs, isRunning, "stop", "stopped", state), nil
	default: // signalled
		return r.act(procs, func(s string) bool { return s == "RUNNING" }, "signal "+a.str("signal"), "signalled", state), nil
	}
}

func isRunning(status string) bool { return status == "RUNNING" || status == "STARTING" }

func (r *supervisorRun) data(state string) map[string]any {
	return map[string]any{"name": r.name, "state": state}
}

func (r *supervisorRun) fail(msg, state string) *Result {
	return &Result{Failed: true, Msg: msg, Data: r.data(state)}
}

// addOrRemove describes rereading the configuration and adding or
// removing the program when needed (want), judging success by
// supervisorctl's message.
func (r *supervisorRun) addOrRemove(state string, want bool, action, success string) *Planned {
	if !want {
		return reported(&Result{Data: r.data(state)})
	}
	res := &Result{Changed: true, Data: r.data(state)}
	r.diff(res, action+" "+r.name)
	return planned(res, func(ctx context.Context, call *Call) (*Result, error) {
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
		return reportedTo(res, call), nil
	})
}

// act describes running action on each matched process whose status
// passes filter, checking that supervisorctl reports "NAME: expected".
func (r *supervisorRun) act(procs []supervisorProcess, filter func(string) bool, action, expected, state string) *Planned {
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
		return reported(&Result{Data: r.data(state)})
	}
	res := &Result{Changed: true, Data: r.data(state)}
	if r.call.Diff {
		res.Diffs = []modspec.Diff{{Before: strings.Join(before, "\n") + "\n", After: strings.Join(after, "\n") + "\n"}}
	}
	return planned(res, func(ctx context.Context, call *Call) (*Result, error) {
		for _, name := range todo {
			out, err := r.mustCtl(ctx, action, name)
			if err != nil {
				return r.fail(err.Error(), state), nil
			}
			if !strings.Contains(out, fmt.Sprintf("%s: %s", name, expected)) {
				return r.fail(strings.TrimSpace(out), state), nil
			}
		}
		made := reportedTo(res, call)
		made.Data["affected"] = todo
		return made, nil
	})
}

// diff records a one-line before/after for present/absent.
func (r *supervisorRun) diff(res *Result, what string) {
	if r.call.Diff {
		res.Diffs = []modspec.Diff{{Before: "", After: what + "\n"}}
	}
}
