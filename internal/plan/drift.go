package plan

import "fmt"

// Drift is why a host cannot be applied: its state or inputs moved since
// the plan was made.
type Drift struct {
	Host   string
	TaskID string
	Task   string
	Reason string
}

// Error formats the drift for the operator.
func (d Drift) Error() string {
	if d.TaskID == "" {
		return fmt.Sprintf("%s: %s", d.Host, d.Reason)
	}
	return fmt.Sprintf("%s: task %q (%s): %s", d.Host, d.Task, d.TaskID, d.Reason)
}

// Compare checks a host's fresh check-mode records against the plan and
// returns the first drift, or nil when the host still matches.
func (p *Plan) Compare(host string, now []Task) *Drift {
	planned, ok := p.Hosts[host]
	if !ok {
		return &Drift{Host: host, Reason: "the host was not in the plan"}
	}
	for i, want := range planned {
		if i >= len(now) {
			return &Drift{Host: host, TaskID: want.ID, Task: want.Name, Reason: "the task no longer runs"}
		}
		got := now[i]
		switch {
		case got.ID != want.ID:
			return &Drift{Host: host, TaskID: want.ID, Task: want.Name, Reason: fmt.Sprintf("a different task runs here now (%s)", got.ID)}
		case got.ArgsDigest != want.ArgsDigest:
			return &Drift{Host: host, TaskID: want.ID, Task: want.Name, Reason: "its arguments changed since the plan (playbook, variables or overrides)"}
		case got.Fingerprint != want.Fingerprint:
			return &Drift{Host: host, TaskID: want.ID, Task: want.Name, Reason: "the host's state changed since the plan (before-state differs)"}
		}
	}
	if len(now) > len(planned) {
		extra := now[len(planned)]
		return &Drift{Host: host, TaskID: extra.ID, Task: extra.Name, Reason: "a task runs now that the plan did not have"}
	}
	return nil
}
