package engine

import "github.com/edxplay/edxplay/internal/modspec"

// Status is the outcome of a task on a host.
type Status string

// Task outcomes as ansible-playbook names them.
const (
	StatusOK          Status = "ok"
	StatusChanged     Status = "changed"
	StatusSkipped     Status = "skipping"
	StatusFailed      Status = "failed"
	StatusUnreachable Status = "unreachable"
	// StatusUnknown is a check-mode result whose effect cannot be
	// predicted (a command that would run, or a task that depends on one).
	StatusUnknown Status = "unknown"
)

// HostResult is one task's (or one loop item's) result on one host.
type HostResult struct {
	Host string
	// Delegate is the host the task ran on when delegated.
	Delegate string
	Task     string
	// Action is the task's module name.
	Action string
	Status Status
	// Item is the loop label when the result is for one loop item.
	Item string
	// IsItem is true for a per-item result; false for the task summary.
	IsItem bool
	// Ignored is true when a failure was ignored (ignore_errors).
	Ignored bool
	// Result is the registered result (msg, rc, stdout, ...); already censored when NoLog.
	Result map[string]any
	// Diffs are shown with --diff, or when DiffKeyword is true.
	Diffs []modspec.Diff
	// DiffKeyword is the task's diff keyword (set on it or inherited); nil
	// when no scope set it, and then --diff decides whether Diffs show.
	DiffKeyword *bool
	// NoLog is true when the task's output is censored.
	NoLog bool
	// ShowResult asks the reporter to print Result (debug, failures, -v).
	ShowResult bool
	// Reason explains an unknown (check-mode) result.
	Reason string
}

// Stats counts outcomes per host for the PLAY RECAP.
type Stats struct {
	OK          int
	Changed     int
	Unreachable int
	Failed      int
	Skipped     int
	Rescued     int
	Ignored     int
	// Unknown counts check-mode tasks whose effect could not be predicted.
	Unknown int
}

// Reporter receives the run's events in order. Implementations print
// human output, JSON events or JUnit reports.
type Reporter interface {
	PlayStart(name string, hosts []string)
	TaskStart(name string, handler bool)
	Included(file string, hosts []string)
	HostResult(r HostResult)
	Warning(msg string)
	Recap(hosts []string, stats map[string]*Stats)
}

// PlaybookStarter is implemented by reporters that want to know when a
// playbook starts: its path as given and how many plays it has (imported
// ones included). The engine calls PlaybookStart before its first play.
type PlaybookStarter interface {
	PlaybookStart(path string, plays int)
}
