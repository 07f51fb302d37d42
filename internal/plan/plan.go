// Package plan records what a check-mode run predicts on each host, saves
// it for review, and verifies at apply time that every host is still in
// the state the plan saw (drift detection).
package plan

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/internal/pyvalue"
)

// Version is the plan file format version.
const Version = 1

// Plan is a saved prediction of a playbook run.
type Plan struct {
	Version int       `json:"version"`
	Created time.Time `json:"created"`
	// Inputs are what the run was made from, so apply can repeat it.
	Inputs Inputs `json:"inputs"`
	// Key is the HMAC key of this plan's digests (random per plan), so
	// digests of secret arguments cannot be compared across plans.
	Key string `json:"key"`
	// Hosts maps each host to its task predictions in run order.
	Hosts map[string][]Task `json:"hosts"`
}

// Inputs are the command-line inputs of the planned run.
type Inputs struct {
	Playbook  string   `json:"playbook"`
	Inventory []string `json:"inventory"`
	// ExtraVars are the -e arguments: "@/abs/file" as given, inline ones
	// only as "inline:DIGEST" (they may hold secrets; apply takes them again).
	ExtraVars []string `json:"extra_vars,omitempty"`
	Limit     string   `json:"limit,omitempty"`
	Tags      []string `json:"tags,omitempty"`
	SkipTags  []string `json:"skip_tags,omitempty"`
	// StartAtTask, Strategy, RemoteUser, Connection and the become settings
	// are the plan's --start-at-task, --strategy, -u, -c, -b, --become-user
	// and --become-method: apply runs with them again.
	StartAtTask string `json:"start_at_task,omitempty"`
	Strategy    string `json:"strategy,omitempty"`
	// ForceHandlers is --force-handlers.
	ForceHandlers bool   `json:"force_handlers,omitempty"`
	RemoteUser    string `json:"remote_user,omitempty"`
	Connection    string `json:"connection,omitempty"`
	Become        bool   `json:"become,omitempty"`
	BecomeUser    string `json:"become_user,omitempty"`
	BecomeMethod  string `json:"become_method,omitempty"`
	// WorkDir is the directory the plan was made in (relative paths).
	WorkDir string `json:"work_dir"`
}

// Task is one planned task (or loop item) on a host.
type Task struct {
	ID     string `json:"id"`
	Name   string `json:"name,omitempty"`
	Module string `json:"module"`
	// Status is what check mode predicted: ok, changed, skipping, unknown, failed.
	Status string `json:"status"`
	// Args are the rendered arguments with secrets removed (for review).
	Args map[string]any `json:"args,omitempty"`
	// ArgsDigest identifies the full arguments, secrets included.
	ArgsDigest string `json:"args_digest"`
	// Fingerprint identifies the before-state the module observed.
	Fingerprint string `json:"fingerprint"`
	// Diff summarises the predicted change (no secret content).
	Diff []string `json:"diff,omitempty"`
}

// Changes counts the tasks predicted to change (or unknown) on a host.
func (p *Plan) Changes(host string) int {
	n := 0
	for _, t := range p.Hosts[host] {
		if t.Status == string(engine.StatusChanged) || t.Status == string(engine.StatusUnknown) {
			n++
		}
	}
	return n
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

// Save writes the plan as JSON (mode 0600: it names hosts and paths).
func (p *Plan) Save(path string) error {
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return fmt.Errorf("encode plan: %w", err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o600); err != nil {
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

// Recorder builds plan tasks from a run's task records; it implements
// engine.Recorder.
type Recorder struct {
	key    []byte
	redact func(string) string
	mu     sync.Mutex
	hosts  map[string][]Task
}

// NewRecorder returns a recorder with a fresh random key. redact masks
// known secrets (vault values) in the arguments kept for review.
func NewRecorder(redact func(string) string) (*Recorder, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("plan key: %w", err)
	}
	return NewRecorderWithKey(key, redact), nil
}

// NewRecorderWithKey returns a recorder using key (apply re-records with
// the plan's key so digests compare).
func NewRecorderWithKey(key []byte, redact func(string) string) *Recorder {
	return &Recorder{key: key, redact: redact, hosts: map[string][]Task{}}
}

// Key returns the recorder's key, hex encoded.
func (r *Recorder) Key() string { return hex.EncodeToString(r.key) }

// Hosts returns the recorded tasks per host.
func (r *Recorder) Hosts() map[string][]Task {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[string][]Task, len(r.hosts))
	for h, ts := range r.hosts {
		out[h] = append([]Task(nil), ts...)
	}
	return out
}

// Record stores one task record.
func (r *Recorder) Record(host string, rec engine.TaskRecord) {
	name := rec.Task
	if name == "" {
		name = rec.Module
	}
	t := Task{ID: rec.ID, Name: name, Module: rec.Module, Status: string(rec.Status),
		ArgsDigest: r.digest(rec.Args), Fingerprint: r.digest(beforeState(rec))}
	if !rec.NoLog {
		t.Args = r.reviewArgs(rec)
		t.Diff = diffSummary(rec)
	}
	r.mu.Lock()
	r.hosts[host] = append(r.hosts[host], t)
	r.mu.Unlock()
}

// digest is an HMAC of v's canonical JSON.
func (r *Recorder) digest(v any) string {
	mac := hmac.New(sha256.New, r.key)
	mac.Write([]byte(pyvalue.DumpJSON(v, -1)))
	return hex.EncodeToString(mac.Sum(nil))
}

// inlinePrefix marks an inline -e argument kept only as a digest.
const inlinePrefix = "inline:"

// RecordExtraVars turns -e arguments into plan inputs: files by absolute
// path, inline values by digest.
func (r *Recorder) RecordExtraVars(args []string, abs func(string) string) []string {
	var out []string
	for _, a := range args {
		if strings.HasPrefix(a, "@") {
			out = append(out, "@"+abs(a[1:]))
			continue
		}
		out = append(out, inlinePrefix+r.digest(a))
	}
	return out
}

// ExtraVars rebuilds the -e arguments for apply: files from the plan,
// inline values from given (in order), each checked against its digest.
func (p *Plan) ExtraVars(given []string) ([]string, error) {
	key, err := hex.DecodeString(p.Key)
	if err != nil {
		return nil, fmt.Errorf("plan key: %w", err)
	}
	r := NewRecorderWithKey(key, nil)
	var inline []string
	for _, g := range given {
		if !strings.HasPrefix(g, "@") {
			inline = append(inline, g)
		}
	}
	var out []string
	for _, e := range p.Inputs.ExtraVars {
		if !strings.HasPrefix(e, inlinePrefix) {
			out = append(out, e)
			continue
		}
		if len(inline) == 0 || r.digest(inline[0]) != strings.TrimPrefix(e, inlinePrefix) {
			return nil, fmt.Errorf("the plan was made with inline -e values: give apply the same -e key=value arguments, in the same order")
		}
		out, inline = append(out, inline[0]), inline[1:]
	}
	if len(inline) > 0 {
		return nil, fmt.Errorf("apply got -e %q, which the plan was not made with", inline[0])
	}
	return out, nil
}
