package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const outputPlaybook = `- name: output
  hosts: all
  gather_facts: false
  tasks:
    - name: greet
      debug: msg=hello
    - name: hidden
      command: echo topsecret-value
      no_log: true
    - name: boom
      command: "false"
`

// TestRunOutputJSONAndJUnit runs a local playbook with --output json and
// --junit: stdout holds only JSON events, the report parses, exit codes
// stay ansible-playbook's.
func TestRunOutputJSONAndJUnit(t *testing.T) {
	dir := t.TempDir()
	pb := filepath.Join(dir, "pb.yml")
	if err := os.WriteFile(pb, []byte(outputPlaybook), 0o644); err != nil {
		t.Fatal(err)
	}
	junit := filepath.Join(dir, "report.xml")
	out, code := runCLI(t, "run", pb, "-i", "localhost,", "-c", "local", "--output", "json", "--junit", junit)
	if code != exitFailed {
		t.Errorf("exit code %d, want %d", code, exitFailed)
	}
	var events []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var ev struct{ Event string }
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("stdout line is not JSON: %v: %q", err, line)
		}
		events = append(events, ev.Event)
	}
	if len(events) < 8 || events[0] != "play_start" || events[len(events)-1] != "recap" {
		t.Errorf("events: %v", events)
	}
	doc, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	var suites struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
	}
	if err := xml.Unmarshal(doc, &suites); err != nil || suites.Tests != 3 || suites.Failures != 1 {
		t.Errorf("junit report (%v): %+v\n%s", err, suites, doc)
	}
	if strings.Contains(out+string(doc), "topsecret-value") {
		t.Error("no_log output leaked")
	}
}

func TestRunOutputBadFlags(t *testing.T) {
	dir := t.TempDir()
	pb := filepath.Join(dir, "pb.yml")
	if err := os.WriteFile(pb, []byte(outputPlaybook), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
	}{
		{"unknown format", []string{"--output", "yaml"}},
		{"junit in a missing directory", []string{"--junit", filepath.Join(dir, "missing", "r.xml")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"run", pb, "-i", "localhost,", "-c", "local"}, tt.args...)
			if out, code := runCLI(t, args...); code != exitUsage || out != "" {
				t.Errorf("exit code %d, output %q; want %d and nothing run", code, out, exitUsage)
			}
		})
	}
}
