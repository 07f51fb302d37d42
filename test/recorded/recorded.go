// Package recorded keeps the recorded results of runs against content
// nobody here wrote (ansible-core's integration targets, the upstream Open
// edX playbooks): which cases the oracle passes, which edxplay passes and
// why it fails the others, so that a test can tell a regression from a
// known gap.
package recorded

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"sort"
	"strings"
)

// Status is a recorded target result.
type Status string

// The recorded results of a target run.
const (
	Pass Status = "pass"
	Fail Status = "fail"
)

// Record is what is known of one case.
type Record struct {
	// Ansible is ansible-playbook's result on this machine.
	Ansible Status `json:"ansible"`
	// Edxplay is edxplay's result on the same input.
	Edxplay Status `json:"edxplay,omitempty"`
	// Reason says why edxplay fails the case (the first error of its run,
	// or a note written by hand).
	Reason string `json:"reason,omitempty"`
}

// Results are the recorded results of every eligible target.
type Results struct {
	// Ref is the branch of the content the cases came from.
	Ref string `json:"ref"`
	// Targets maps a case's name to its record.
	Targets map[string]*Record `json:"targets"`
}

// Load reads a results file; a missing file is empty results of ref.
func Load(path, ref string) (*Results, error) {
	res := &Results{Ref: ref, Targets: map[string]*Record{}}
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return res, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, res); err != nil {
		return nil, err
	}
	return res, nil
}

// Save writes the results file.
func (r *Results) Save(path string) error {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// Names returns the recorded cases' names, sorted.
func (r *Results) Names() []string {
	out := make([]string, 0, len(r.Targets))
	for n := range r.Targets {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// errorLine matches the lines of a run's log that say why it failed.
var errorLine = regexp.MustCompile(`(?m)^(ERROR!|fatal:|error:|Error:|.*FAILED!).*$`)

// FirstError returns the first line of log that reports an error, cut to a
// readable length, or the last line when none does.
func FirstError(log []byte) string {
	line := errorLine.Find(log)
	if line == nil {
		lines := bytes.Split(bytes.TrimSpace(log), []byte("\n"))
		line = lines[len(lines)-1]
	}
	s := strings.TrimSpace(string(line))
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}

// Check compares edxplay's outcome of one case with its record. When
// updating, it records the outcome (and the first error of a failing run)
// and returns ""; otherwise it returns a regression message when a case
// that passed fails now, or a note when a failing case passes now.
func (r *Record) Check(passed, updating bool, log []byte) (regression, note string) {
	now := Fail
	if passed {
		now = Pass
	}
	if updating {
		if now == Pass {
			r.Reason = ""
		} else {
			r.Reason = FirstError(log)
		}
		r.Edxplay = now
		return "", ""
	}
	switch {
	case r.Edxplay == Pass && now == Fail:
		return "passed before and fails now", ""
	case r.Edxplay != Pass && now == Pass:
		return "", "passes now: re-record"
	}
	return "", ""
}
