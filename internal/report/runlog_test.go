package report

import (
	"testing"

	"github.com/edxplay/edxplay/engine"
)

// TestRunLogMergesAndCounts: loop items merge into one outcome per host,
// counted as the engine counts the PLAY RECAP.
func TestRunLogMergesAndCounts(t *testing.T) {
	item := func(st engine.Status, changed, ignored bool) engine.HostResult {
		return engine.HostResult{Host: "h", Status: st, IsItem: true, Ignored: ignored,
			Result: map[string]any{"changed": changed}}
	}
	tests := []struct {
		name    string
		results []engine.HostResult
		status  engine.Status
		want    engine.Stats
	}{
		{"ok then changed", []engine.HostResult{item(engine.StatusOK, false, false), item(engine.StatusChanged, true, false)},
			engine.StatusChanged, engine.Stats{OK: 1, Changed: 1}},
		{"all skipped", []engine.HostResult{item(engine.StatusSkipped, false, false), item(engine.StatusSkipped, false, false)},
			engine.StatusSkipped, engine.Stats{Skipped: 1}},
		{"skipped then ok", []engine.HostResult{item(engine.StatusSkipped, false, false), item(engine.StatusOK, false, false)},
			engine.StatusOK, engine.Stats{OK: 1}},
		{"failure among items", []engine.HostResult{item(engine.StatusChanged, true, false), item(engine.StatusFailed, false, false), item(engine.StatusOK, false, false)},
			engine.StatusFailed, engine.Stats{Failed: 1}},
		{"ignored failure that changed", []engine.HostResult{item(engine.StatusFailed, true, true)},
			engine.StatusFailed, engine.Stats{OK: 1, Changed: 1, Ignored: 1}},
		{"unreachable", []engine.HostResult{{Host: "h", Status: engine.StatusUnreachable, Result: map[string]any{"changed": false}}},
			engine.StatusUnreachable, engine.Stats{Unreachable: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newRunLog(false)
			clk := newFakeClock()
			l.startPlay("p", []string{"h"}, clk.now())
			l.startTask("t", false, clk.now())
			var hl *hostLog
			for _, r := range tt.results {
				_, hl = l.record(r, clk.now())
			}
			if hl.status != tt.status {
				t.Errorf("status %s, want %s", hl.status, tt.status)
			}
			p := l.finishPlay(clk.now())
			if p.counts != tt.want {
				t.Errorf("counts %+v, want %+v", p.counts, tt.want)
			}
		})
	}
}

// TestRunLogBindsHostsToTheirTask: with strategy free two tasks run at
// once; TaskHosts ties each host's results to its own task.
func TestRunLogBindsHostsToTheirTask(t *testing.T) {
	l := newRunLog(true)
	clk := newFakeClock()
	l.startTask("a", false, clk.now())
	l.bindHosts("a", []string{"h1"}, clk.now())
	l.startTask("b", false, clk.now())
	l.bindHosts("b", []string{"h2"}, clk.now())
	ta, _ := l.record(engine.HostResult{Host: "h1", Status: engine.StatusOK}, clk.now())
	tb, _ := l.record(engine.HostResult{Host: "h2", Status: engine.StatusOK}, clk.now())
	if ta.title != "a" || tb.title != "b" {
		t.Errorf("h1 went to %q, h2 to %q", ta.title, tb.title)
	}
}
