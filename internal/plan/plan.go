// Package plan records what a check-mode run predicts on each host, saves
// it for review (show) and hand-over to another job, and at apply time
// approves each change against it: the task's pre-state, read again right
// before the change, must match what the plan saw (drift detection). A
// plan is applied once.
package plan

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/edxplay/edxplay/internal/keydiff"
)

// Version is the plan file format version.
const Version = 2

// Plan is a saved prediction of a playbook run.
type Plan struct {
	Version int `json:"version"`
	// ID identifies the plan (recorded when it is applied).
	ID      string    `json:"id"`
	Created time.Time `json:"created"`
	// Inputs are everything the run was made from, so apply repeats it.
	Inputs Inputs `json:"inputs"`
	// Key is the HMAC key of this plan's digests (random per plan), so
	// digests of secret values cannot be compared across plans.
	Key string `json:"key"`
	// Hosts maps each host to its task predictions in run order.
	Hosts map[string][]Task `json:"hosts"`
}

// Task is one planned task (or loop item) on a host.
type Task struct {
	ID     string `json:"id"`
	Name   string `json:"name,omitempty"`
	Module string `json:"module"`
	// Status is what check mode predicted: ok, changed, skipping, unknown, failed.
	Status string `json:"status"`
	// Reason is why an unknown task could not be predicted.
	Reason string `json:"reason,omitempty"`
	// Args are the rendered arguments with secrets removed (for review).
	Args map[string]any `json:"args,omitempty"`
	// ArgsDigest identifies the full arguments, secrets included.
	ArgsDigest string `json:"args_digest"`
	// Fingerprint identifies the pre-state the module observed; PreState
	// has a digest per part of it (a file's content, a result key), so a
	// drift can say what differs.
	Fingerprint string            `json:"fingerprint"`
	PreState    map[string]string `json:"pre_state,omitempty"`
	// Diffs are the predicted changes as --check --diff shows them (known
	// secrets masked; none for no_log tasks).
	Diffs []Diff `json:"diffs,omitempty"`
	// Secret marks a no_log task: only its key-level changes are kept.
	Secret bool `json:"secret,omitempty"`
}

// Diff is one predicted before/after change of a task.
type Diff struct {
	BeforeHeader string `json:"before_header,omitempty"`
	AfterHeader  string `json:"after_header,omitempty"`
	Before       string `json:"before,omitempty"`
	After        string `json:"after,omitempty"`
	// Truncated marks content cut at maxDiffContent.
	Truncated bool `json:"truncated,omitempty"`
	// Keys are the key-level changes of a JSON/YAML configuration file.
	Keys []keydiff.Change `json:"keys,omitempty"`
}

// Summary counts a host's pending changes.
type Summary struct {
	Add     int `json:"add"`
	Change  int `json:"change"`
	Unknown int `json:"unknown"`
}

// String is terraform's phrase: "1 to add, 2 to change, 0 unknown".
func (s Summary) String() string {
	return fmt.Sprintf("%d to add, %d to change, %d unknown", s.Add, s.Change, s.Unknown)
}

// Summary counts the tasks of host that would create something (add),
// change something, or whose effect is unknown.
func (p *Plan) Summary(host string) Summary {
	var s Summary
	for _, t := range p.Hosts[host] {
		switch {
		case t.Status == "unknown":
			s.Unknown++
		case t.Status == "changed" && t.creates():
			s.Add++
		case t.Status == "changed":
			s.Change++
		}
	}
	return s
}

// creates reports whether every predicted diff starts from nothing.
func (t Task) creates() bool {
	if len(t.Diffs) == 0 {
		return false
	}
	for _, d := range t.Diffs {
		absent := strings.TrimSpace(d.Before) == "" || strings.Contains(d.Before, `"state": "absent"`)
		if !absent || (t.Secret && !keysAllAdded(d.Keys)) {
			return false
		}
	}
	return true
}

func keysAllAdded(keys []keydiff.Change) bool {
	for _, k := range keys {
		if k.Op != "+" {
			return false
		}
	}
	return len(keys) > 0
}

// Changes counts the tasks predicted to change (or unknown) on a host.
func (p *Plan) Changes(host string) int {
	s := p.Summary(host)
	return s.Add + s.Change + s.Unknown
}

// Empty reports whether no host has a pending change.
func (p *Plan) Empty() bool {
	for h := range p.Hosts {
		if p.Changes(h) > 0 {
			return false
		}
	}
	return true
}

// SortedHosts returns the plan's hosts by name.
func (p *Plan) SortedHosts() []string {
	hosts := make([]string, 0, len(p.Hosts))
	for h := range p.Hosts {
		hosts = append(hosts, h)
	}
	sort.Strings(hosts)
	return hosts
}

// NewID returns a fresh random plan id.
func NewID() (string, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("plan id: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// Save writes the plan as JSON, mode 0600 (it names hosts, paths and
// inputs); an existing file is replaced.
func (p *Plan) Save(path string) error {
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return fmt.Errorf("encode plan: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o600); err != nil {
		return fmt.Errorf("write plan: %w", err)
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		return fmt.Errorf("write plan: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write plan: %w", err)
	}
	return nil
}

// Load reads a plan file.
func Load(path string) (*Plan, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read plan: %w", err)
	}
	var p Plan
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("%s: not a plan file: %w", path, err)
	}
	if p.Version != Version {
		return nil, fmt.Errorf("%s: plan version %d, this edxplay reads version %d", path, p.Version, Version)
	}
	return &p, nil
}
