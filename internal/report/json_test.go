package report

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/edxplay/edxplay/engine"
)

func runJSON(sc scenario) string {
	var buf bytes.Buffer
	clk := newFakeClock()
	j := NewJSON(&buf)
	j.now = clk.now
	sc.run(NewTee(j), clk)
	return buf.String()
}

func TestJSONGolden(t *testing.T) {
	for _, sc := range scenarios() {
		t.Run(sc.name, func(t *testing.T) {
			checkGolden(t, "json", sc.name+".jsonl", runJSON(sc))
		})
	}
}

// TestJSONEnvelope checks every line is an object with event, a seq
// counting from 1 and an RFC 3339 time that never goes back.
func TestJSONEnvelope(t *testing.T) {
	for _, sc := range scenarios() {
		t.Run(sc.name, func(t *testing.T) {
			lines := strings.Split(strings.TrimSuffix(runJSON(sc), "\n"), "\n")
			var last time.Time
			for i, line := range lines {
				var ev struct {
					Event string `json:"event"`
					Seq   int    `json:"seq"`
					Time  string `json:"time"`
				}
				if err := json.Unmarshal([]byte(line), &ev); err != nil {
					t.Fatalf("line %d: %v: %s", i+1, err, line)
				}
				ts, err := time.Parse(time.RFC3339Nano, ev.Time)
				if err != nil || ts.Before(last) {
					t.Errorf("line %d: bad time %q (%v)", i+1, ev.Time, err)
				}
				last = ts
				if ev.Seq != i+1 || ev.Event == "" {
					t.Errorf("line %d: seq %d event %q", i+1, ev.Seq, ev.Event)
				}
			}
			if !strings.Contains(lines[len(lines)-1], `"event":"recap"`) {
				t.Errorf("last event is not the recap: %s", lines[len(lines)-1])
			}
		})
	}
}

func TestJSONHostResultFields(t *testing.T) {
	tests := []struct {
		name string
		in   engine.HostResult
		want map[string]any
	}{
		{"changed", engine.HostResult{Host: "h", Status: engine.StatusChanged, Result: map[string]any{"changed": true}},
			map[string]any{"status": "changed", "changed": true, "failed": false, "skipped": false, "ignored": false}},
		{"ignored failure", engine.HostResult{Host: "h", Status: engine.StatusFailed, Ignored: true},
			map[string]any{"status": "failed", "changed": false, "failed": true, "ignored": true}},
		{"skipped", engine.HostResult{Host: "h", Status: engine.StatusSkipped},
			map[string]any{"status": "skipping", "skipped": true, "failed": false}},
		{"failed but changed", engine.HostResult{Host: "h", Status: engine.StatusFailed, Result: map[string]any{"changed": true}},
			map[string]any{"status": "failed", "changed": true, "failed": true}},
		{"item", engine.HostResult{Host: "h", Status: engine.StatusOK, IsItem: true, Item: "x"},
			map[string]any{"item": "x"}},
		{"unencodable", engine.HostResult{Host: "h", Status: engine.StatusOK, Result: map[string]any{"v": math.NaN()}},
			map[string]any{"result": map[string]any{"unencodable": `{"v": NaN}`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			NewJSON(&buf).HostResult(tt.in)
			var got map[string]any
			if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
				t.Fatalf("%v: %s", err, buf.String())
			}
			for k, v := range tt.want {
				gb, _ := json.Marshal(got[k])
				wb, _ := json.Marshal(v)
				if string(gb) != string(wb) {
					t.Errorf("%s = %s, want %s", k, gb, wb)
				}
			}
			if _, ok := got["item"]; ok != tt.in.IsItem {
				t.Errorf("item present = %v, want %v", ok, tt.in.IsItem)
			}
		})
	}
}

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errFailingWriter }

var errFailingWriter = &json.UnsupportedValueError{Str: "disk full"}

func TestJSONWriteError(t *testing.T) {
	j := NewJSON(failingWriter{})
	j.Warning("x")
	if j.Err() == nil || !strings.Contains(j.Err().Error(), "write json event") {
		t.Errorf("Err() = %v", j.Err())
	}
}
