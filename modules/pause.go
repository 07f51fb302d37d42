package modules

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/edxplay/edxplay/internal/modspec"
)

// Pause waits for a time; runs are non-interactive, so a prompt never
// waits for input and user_input is always empty.
type Pause struct{}

// Spec describes pause's arguments.
func (Pause) Spec() modspec.Spec {
	return modspec.Spec{
		Name:       "pause",
		Controller: true,
		Short:      "Pause playbook execution",
		Args: []modspec.Arg{
			{Name: "minutes", Type: modspec.Int, Doc: "Minutes to pause for."},
			{Name: "seconds", Type: modspec.Int, Doc: "Seconds to pause for."},
			{Name: "prompt", Type: modspec.String, Doc: "Text shown when pausing (input is not read: runs are non-interactive)."},
			{Name: "echo", Type: modspec.Bool, Default: true, Doc: "Echo typed input (kept for compatibility)."},
		},
		MutuallyExclusive: [][]string{{"minutes", "seconds"}},
		Example:           "- pause:\n    seconds: 5\n",
	}
}

// Run sleeps for the requested time, returning early when ctx is done.
func (Pause) Run(ctx context.Context, call *Call) (*Result, error) {
	a := args(call.Args)
	unit, wait := "minutes", time.Duration(0)
	switch {
	case a.has("minutes"):
		wait = time.Duration(a.integer("minutes")) * time.Minute
	case a.has("seconds"):
		unit, wait = "seconds", time.Duration(max(a.integer("seconds"), 1))*time.Second
	}
	start := time.Now()
	if wait > 0 {
		timer := time.NewTimer(wait)
		defer timer.Stop()
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("pause interrupted: %w", ctx.Err())
		case <-timer.C:
		}
	}
	elapsed := time.Since(start)
	amount := elapsed.Seconds()
	if unit == "minutes" {
		amount /= 60
	}
	return &Result{Data: map[string]any{
		"rc": 0, "stderr": "", "echo": a.boolean("echo"), "user_input": "",
		"start": pyTime(start), "stop": pyTime(start.Add(elapsed)), "delta": int(elapsed.Seconds()),
		"stdout": fmt.Sprintf("Paused for %s %s", pyFloat(math.Round(amount*100)/100), unit),
	}}, nil
}

// pyFloat formats f as Python's str(float) does for ordinary values.
func pyFloat(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}
