package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/internal/pyvalue"
)

// JSON is a reporter that writes a run's events as JSON Lines: one object per line, in the
// order the engine reports them. Every object has these fields:
//
//	event  string   the event type, below
//	seq    integer  1 for the first event, then +1 per event
//	time   string   when the event was reported, RFC 3339 with nanoseconds
//
// and, per event type:
//
//	slice        index, count (integers): first event of a sliced run
//	             (run --slice), for report merge
//	play_start   play (string: the play's name), hosts (list of strings)
//	task_start   task (string: the task's title, "role : name" in roles),
//	             handler (bool: a handler is running)
//	task_hosts   task, hosts: the hosts the task runs on (sent only when
//	             the engine reports them)
//	included     file (string), hosts (list of strings): include_tasks
//	host_result  host, task, action (module name), status ("ok",
//	             "changed", "skipping", "failed" or "unreachable"),
//	             item (loop item label, "None" under no_log; absent for a
//	             task's final result: a loop task sends one host_result
//	             per item and none for the whole task),
//	             delegate (absent unless delegated), ignored, changed,
//	             failed, skipped (bools), result (the module result without
//	             internal "_ansible" keys; for no_log tasks only the
//	             "censored" message), diff (list of {before_header,
//	             after_header, before, after}; absent when empty or no_log)
//	warning      msg (string)
//	recap        hosts: {host: {ok, changed, unreachable, failed, skipped,
//	             rescued, ignored}} (integers, as the PLAY RECAP)
//
// A result that cannot be encoded as JSON (a NaN, say) is replaced by
// {"unencodable": "<Python-style repr>"}.
type JSON struct {
	mu  sync.Mutex
	w   io.Writer
	seq int64
	now func() time.Time
	log *runLog
	err error
}

// NewJSON returns a reporter writing one JSON object per event to w.
func NewJSON(w io.Writer) *JSON {
	return &JSON{w: w, now: time.Now, log: newRunLog(false)}
}

// Err returns the first write error, if any.
func (j *JSON) Err() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.err
}

// header is the part every event shares.
type header struct {
	Event string `json:"event"`
	Seq   int64  `json:"seq"`
	Time  string `json:"time"`
}

type playEvent struct {
	header
	Play  string   `json:"play"`
	Hosts []string `json:"hosts"`
}

type taskEvent struct {
	header
	Task    string `json:"task"`
	Handler bool   `json:"handler"`
}

type hostsEvent struct {
	header
	Task  string   `json:"task,omitempty"`
	File  string   `json:"file,omitempty"`
	Hosts []string `json:"hosts"`
}

type resultEvent struct {
	header
	Host     string         `json:"host"`
	Delegate string         `json:"delegate,omitempty"`
	Task     string         `json:"task"`
	Action   string         `json:"action"`
	Status   engine.Status  `json:"status"`
	Item     *string        `json:"item,omitempty"`
	Ignored  bool           `json:"ignored"`
	Changed  bool           `json:"changed"`
	Failed   bool           `json:"failed"`
	Skipped  bool           `json:"skipped"`
	Result   map[string]any `json:"result"`
	Diff     []jsonDiff     `json:"diff,omitempty"`
}

type jsonDiff struct {
	BeforeHeader string `json:"before_header"`
	AfterHeader  string `json:"after_header"`
	Before       string `json:"before"`
	After        string `json:"after"`
}

type warningEvent struct {
	header
	Msg string `json:"msg"`
}

type recapEvent struct {
	header
	Hosts map[string]jsonStats `json:"hosts"`
}

type jsonStats struct {
	OK          int `json:"ok"`
	Changed     int `json:"changed"`
	Unreachable int `json:"unreachable"`
	Failed      int `json:"failed"`
	Skipped     int `json:"skipped"`
	Rescued     int `json:"rescued"`
	Ignored     int `json:"ignored"`
}

// next returns the header of a new event; the caller holds j.mu.
func (j *JSON) next(event string) (header, time.Time) {
	j.seq++
	now := j.now()
	return header{Event: event, Seq: j.seq, Time: now.Format(time.RFC3339Nano)}, now
}

