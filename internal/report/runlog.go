package report

import (
	"time"

	"github.com/edxplay/edxplay/engine"
)

// censoredResult replaces the result of a no_log task, as the engine and
// Ansible do. Reporters apply it again so a result flagged NoLog never
// shows its content, whatever the engine passed.
func censoredResult() map[string]any {
	return map[string]any{
		"censored": "the output has been hidden due to the fact that 'no_log: true' was specified for this result",
		"changed":  false,
	}
}

// visibleResult is the result a reporter may show: censored for no_log,
// without internal keys otherwise.
func visibleResult(r engine.HostResult) map[string]any {
	if r.NoLog {
		return censoredResult()
	}
	return cleanResult(r.Result)
}

// runLog records a run's plays, tasks and per-host outcomes with their
// times. It is not safe for concurrent use; reporters lock around it.
type runLog struct {
	// keep retains finished plays (JUnit needs them all); otherwise only
	// the current play's tasks are kept.
	keep     bool
	plays    []*playLog
	play     *playLog
	task     *taskLog
	hostTask map[string]*taskLog
}

// playLog is one play's record.
type playLog struct {
	name       string
	hosts      []string
	start, end time.Time
	tasks      []*taskLog
	// counts are the play's outcomes, set when the play is finished.
	counts engine.Stats
}

// taskLog is one task's record (one TaskStart).
type taskLog struct {
	title      string
	handler    bool
	start, end time.Time
	// expected lists the task's hosts from TaskHosts (nil when unknown).
	expected  []string
	hostStart map[string]time.Time
	done      map[string]bool
	hosts     []*hostLog
	byHost    map[string]*hostLog
}

// hostLog is the outcome of one task on one host, loop items merged.
type hostLog struct {
	host       string
	start, end time.Time
	status     engine.Status
	ignored    bool
	changed    bool
	items      int
	// result is the worst result seen (the first failure, or a skip),
	// already censored for no_log; nil for ok and changed.
	result map[string]any
}

func newRunLog(keep bool) *runLog {
	return &runLog{keep: keep, hostTask: map[string]*taskLog{}}
}

// startPlay records a play start; the previous play should be finished first.
func (l *runLog) startPlay(name string, hosts []string, now time.Time) *playLog {
	l.play = &playLog{name: name, hosts: append([]string{}, hosts...), start: now}
	if l.keep {
		l.plays = append(l.plays, l.play)
	}
	return l.play
}

// finishPlay ends the current play (and its task), counts its outcomes
// and returns it, or nil.
func (l *runLog) finishPlay(now time.Time) *playLog {
	l.finishTask(now)
	p := l.play
	if p == nil {
		return nil
	}
	p.end = now
	for _, t := range p.tasks {
		for _, hl := range t.hosts {
			addCounts(&p.counts, hl)
		}
	}
	l.play = nil
	l.hostTask = map[string]*taskLog{}
	return p
}

// startTask records a task start within the current play.
func (l *runLog) startTask(title string, handler bool, now time.Time) *taskLog {
	if l.play == nil {
		l.startPlay("", nil, now)
	}
	l.task = &taskLog{title: title, handler: handler, start: now, end: now,
		hostStart: map[string]time.Time{}, done: map[string]bool{}, byHost: map[string]*hostLog{}}
	l.play.tasks = append(l.play.tasks, l.task)
	return l.task
}

// finishTask ends the current task and returns it, or nil when no task
// is running.
func (l *runLog) finishTask(now time.Time) *taskLog {
	t := l.task
	if t == nil {
		return nil
	}
	l.task = nil
	if len(t.hosts) == 0 {
		t.end = now
	}
	return t
}

// addCounts counts a host outcome as the PLAY RECAP does.
func addCounts(s *engine.Stats, hl *hostLog) {
	switch hl.status {
	case engine.StatusUnreachable:
		s.Unreachable++
		return
	case engine.StatusFailed:
		if !hl.ignored {
			s.Failed++
			return
		}
		s.OK++
		s.Ignored++
	case engine.StatusSkipped:
		s.Skipped++
	default:
		s.OK++
	}
	if hl.changed {
		s.Changed++
	}
}

// bindHosts records the hosts a task runs on (TaskHosts), from now.
func (l *runLog) bindHosts(title string, hosts []string, now time.Time) *taskLog {
	t := l.findTask(title)
	if t == nil {
		t = l.startTask(title, false, now)
	}
	for _, h := range hosts {
		if _, seen := t.hostStart[h]; !seen {
			t.expected = append(t.expected, h)
		}
		t.hostStart[h] = now
		l.hostTask[h] = t
	}
	return t
}

// findTask returns the latest task of the current play titled title, or
// the current task when title is empty.
func (l *runLog) findTask(title string) *taskLog {
	if title == "" || (l.task != nil && l.task.title == title) {
		return l.task
	}
	if l.play == nil {
		return nil
	}
	for i := len(l.play.tasks) - 1; i >= 0; i-- {
		if l.play.tasks[i].title == title {
			return l.play.tasks[i]
		}
	}
	return nil
}

// taskOf returns the task a host's result belongs to: the one it was
// bound to by TaskHosts, else the current task.
func (l *runLog) taskOf(host string) *taskLog {
	if t, ok := l.hostTask[host]; ok {
		return t
	}
	if l.task == nil {
		l.startTask("", false, time.Time{})
	}
	return l.task
}

// record merges a host result into its task and returns both.
func (l *runLog) record(r engine.HostResult, now time.Time) (*taskLog, *hostLog) {
	t := l.taskOf(r.Host)
	hl := t.byHost[r.Host]
	if hl == nil {
		start, ok := t.hostStart[r.Host]
		if !ok {
			start = t.start
		}
		hl = &hostLog{host: r.Host, start: start, status: r.Status}
		t.byHost[r.Host] = hl
		t.hosts = append(t.hosts, hl)
	}
	hl.end, t.end = now, now
	if r.IsItem {
		hl.items++
	} else {
		t.done[r.Host] = true
	}
	if statusRank(r.Status) > statusRank(hl.status) {
		hl.status = r.Status
		hl.result = nil
	}
	if r.Status == engine.StatusFailed && r.Ignored {
		hl.ignored = true
	}
	if r.Status == engine.StatusChanged || (!r.NoLog && r.Result["changed"] == true) {
		hl.changed = true
	}
	if r.Status == hl.status && hl.result == nil && r.Status != engine.StatusOK && r.Status != engine.StatusChanged {
		hl.result = visibleResult(r)
	}
	return t, hl
}

// markDone records that a host finished a task (HostDone).
func (l *runLog) markDone(title, host string) {
	t := l.findTask(title)
	if bound, ok := l.hostTask[host]; ok && (title == "" || bound.title == title) {
		t = bound
	}
	if t != nil {
		t.done[host] = true
	}
}

// statusRank orders statuses from best to worst, for merging loop items.
func statusRank(s engine.Status) int {
	switch s {
	case engine.StatusOK:
		return 1
	case engine.StatusChanged:
		return 2
	case engine.StatusFailed:
		return 3
	case engine.StatusUnreachable:
		return 4
	}
	return 0
}

// waiting returns the expected hosts that have not finished the task.
func (t *taskLog) waiting() []string {
	var out []string
	for _, h := range t.expected {
		if !t.done[h] {
			out = append(out, h)
		}
	}
	return out
}
