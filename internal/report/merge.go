package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"time"

	"github.com/edxplay/edxplay/engine"
)

// maxEventLine bounds one JSON event line read back by ReadStream.
const maxEventLine = 64 << 20

// Stream is one slice's JSON event stream (see JSON), read back for
// merging: its slice, its recap and its plays as a JUnit report sees them.
type Stream struct {
	Name string
	// Slice is the stream's slice event (zero when it has none).
	Slice engine.Slice
	recap map[string]jsonStats
	junit *JUnit
}

// event is the union of the fields of every event type that merging reads.
type event struct {
	Event   string          `json:"event"`
	Time    string          `json:"time"`
	Play    string          `json:"play"`
	Task    string          `json:"task"`
	Handler bool            `json:"handler"`
	Hosts   json.RawMessage `json:"hosts"`
	Host    string          `json:"host"`
	Action  string          `json:"action"`
	Status  engine.Status   `json:"status"`
	Item    *string         `json:"item"`
	Ignored bool            `json:"ignored"`
	Changed bool            `json:"changed"`
	Result  map[string]any  `json:"result"`
	Index   int             `json:"index"`
	Count   int             `json:"count"`
}

// ReadStream reads a JSON event stream; name (a file name) prefixes errors.
func ReadStream(name string, r io.Reader) (*Stream, error) {
	s := &Stream{Name: name, junit: NewJUnit()}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxEventLine)
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var ev event
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.UseNumber()
		if err := dec.Decode(&ev); err != nil {
			return nil, fmt.Errorf("%s:%d: not a JSON event: %w", name, line, err)
		}
		ev.Result = numbers(ev.Result).(map[string]any)
		if err := s.replay(ev); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if s.recap == nil {
		return nil, fmt.Errorf("%s: no recap event: that run did not finish", name)
	}
	return s, nil
}

// replay feeds one event to the stream's JUnit log.
func (s *Stream) replay(ev event) error {
	at, err := time.Parse(time.RFC3339Nano, ev.Time)
	if err != nil {
		return fmt.Errorf("%s event: bad time %q", ev.Event, ev.Time)
	}
	s.junit.now = func() time.Time { return at }
	switch ev.Event {
	case "slice":
		s.Slice = engine.Slice{Index: ev.Index, Count: ev.Count}
		return s.Slice.Validate()
	case "play_start", "task_hosts":
		var hosts []string
		if err := json.Unmarshal(ev.Hosts, &hosts); err != nil {
			return fmt.Errorf("%s event: hosts: %w", ev.Event, err)
		}
		if ev.Event == "play_start" {
			s.junit.PlayStart(ev.Play, hosts)
		} else {
			s.junit.TaskHosts(ev.Task, hosts)
		}
	case "task_start":
		s.junit.TaskStart(ev.Task, ev.Handler)
	case "host_result":
		s.junit.HostResult(ev.hostResult())
	case "recap":
		if err := json.Unmarshal(ev.Hosts, &s.recap); err != nil {
			return fmt.Errorf("recap event: hosts: %w", err)
		}
		s.junit.Recap(nil, nil)
	}
	return nil
}

// numbers turns the json.Numbers of a decoded value back into the int
// or float64 the run reported, so results print as they did there.
func numbers(v any) any {
	switch t := v.(type) {
	case json.Number:
		if i, err := strconv.Atoi(t.String()); err == nil {
			return i
		}
		f, _ := t.Float64()
		return f
	case map[string]any:
		for k, e := range t {
			t[k] = numbers(e)
		}
	case []any:
		for i, e := range t {
			t[i] = numbers(e)
		}
	}
	return v
}

func (ev event) hostResult() engine.HostResult {
	r := engine.HostResult{Host: ev.Host, Task: ev.Task, Action: ev.Action, Status: ev.Status,
		Ignored: ev.Ignored, IsItem: ev.Item != nil, Result: ev.Result}
	if ev.Item != nil {
		r.Item = *ev.Item
	}
	if ev.Changed && r.Status == engine.StatusOK {
		r.Status = engine.StatusChanged
	}
	return r
}

// Merged is a whole run put back together from its slices' streams.
type Merged struct {
	// Hosts are the recap's hosts, sorted; Stats their merged counts.
	Hosts []string
	Stats map[string]*engine.Stats
	junit *JUnit
}

