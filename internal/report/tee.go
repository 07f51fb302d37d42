package report

import (
	"sync"

	"github.com/edxplay/edxplay/engine"
)

// taskHoster is implemented by reporters that want to know the hosts a
// task runs on (progress, JUnit timing). The engine calls TaskHosts right
// after TaskStart when the reporter implements it.
type taskHoster interface {
	TaskHosts(task string, hosts []string)
}

// hostDoner is implemented by reporters that want to know when a host has
// finished a task (a loop task reports only its items).
type hostDoner interface {
	HostDone(task, host string)
}

// Tee is a reporter that passes every event to several reporters, in the
// order given, one event at a time, so that all of them see the same
// sequence. It passes TaskHosts and HostDone to those that implement them.
type Tee struct {
	mu sync.Mutex
	rs []engine.Reporter
}

// NewTee returns a reporter sending events to each of rs; nil entries are
// dropped.
func NewTee(rs ...engine.Reporter) *Tee {
	t := &Tee{}
	for _, r := range rs {
		if r != nil {
			t.rs = append(t.rs, r)
		}
	}
	return t
}

// each calls fn for every reporter, holding the lock.
func (t *Tee) each(fn func(engine.Reporter)) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, r := range t.rs {
		fn(r)
	}
}

// PlayStart passes PlayStart on.
func (t *Tee) PlayStart(name string, hosts []string) {
	t.each(func(r engine.Reporter) { r.PlayStart(name, hosts) })
}

// TaskStart passes TaskStart on.
func (t *Tee) TaskStart(name string, handler bool) {
	t.each(func(r engine.Reporter) { r.TaskStart(name, handler) })
}

// PlaybookStart passes PlaybookStart on to the reporters that implement it.
func (t *Tee) PlaybookStart(path string, plays int) {
	t.each(func(r engine.Reporter) {
		if ps, ok := r.(engine.PlaybookStarter); ok {
			ps.PlaybookStart(path, plays)
		}
	})
}

// TaskHosts passes TaskHosts on to the reporters that implement it.
func (t *Tee) TaskHosts(task string, hosts []string) {
	t.each(func(r engine.Reporter) {
		if th, ok := r.(taskHoster); ok {
			th.TaskHosts(task, hosts)
		}
	})
}

// HostDone passes HostDone on to the reporters that implement it.
func (t *Tee) HostDone(task, host string) {
	t.each(func(r engine.Reporter) {
		if hd, ok := r.(hostDoner); ok {
			hd.HostDone(task, host)
		}
	})
}

// Included passes Included on.
func (t *Tee) Included(file string, hosts []string) {
	t.each(func(r engine.Reporter) { r.Included(file, hosts) })
}

// HostResult passes HostResult on.
func (t *Tee) HostResult(res engine.HostResult) {
	t.each(func(r engine.Reporter) { r.HostResult(res) })
}

// Warning passes Warning on.
func (t *Tee) Warning(msg string) {
	t.each(func(r engine.Reporter) { r.Warning(msg) })
}

// Recap passes Recap on.
func (t *Tee) Recap(hosts []string, stats map[string]*engine.Stats) {
	t.each(func(r engine.Reporter) { r.Recap(hosts, stats) })
}
