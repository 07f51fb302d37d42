package report

import (
	"bytes"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/edxplay/edxplay/engine"
)

// recorder logs the events it receives into a shared journal.
type recorder struct {
	name    string
	journal *[]string
}

func (r *recorder) log(ev string) { *r.journal = append(*r.journal, r.name+" "+ev) }

func (r *recorder) PlayStart(name string, _ []string) { r.log("play " + name) }
func (r *recorder) TaskStart(name string, _ bool)     { r.log("task " + name) }
func (r *recorder) Included(file string, _ []string)  { r.log("included " + file) }
func (r *recorder) HostResult(res engine.HostResult)  { r.log("result " + res.Host) }
func (r *recorder) Warning(msg string)                { r.log("warning " + msg) }
func (r *recorder) Recap([]string, map[string]*engine.Stats) {
	r.log("recap")
}

// hostsRecorder also takes TaskHosts and HostDone.
type hostsRecorder struct{ recorder }

func (r *hostsRecorder) TaskHosts(task string, hosts []string) {
	r.log(fmt.Sprintf("hosts %s %v", task, hosts))
}
func (r *hostsRecorder) HostDone(task, host string) { r.log("done " + task + " " + host) }

func TestTeeFansOutInOrder(t *testing.T) {
	var journal []string
	a := &recorder{name: "a", journal: &journal}
	b := &hostsRecorder{recorder{name: "b", journal: &journal}}
	tee := NewTee(a, nil, b)
	tee.PlayStart("p", []string{"h"})
	tee.TaskStart("t", false)
	tee.TaskHosts("t", []string{"h"})
	tee.HostResult(engine.HostResult{Host: "h"})
	tee.HostDone("t", "h")
	tee.Warning("w")
	tee.Included("f.yml", nil)
	tee.Recap(nil, nil)
	want := []string{"a play p", "b play p", "a task t", "b task t", "b hosts t [h]", "a result h", "b result h",
		"b done t h", "a warning w", "b warning w", "a included f.yml", "b included f.yml", "a recap", "b recap"}
	if !slices.Equal(journal, want) {
		t.Errorf("journal:\n%q\nwant:\n%q", journal, want)
	}
}

// TestTeeSameStreamUnderConcurrency: concurrent HostResult calls reach
// every reporter in one and the same order.
func TestTeeSameStreamUnderConcurrency(t *testing.T) {
	var ja, jb []string
	tee := NewTee(&recorder{name: "", journal: &ja}, &recorder{name: "", journal: &jb})
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tee.HostResult(engine.HostResult{Host: fmt.Sprint("h", i)})
		}()
	}
	wg.Wait()
	if len(ja) != 50 || !slices.Equal(ja, jb) {
		t.Errorf("reporters saw different streams:\n%v\n%v", ja, jb)
	}
}

// TestTeeOutputsMatchSingle: a reporter behind a Tee with others writes
// what it writes alone.
func TestTeeOutputsMatchSingle(t *testing.T) {
	for _, sc := range scenarios() {
		t.Run(sc.name, func(t *testing.T) {
			clk := newFakeClock()
			var jbuf, hbuf bytes.Buffer
			j := NewJSON(&jbuf)
			j.now = clk.now
			h := NewHuman(&hbuf, 1, true)
			h.now = clk.now
			u := NewJUnit()
			u.now = clk.now
			sc.run(NewTee(h, j, u), clk)
			if got := jbuf.String(); got != runJSON(sc) {
				t.Errorf("json behind a tee differs:\n%s", got)
			}
			if got := hbuf.String(); got != runHuman(sc, 1) {
				t.Errorf("human behind a tee differs:\n%s", got)
			}
			var x bytes.Buffer
			if err := u.WriteXML(&x); err != nil || x.String() != runJUnit(t, sc) {
				t.Errorf("junit behind a tee differs (%v):\n%s", err, x.String())
			}
		})
	}
}
