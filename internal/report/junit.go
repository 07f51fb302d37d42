package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/internal/pyvalue"
)

// JUnit is a reporter that collects the run and writes it, with WriteXML,
// as a JUnit XML report: a <testsuite> per play and a <testcase> per task
// and host, named "TASK NAME [host]", with the play's name as classname.
// A failed task has a <failure>, an unreachable host an <error>, a skipped
// task <skipped/>; an ignored failure passes, with the failure in
// <system-out>. A testcase's time is the seconds from the task's start on
// the host to its last result. Loop items are merged into one testcase.
type JUnit struct {
	mu  sync.Mutex
	now func() time.Time
	log *runLog
}

// NewJUnit returns a JUnit reporter.
func NewJUnit() *JUnit {
	return &JUnit{now: time.Now, log: newRunLog(true)}
}

// PlayStart starts a testsuite.
func (j *JUnit) PlayStart(name string, hosts []string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	now := j.now()
	j.log.finishPlay(now)
	if name == "" {
		name = strings.Join(hosts, ",")
	}
	j.log.startPlay(name, hosts, now)
}

// TaskStart starts a task.
func (j *JUnit) TaskStart(name string, handler bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	now := j.now()
	j.log.finishTask(now)
	j.log.startTask(name, handler, now)
}

// TaskHosts records when each host starts the task.
func (j *JUnit) TaskHosts(task string, hosts []string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.log.bindHosts(task, hosts, j.now())
}

// Included does nothing: includes are not testcases.
func (j *JUnit) Included(string, []string) {}

// Warning does nothing: warnings are not testcases.
func (j *JUnit) Warning(string) {}

// HostResult records a result in its testcase.
func (j *JUnit) HostResult(r engine.HostResult) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.log.record(r, j.now())
}

// Recap ends the last testsuite.
func (j *JUnit) Recap([]string, map[string]*engine.Stats) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.log.finishPlay(j.now())
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name      string      `xml:"name,attr"`
	Tests     int         `xml:"tests,attr"`
	Failures  int         `xml:"failures,attr"`
	Errors    int         `xml:"errors,attr"`
	Skipped   int         `xml:"skipped,attr"`
	Time      string      `xml:"time,attr"`
	Timestamp string      `xml:"timestamp,attr"`
	Cases     []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitSkip    `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

type junitSkip struct {
	Message string `xml:"message,attr,omitempty"`
}

// WriteXML writes the report collected so far to w.
func (j *JUnit) WriteXML(w io.Writer) error {
	j.mu.Lock()
	doc := j.document()
	j.mu.Unlock()
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write junit report: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write junit report: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write junit report: %w", err)
	}
	return nil
}

// document builds the XML tree; the caller holds j.mu.
func (j *JUnit) document() junitSuites {
	doc := junitSuites{Name: "edxplay"}
	var total time.Duration
	for _, p := range j.log.plays {
		s := junitSuite{Name: p.name, Timestamp: p.start.Format("2006-01-02T15:04:05")}
		end := p.end
		if end.IsZero() {
			end = j.now()
		}
		s.Time = seconds(end.Sub(p.start))
		total += end.Sub(p.start)
		for _, t := range p.tasks {
			for _, hl := range t.hosts {
				s.Cases = append(s.Cases, testcase(p.name, t, hl))
			}
		}
		s.Tests = len(s.Cases)
		for _, c := range s.Cases {
			s.Failures += boolInt(c.Failure != nil)
			s.Errors += boolInt(c.Error != nil)
			s.Skipped += boolInt(c.Skipped != nil)
		}
		doc.Suites = append(doc.Suites, s)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Skipped += s.Skipped
	}
	doc.Time = seconds(total)
	return doc
}

// testcase turns one task's outcome on one host into a testcase.
func testcase(play string, t *taskLog, hl *hostLog) junitCase {
	c := junitCase{Name: t.title + " [" + hl.host + "]", Classname: play, Time: seconds(hl.end.Sub(hl.start))}
	switch {
	case hl.status == engine.StatusUnreachable:
		c.Error = &junitProblem{Message: resultMsg(hl.result, "unreachable"), Type: "unreachable", Body: resultText(hl.result)}
	case hl.status == engine.StatusFailed && hl.ignored:
		c.SystemOut = "failure ignored: " + resultText(hl.result)
	case hl.status == engine.StatusFailed:
		c.Failure = &junitProblem{Message: resultMsg(hl.result, "failed"), Type: "failed", Body: resultText(hl.result)}
	case hl.status == engine.StatusSkipped:
		c.Skipped = &junitSkip{Message: resultMsg(hl.result, "")}
	}
	return c
}

// resultMsg is a result's msg (or skip_reason), else def.
func resultMsg(res map[string]any, def string) string {
	for _, k := range []string{"msg", "skip_reason", "censored"} {
		if s, ok := res[k].(string); ok && s != "" {
			return s
		}
	}
	return def
}

// resultText renders a result as compact JSON, keys sorted.
func resultText(res map[string]any) string {
	if res == nil {
		return ""
	}
	return pyvalue.DumpJSON(res, -1)
}

func seconds(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	return fmt.Sprintf("%.3f", d.Seconds())
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