// Merge checks that streams are the slices of one run, each once, and
// merges them: recap counts add up (a host outside the inventory, such as
// localhost, runs in every slice), and each play's tasks line up by title
// in the order the slices ran them.
func Merge(streams []*Stream) (*Merged, error) {
	if err := checkSlices(streams); err != nil {
		return nil, err
	}
	m := &Merged{Stats: map[string]*engine.Stats{}, junit: NewJUnit()}
	for _, s := range streams {
		for host, st := range s.recap {
			sum := m.Stats[host]
			if sum == nil {
				sum = &engine.Stats{}
				m.Stats[host] = sum
				m.Hosts = append(m.Hosts, host)
			}
			sum.OK += st.OK
			sum.Changed += st.Changed
			sum.Unreachable += st.Unreachable
			sum.Failed += st.Failed
			sum.Skipped += st.Skipped
			sum.Rescued += st.Rescued
			sum.Ignored += st.Ignored
		}
		mergePlays(m.junit.log, s.junit.log.plays)
	}
	sort.Strings(m.Hosts)
	return m, nil
}

// checkSlices refuses streams that are not slices 1..N of one count, each
// exactly once: a merged report missing a slice would pass hosts it never ran.
func checkSlices(streams []*Stream) error {
	if len(streams) == 0 {
		return errors.New("no event streams to merge")
	}
	count := streams[0].Slice.Count
	seen := map[int]string{}
	for _, s := range streams {
		switch {
		case s.Slice.Count != count:
			return fmt.Errorf("%s is slice %s but %s is slice %s: not slices of one run",
				s.Name, s.Slice, streams[0].Name, streams[0].Slice)
		case count == 0 && len(streams) > 1:
			return fmt.Errorf("%s is not a sliced run (no slice event): run each slice with --slice", s.Name)
		case seen[s.Slice.Index] != "":
			return fmt.Errorf("%s and %s are both slice %s", seen[s.Slice.Index], s.Name, s.Slice)
		}
		seen[s.Slice.Index] = s.Name
	}
	for i := 1; i <= count; i++ {
		if seen[i] == "" {
			return fmt.Errorf("slice %d/%d is missing: merge needs the stream of every slice", i, count)
		}
	}
	return nil
}

// mergePlays adds one slice's plays to the merged log, play by play.
func mergePlays(into *runLog, plays []*playLog) {
	for i, p := range plays {
		if i == len(into.plays) {
			into.plays = append(into.plays, &playLog{name: p.name, start: p.start, end: p.end})
		}
		mp := into.plays[i]
		mp.hosts = append(mp.hosts, p.hosts...)
		if p.start.Before(mp.start) {
			mp.start = p.start
		}
		if p.end.After(mp.end) {
			mp.end = p.end
		}
		mp.tasks = mergeTasks(mp.tasks, p.tasks)
	}
}

// mergeTasks lines up a slice's tasks with the merged ones: a task joins
// the next merged task of its title after the last one matched, or is
// inserted there when there is none.
func mergeTasks(merged, tasks []*taskLog) []*taskLog {
	pos := 0
	for _, t := range tasks {
		at := -1
		for j := pos; j < len(merged); j++ {
			if merged[j].title == t.title && merged[j].handler == t.handler {
				at = j
				break
			}
		}
		if at < 0 {
			at = pos
			merged = append(merged[:at], append([]*taskLog{{title: t.title, handler: t.handler,
				start: t.start, end: t.end}}, merged[at:]...)...)
		}
		merged[at].hosts = append(merged[at].hosts, t.hosts...)
		pos = at + 1
	}
	return merged
}

// WriteRecap prints the merged PLAY RECAP, as the human output ends.
func (m *Merged) WriteRecap(w io.Writer) { NewHuman(w, 0, false).Recap(m.Hosts, m.Stats) }

// WriteJUnit writes the merged JUnit report (see JUnit).
func (m *Merged) WriteJUnit(w io.Writer) error { return m.junit.WriteXML(w) }

// Summary is the merged outcome, for the exit code.
// A host counted failed in a slice's recap makes the merged run failed
// (a slice's stream does not tell a failure forgiven by
// meta: clear_host_errors apart).
func (m *Merged) Summary() *engine.Summary {
	sum := &engine.Summary{Hosts: m.Hosts, Stats: m.Stats}
	for _, st := range m.Stats {
		sum.Failed = sum.Failed || st.Failed > 0
	}
	return sum
}

// Slice writes a slice event: {"event": "slice", "index": I, "count": N}.
// A sliced run sends it first, so that merging can tell its slices apart
// and notice a missing one.
func (j *JSON) Slice(s engine.Slice) {
	j.mu.Lock()
	defer j.mu.Unlock()
	h, _ := j.next("slice")
	j.emit(sliceEvent{header: h, Index: s.Index, Count: s.Count})
}

type sliceEvent struct {
	header
	Index int `json:"index"`
	Count int `json:"count"`
}
