package plan

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/internal/keydiff"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/pyvalue"
	"github.com/edxplay/edxplay/modules"
)

// Recorder builds plan tasks from a run's task records; it implements
// engine.Recorder.
type Recorder struct {
	key    []byte
	redact func(string) string
	mu     sync.Mutex
	hosts  map[string][]Task
}

// NewRecorder returns a recorder with a fresh random key. redact masks
// known secrets (vault values) in what is kept for review.
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
	if redact == nil {
		redact = func(s string) string { return s }
	}
	return &Recorder{key: key, redact: redact, hosts: map[string][]Task{}}
}

// Key returns the recorder's key, hex encoded.
func (r *Recorder) Key() string { return hex.EncodeToString(r.key) }

// Digester returns a file digester with the recorder's key.
func (r *Recorder) Digester(skip ...string) *Digester { return NewDigester(r.key, skip...) }

// Hosts returns the recorded tasks per host, the values of auth file keys
// hidden in every secret file of the host.
func (r *Recorder) Hosts() map[string][]Task {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[string][]Task, len(r.hosts))
	for h, ts := range r.hosts {
		out[h] = maskAuthKeys(append([]Task(nil), ts...))
	}
	return out
}

// Record stores one task record.
func (r *Recorder) Record(host string, rec engine.TaskRecord) {
	t := r.task(rec)
	r.mu.Lock()
	r.hosts[host] = append(r.hosts[host], t)
	r.mu.Unlock()
}

// task is the plan's view of a record.
func (r *Recorder) task(rec engine.TaskRecord) Task {
	name := rec.Task
	if name == "" {
		name = rec.Module
	}
	pre := r.preState(rec)
	t := Task{ID: rec.ID, Name: r.redact(name), Module: rec.Module, Status: string(rec.Status),
		ArgsDigest: r.digest(rec.Args), PreState: pre, Fingerprint: r.digest(pre), Secret: rec.NoLog}
	if rec.Status == engine.StatusUnknown && !rec.NoLog {
		t.Reason = r.redact(fmt.Sprint(rec.Result["msg"]))
	}
	if rec.NoLog {
		t.Diffs = secretDiffs(rec, r.redact)
		return t
	}
	t.Args = r.reviewArgs(rec)
	t.Diffs = r.shownDiffs(rec)
	return t
}

// digest is an HMAC of v's canonical JSON.
func (r *Recorder) digest(v any) string {
	mac := hmac.New(sha256.New, r.key)
	mac.Write([]byte(pyvalue.DumpJSON(v, -1)))
	return hex.EncodeToString(mac.Sum(nil))
}

// unstable result keys change between runs, or between check mode and
// apply, without saying anything about the host's state before the task.
var unstable = map[string]bool{"start": true, "end": true, "delta": true, "attempts": true,
	"invocation": true, "backup_file": true, "backup": true, "_ansible_item_label": true, "ansible_loop_var": true,
	"ansible_index_var": true, "ansible_loop": true, "changed": true, "failed": true, "failed_when_result": true,
	"check_mode_unknown": true, "skipped": true, "skip_reason": true, "diff": true, "_ansible_no_log": true}

// preState digests, part by part, what a module's description says about
// the host as it was: the before sides of its diffs and its result.
func (r *Recorder) preState(rec engine.TaskRecord) map[string]string {
	out := map[string]string{}
	for i, d := range rec.Diffs {
		label := fmt.Sprintf("before #%d", i+1)
		if h := firstNonEmpty(d.BeforeHeader, d.AfterHeader); h != "" {
			label = "content of " + h
		}
		out[label] = r.digest(d.Before)
	}
	// a loop item's result names its loop and index variables
	loopVar, _ := rec.Result["ansible_loop_var"].(string)
	indexVar, _ := rec.Result["ansible_index_var"].(string)
	for k, v := range rec.Result {
		if !unstable[k] && k != loopVar && k != indexVar {
			out["result "+k] = r.digest(v)
		}
	}
	return out
}

// reviewArgs are the arguments shown in a plan: secret module arguments
// (no_log in the module's spec) removed, known secrets masked.
func (r *Recorder) reviewArgs(rec engine.TaskRecord) map[string]any {
	if rec.Args == nil {
		return nil
	}
	secret := map[string]bool{}
	if mod, ok := modules.Lookup(rec.Module); ok {
		for _, a := range mod.Spec().Args {
			// content is what the diff shows anyway (known secrets masked)
			if a.NoLog && a.Name != "content" {
				secret[a.Name] = true
			}
		}
	}
	out := map[string]any{}
	for k, v := range rec.Args {
		if secret[k] {
			out[k] = "(secret)"
			continue
		}
		out[k] = r.maskValue(v)
	}
	return out
}

// maskValue masks known secrets inside strings of a value tree.
func (r *Recorder) maskValue(v any) any {
	switch x := v.(type) {
	case string:
		return r.redact(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = r.maskValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = r.maskValue(e)
		}
		return out
	case *odict.Map:
		out := odict.New(x.Len())
		for k, e := range x.All() {
			out.Set(k, r.maskValue(e))
		}
		return out
	}
	return v
}

// maskAuthKeys hides, in the secret tasks of one host, the values of the
// keys that the host's auth files hold.
func maskAuthKeys(tasks []Task) []Task {
	auth := map[string]bool{}
	for _, t := range tasks {
		for _, d := range t.Diffs {
			if keydiff.AuthFile(diffPath(d)) {
				for _, k := range d.Keys {
					auth[k.Key] = true
				}
			}
		}
	}
	for i, t := range tasks {
		if !t.Secret || len(auth) == 0 {
			continue
		}
		diffs := make([]Diff, len(t.Diffs))
		for j, d := range t.Diffs {
			d.Keys = keydiff.Mask(d.Keys, func(k string) bool { return auth[k] })
			diffs[j] = d
		}
		tasks[i].Diffs = diffs
	}
	return tasks
}

// diffPath is the file a diff is of (its header without " (content)").
func diffPath(d Diff) string {
	return strings.TrimSuffix(firstNonEmpty(d.BeforeHeader, d.AfterHeader), " (content)")
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
