package engine

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"sync"
	"time"

	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/modules"
)

// noAsyncActions are the actions whose ansible-core 2.14 action plugin
// does not support async (ActionBase._supports_async false): the modules
// without an action plugin of their own (the normal action), command,
// shell, package, service, uri and reboot do.
var noAsyncActions = map[string]bool{
	"add_host": true, "assemble": true, "assert": true, "async_status": true, "copy": true, "debug": true,
	"fail": true, "fetch": true, "gather_facts": true, "group_by": true, "include_vars": true, "pause": true,
	"raw": true, "script": true, "set_fact": true, "set_stats": true, "template": true, "unarchive": true,
	"validate_argument_spec": true, "wait_for_connection": true,
}

// defaultPoll is ansible-core's poll interval of async tasks.
const defaultPoll = 15

// asyncSpec is a task's async (the most seconds it may run; 0: not
// async) and poll (seconds between status checks; 0: fire and forget).
type asyncSpec struct{ limit, poll int }

// asyncOf templates a task's async and poll keywords.
func asyncOf(t *playbook.Task, hc *hostCtx) asyncSpec {
	if t.Async == nil {
		return asyncSpec{}
	}
	a := asyncSpec{limit: hc.intOr(t.Async, 0), poll: defaultPoll}
	if t.Poll != nil {
		a.poll = hc.intOr(t.Poll, defaultPoll)
	}
	if a.limit < 0 {
		a.limit = 0
	}
	return a
}

// AsyncPollReporter is a Reporter that shows each status check of a
// polled async task that is still running (ansible-core's
// v2_runner_on_async_poll), and the end of the polling
// (v2_runner_on_async_ok/failed).
type AsyncPollReporter interface {
	AsyncPoll(host string, status map[string]any)
	AsyncDone(host, jid string, failed bool)
}

// asyncJobs are the run's background jobs: a job runs its module from the
// controller while the play goes on, its state in the job file on the
// host; the run waits for the jobs still running (each bounded by its
// async limit, and stopped when the run is cancelled) before it closes
// the connections. Unlike ansible-core's async_wrapper, which daemonizes
// on the target, a job does not outlive the edxplay run.
type asyncJobs struct{ wg sync.WaitGroup }

// newJID is a job id in ansible-core's form (j<digits>.<pid>).
func newJID() string {
	return fmt.Sprintf("j%d.%d", rand.Int64N(900000000000)+100000000000, os.Getpid())
}

// runAsync runs a module task as an async job: the job file is written
// (started), the module runs in the background within the async limit
// and its result goes to the job file; with poll > 0 the job's status is
// read every poll seconds until it finishes, then its file is removed,
// as ansible-core's TaskExecutor does.
func (pr *playRun) runAsync(ctx context.Context, t *playbook.Task, h *hostState, hc *hostCtx, mod modules.Module, call *modules.Call, a asyncSpec) *outcome {
	jid, dir := newJID(), pr.asyncDir(hc)
	call.Async = true
	started := map[string]any{"started": 1, "finished": 0, "ansible_job_id": jid}
	file, err := modules.WriteAsyncJob(ctx, call.Conn, call.Become, dir, jid, started)
	if err != nil {
		return failureAt(t, err)
	}
	pr.run.jobs.wg.Add(1)
	go func() {
		defer pr.run.jobs.wg.Done()
		pr.runJob(ctx, t, h, hc, mod, call, a.limit, dir, jid)
	}()
	if a.poll == 0 {
		// ansible-core reports a started job as changed
		return &outcome{result: map[string]any{"failed": 0, "started": 1, "finished": 0, "ansible_job_id": jid,
			"results_file": file, "changed": true}, changed: true}
	}
	return pr.pollJob(ctx, t, h.name, call, a, dir, jid)
}

