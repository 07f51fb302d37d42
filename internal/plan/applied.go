package plan

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// Applied is the state file beside a plan (PLAN.applied) that records
// that it was applied: created, exclusively, when apply starts, so a plan
// is applied once even when two jobs race.
type Applied struct {
	PlanID  string    `json:"plan_id"`
	Started time.Time `json:"started"`
	// Hosts are the outcome per host, written when the apply ends:
	// "applied", "failed", "unreachable" or "refused (drift)".
	Hosts map[string]string `json:"hosts,omitempty"`
}

// AppliedPath is the state file of the plan at path.
func AppliedPath(planPath string) string { return planPath + ".applied" }

// MarkApplied records that p is being applied; it fails, naming when,
// when the plan was applied before.
func (p *Plan) MarkApplied(planPath string) (*Applied, error) {
	state := AppliedPath(planPath)
	f, err := os.OpenFile(state, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		var prev Applied
		data, _ := os.ReadFile(state)
		_ = json.Unmarshal(data, &prev)
		return nil, fmt.Errorf("plan %s was already applied (started %s, recorded in %s): a plan is applied once; make a new plan",
			p.ID, prev.Started.Format(time.RFC3339), state)
	}
	if err != nil {
		return nil, fmt.Errorf("record apply: %w", err)
	}
	a := &Applied{PlanID: p.ID, Started: time.Now().UTC()}
	data, _ := json.MarshalIndent(a, "", "  ")
	if _, err := f.Write(append(data, '\n')); err != nil {
		f.Close()
		return nil, fmt.Errorf("record apply: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("record apply: %w", err)
	}
	return a, nil
}

// Finish writes the hosts' outcomes to the state file.
func (a *Applied) Finish(planPath string, hosts map[string]string) error {
	a.Hosts = hosts
	data, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return fmt.Errorf("record apply: %w", err)
	}
	if err := os.WriteFile(AppliedPath(planPath), append(data, '\n'), 0o600); err != nil {
		return fmt.Errorf("record apply: %w", err)
	}
	return nil
}
