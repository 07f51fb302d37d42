package plan

import (
	"context"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/edxplay/edxplay/engine"
)

// Drift is why a host's change was refused: its state or the task moved
// since the plan was made.
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

// Guard approves the changes of an apply against the plan; it implements
// engine.ChangeGuard. A host with a drift is stopped (the engine fails
// it); the others go on.
type Guard struct {
	plan   *Plan
	rec    *Recorder
	mu     sync.Mutex
	next   map[string]int
	drifts []Drift
}

// NewGuard returns a guard for p.
func NewGuard(p *Plan) (*Guard, error) {
	key, err := hex.DecodeString(p.Key)
	if err != nil {
		return nil, fmt.Errorf("plan key: %w", err)
	}
	return &Guard{plan: p, rec: NewRecorderWithKey(key, nil), next: map[string]int{}}, nil
}

// Drifts returns the drifts found so far, by host.
func (g *Guard) Drifts() []Drift {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := append([]Drift(nil), g.drifts...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Host < out[j].Host })
	return out
}

// Approve compares a task's fresh description with the plan's: a task
// the plan predicted to change, or that would change now, must have the
// plan's arguments and find the plan's pre-state.
func (g *Guard) Approve(_ context.Context, host string, rec engine.TaskRecord) error {
	now := g.rec.task(rec)
	g.mu.Lock()
	defer g.mu.Unlock()
	planned, ok := g.plan.Hosts[host]
	if !ok {
		return g.drift(Drift{Host: host, Reason: "the host was not in the plan"})
	}
	want, found := Task{}, false
	for i := g.next[host]; i < len(planned); i++ {
		if planned[i].ID == now.ID {
			want, found = planned[i], true
			g.next[host] = i + 1
			break
		}
	}
	wouldChange := now.Status == string(engine.StatusChanged) || now.Status == string(engine.StatusUnknown)
	switch {
	case !found && wouldChange:
		return g.drift(Drift{Host: host, TaskID: now.ID, Task: now.Name, Reason: "the task would change the host, and the plan does not have it here"})
	case !found, want.Status == string(engine.StatusUnknown):
		return nil
	case want.Status != string(engine.StatusChanged) && !wouldChange:
		return nil
	case want.ArgsDigest != now.ArgsDigest:
		return g.drift(Drift{Host: host, TaskID: want.ID, Task: want.Name, Reason: "its arguments changed since the plan"})
	case want.Fingerprint != now.Fingerprint:
		return g.drift(Drift{Host: host, TaskID: want.ID, Task: want.Name,
			Reason: "the host's state changed since the plan: " + differs(want.PreState, now.PreState)})
	}
	return nil
}

func (g *Guard) drift(d Drift) error {
	g.drifts = append(g.drifts, d)
	return fmt.Errorf("drift: %s", d.Error())
}

// differs names the parts of two pre-states that differ.
func differs(want, got map[string]string) string {
	var parts []string
	for _, k := range sortedKeys(want) {
		if g, ok := got[k]; !ok {
			parts = append(parts, k+" is gone")
		} else if g != want[k] {
			parts = append(parts, k+" differs")
		}
	}
	for _, k := range sortedKeys(got) {
		if _, ok := want[k]; !ok {
			parts = append(parts, k+" is new")
		}
	}
	if len(parts) == 0 {
		return "the state differs"
	}
	if len(parts) > 5 {
		parts = append(parts[:5], fmt.Sprintf("and %d more", len(parts)-5))
	}
	return strings.Join(parts, ", ")
}