// emit writes one event line; the caller holds j.mu.
func (j *JSON) emit(v any) {
	b, err := encodeLine(v)
	if err != nil {
		if re, ok := v.(resultEvent); ok {
			re.Result = map[string]any{"unencodable": pyvalue.DumpJSON(re.Result, -1)}
			b, err = encodeLine(re)
		}
		if err != nil {
			j.fail(fmt.Errorf("encode json event: %w", err))
			return
		}
	}
	if _, err := j.w.Write(b); err != nil {
		j.fail(fmt.Errorf("write json event: %w", err))
	}
}

// encodeLine encodes v as one line of JSON, leaving <, > and & as they are.
func encodeLine(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (j *JSON) fail(err error) {
	if j.err == nil {
		j.err = err
	}
}

// PlayStart writes a play_start event.
func (j *JSON) PlayStart(name string, hosts []string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	h, now := j.next("play_start")
	j.log.finishPlay(now)
	j.log.startPlay(name, hosts, now)
	j.emit(playEvent{header: h, Play: name, Hosts: nonNil(hosts)})
}

// TaskStart writes a task_start event.
func (j *JSON) TaskStart(name string, handler bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	h, now := j.next("task_start")
	j.log.finishTask(now)
	j.log.startTask(name, handler, now)
	j.emit(taskEvent{header: h, Task: name, Handler: handler})
}

// TaskHosts writes a task_hosts event.
func (j *JSON) TaskHosts(task string, hosts []string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	h, now := j.next("task_hosts")
	j.log.bindHosts(task, hosts, now)
	j.emit(hostsEvent{header: h, Task: task, Hosts: nonNil(hosts)})
}

// Included writes an included event.
func (j *JSON) Included(file string, hosts []string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	h, _ := j.next("included")
	j.emit(hostsEvent{header: h, File: file, Hosts: nonNil(hosts)})
}

// HostResult writes a host_result event.
func (j *JSON) HostResult(r engine.HostResult) {
	j.mu.Lock()
	defer j.mu.Unlock()
	h, now := j.next("host_result")
	t, _ := j.log.record(r, now)
	ev := resultEvent{header: h, Host: r.Host, Delegate: r.Delegate, Task: t.title, Action: r.Action,
		Status: r.Status, Ignored: r.Ignored, Failed: r.Status == engine.StatusFailed,
		Skipped: r.Status == engine.StatusSkipped, Result: visibleResult(r)}
	ev.Changed = r.Status == engine.StatusChanged || (!r.NoLog && r.Result["changed"] == true)
	if ev.Task == "" {
		ev.Task = r.Task
	}
	if r.IsItem {
		item := r.Item
		if r.NoLog {
			item = "None"
		}
		ev.Item = &item
	}
	if !r.NoLog {
		for _, d := range r.Diffs {
			ev.Diff = append(ev.Diff, jsonDiff{BeforeHeader: d.BeforeHeader, AfterHeader: d.AfterHeader,
				Before: d.Before, After: d.After})
		}
	}
	j.emit(ev)
}

// Warning writes a warning event.
func (j *JSON) Warning(msg string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	h, _ := j.next("warning")
	j.emit(warningEvent{header: h, Msg: msg})
}

// Recap writes the recap event.
func (j *JSON) Recap(hosts []string, stats map[string]*engine.Stats) {
	j.mu.Lock()
	defer j.mu.Unlock()
	h, now := j.next("recap")
	j.log.finishPlay(now)
	out := map[string]jsonStats{}
	for _, name := range hosts {
		s := stats[name]
		if s == nil {
			s = &engine.Stats{}
		}
		out[name] = jsonStats{OK: s.OK, Changed: s.Changed, Unreachable: s.Unreachable, Failed: s.Failed,
			Skipped: s.Skipped, Rescued: s.Rescued, Ignored: s.Ignored}
	}
	j.emit(recapEvent{header: h, Hosts: out})
}

// nonNil makes an absent host list encode as [] rather than null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