// runJob runs the module of a job and writes its result to the job file;
// past the limit the module is stopped and the job failed.
func (pr *playRun) runJob(ctx context.Context, t *playbook.Task, h *hostState, hc *hostCtx, mod modules.Module, call *modules.Call, limit int, dir, jid string) {
	runCtx, cancel := context.WithTimeout(ctx, time.Duration(limit)*time.Second)
	defer cancel()
	res, err := pr.runModule(runCtx, t, h, hc, mod, call)
	var data map[string]any
	switch {
	case err != nil && errors.Is(runCtx.Err(), context.DeadlineExceeded):
		data = map[string]any{"msg": "Timeout exceeded", "failed": true}
	case err != nil:
		data = failure(err).result
		data["ansible_job_id"] = jid
	default:
		data = wrapperResult(fromModuleResult(res).result, jid)
		if call.Diff {
			addDiffResult(data, res.Diffs)
		}
	}
	// A job file that cannot be written (its directory removed meanwhile)
	// loses the result silently, as with ansible-core's async_wrapper.
	_, _ = modules.WriteAsyncJob(ctx, call.Conn, call.Become, dir, jid, data)
}

// pollJob checks the job every poll seconds until it finishes or its
// async limit runs out.
func (pr *playRun) pollJob(ctx context.Context, t *playbook.Task, host string, call *modules.Call, a asyncSpec, dir, jid string) *outcome {
	var status map[string]any
	for left := a.limit; left > 0; left -= a.poll {
		if !sleepCtx(ctx, a.poll) {
			return failureAt(t, ctx.Err())
		}
		s, err := modules.AsyncJobStatus(ctx, call.Conn, call.Become, dir, jid, "status")
		if err != nil {
			return failureAt(t, err)
		}
		status = s
		if finished(status) || truthy(status["failed"]) {
			break
		}
		if r, ok := pr.run.Reporter.(AsyncPollReporter); ok {
			r.AsyncPoll(host, status)
		}
	}
	r, _ := pr.run.Reporter.(AsyncPollReporter)
	if status == nil || !finished(status) {
		if r != nil {
			r.AsyncDone(host, jid, true)
		}
		return &outcome{failed: true, result: map[string]any{"failed": true, "changed": false, "async_result": status,
			"msg": fmt.Sprintf("async task did not complete within the requested time - %ds", a.limit)}}
	}
	if _, err := modules.AsyncJobStatus(ctx, call.Conn, call.Become, dir, jid, "cleanup"); err != nil {
		return failureAt(t, err)
	}
	o := &outcome{result: status, changed: truthy(status["changed"]), failed: truthy(status["failed"])}
	status["changed"] = o.changed
	if r != nil {
		r.AsyncDone(host, jid, o.failed)
	}
	return o
}

func finished(status map[string]any) bool {
	n, ok := status["finished"].(int)
	return ok && n == 1
}

// asyncDir is the host's ansible_async_dir, ~/.ansible_async by default.
func (pr *playRun) asyncDir(hc *hostCtx) string {
	if v, ok, err := hc.Var("ansible_async_dir"); err == nil && ok && v != nil {
		return fmt.Sprint(v)
	}
	return modules.DefaultAsyncDir
}

// runsAsJob reports whether an async task runs as a background job: a
// module that runs on the host, in a real run that no plan guards (check
// mode and guarded runs run it in the foreground, within the limit).
func (pr *playRun) runsAsJob(t *playbook.Task, mod modules.Module, call *modules.Call) bool {
	return !pr.run.specs.of(t.Action, mod).Controller && !call.Check && pr.run.opts.Guard == nil
}

// wrapperResult is a job's result as ansible-core's async_wrapper writes
// it: a module that printed no JSON (a Python module's MODULE FAILURE)
// leaves what it printed as data and stderr.
func wrapperResult(data map[string]any, jid string) map[string]any {
	stderr, ok := data["module_stderr"]
	if !ok {
		return data
	}
	return map[string]any{"failed": 1, "data": data["module_stdout"], "stderr": stderr,
		"msg": "ValueError: No start of json char found", "ansible_job_id": jid}
}
