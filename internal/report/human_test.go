package report

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func runHuman(sc scenario, verbosity int) string {
	var buf bytes.Buffer
	clk := newFakeClock()
	h := NewHuman(&buf, verbosity, true)
	h.now = clk.now
	sc.run(NewTee(h), clk)
	return buf.String()
}

// TestHumanVerboseGolden covers the -v additions: elapsed time after each
// task and a summary line after each play.
func TestHumanVerboseGolden(t *testing.T) {
	for _, sc := range scenarios() {
		t.Run(sc.name, func(t *testing.T) {
			checkGolden(t, "human_v", sc.name+".txt", runHuman(sc, 1))
		})
	}
}

// TestHumanDefaultHasNoTiming keeps the default output ansible-playbook's.
func TestHumanDefaultHasNoTiming(t *testing.T) {
	for _, sc := range scenarios() {
		t.Run(sc.name, func(t *testing.T) {
			out := runHuman(sc, 0)
			if strings.Contains(out, "elapsed") {
				t.Errorf("default output shows timing:\n%s", out)
			}
			if !strings.Contains(out, "PLAY RECAP") {
				t.Errorf("no recap:\n%s", out)
			}
		})
	}
}

func TestFormatElapsed(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"0s", "0.0s"},
		{"1.24s", "1.2s"},
		{"59.96s", "1m00.0s"},
		{"2m3.45s", "2m03.5s"},
		{"-1s", "0.0s"},
	}
	for _, tt := range tests {
		d, err := time.ParseDuration(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := formatElapsed(d); got != tt.want {
			t.Errorf("formatElapsed(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
