package ansibletargets

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

// Record is what is known of one target.
type Record struct {
	// Ansible is ansible-playbook's result on this machine.
	Ansible Status `json:"ansible"`
	// Edxplay is edxplay's result, with edxplay standing in for
	// ansible-playbook.
	Edxplay Status `json:"edxplay,omitempty"`
	// Reason says why edxplay fails the target (the first error of its run,
	// or a note written by hand).
	Reason string `json:"reason,omitempty"`
}

// Results are the recorded results of every eligible target.
type Results struct {
	// Ref is the ansible-core branch the targets came from.
	Ref string `json:"ref"`
	// Targets maps a target's name to its record.
	Targets map[string]*Record `json:"targets"`
}

// LoadResults reads a results file; a missing file is empty results.
func LoadResults(path string) (*Results, error) {
	res := &Results{Ref: Ref, Targets: map[string]*Record{}}
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

// Save writes the results file (sorted keys, one target a line group).
func (r *Results) Save(path string) error {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// Names returns the recorded targets' names, sorted.
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
