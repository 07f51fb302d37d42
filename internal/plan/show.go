package plan

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/report"
)

// Show prints a plan for review: per host its summary, then each task
// that would change (or whose effect is unknown) with its arguments, its
// diffs as --check --diff prints them and, for configuration files, the
// key-level changes.
func (p *Plan) Show(w io.Writer, all bool) {
	fmt.Fprintf(w, "Plan %s of %s (created %s)\n", p.ID, p.Inputs.Playbook, p.Created.Format("2006-01-02 15:04:05 MST"))
	for _, h := range p.SortedHosts() {
		fmt.Fprintf(w, "\n%s: %s\n", h, p.Summary(h))
		for _, t := range p.Hosts[h] {
			if !all && t.Status != "changed" && t.Status != "unknown" {
				continue
			}
			showTask(w, t)
		}
	}
	if p.Empty() {
		fmt.Fprintln(w, "\nNo changes. The hosts match the playbook.")
	}
}

func showTask(w io.Writer, t Task) {
	fmt.Fprintf(w, "  %-9s %s [%s] (%s)\n", marker(t.Status), t.Name, t.Module, t.ID)
	if t.Reason != "" {
		fmt.Fprintf(w, "            why unknown: %s\n", t.Reason)
	}
	for _, line := range argLines(t.Args) {
		fmt.Fprintf(w, "            %s\n", line)
	}
	for _, d := range t.Diffs {
		if len(d.Keys) > 0 {
			fmt.Fprintf(w, "            %s:\n", diffPath(d))
			for _, k := range d.Keys {
				fmt.Fprintf(w, "              %s\n", k.Line())
			}
		}
		if t.Secret {
			if len(d.Keys) == 0 {
				fmt.Fprintf(w, "            %s: %s", diffPath(d), d.After)
			}
			continue
		}
		body := report.RenderDiff(modspec.Diff{BeforeHeader: d.BeforeHeader, AfterHeader: d.AfterHeader, Before: d.Before, After: d.After})
		for _, line := range strings.SplitAfter(strings.TrimRight(body, "\n"), "\n") {
			fmt.Fprintf(w, "            %s", strings.TrimSuffix(line, "\n")+"\n")
		}
		if d.Truncated {
			fmt.Fprintln(w, "            (content cut in the plan)")
		}
	}
}

func marker(status string) string {
	switch status {
	case "changed":
		return "~ change"
	case "unknown":
		return "? unknown"
	case "failed":
		return "! failed"
	}
	return "  " + status
}

// argLines renders arguments as sorted "key: value" lines.
func argLines(args map[string]any) []string {
	var out []string
	for _, k := range sortedKeys(args) {
		v := fmt.Sprint(args[k])
		if len(v) > 100 {
			v = v[:97] + "..."
		}
		out = append(out, k+": "+strings.ReplaceAll(v, "\n", "\\n"))
	}
	return out
}

// jsonPlan is show --json's document: the plan without its key and
// digests, with each host's summary.
type jsonPlan struct {
	ID      string              `json:"id"`
	Created string              `json:"created"`
	Inputs  Inputs              `json:"inputs"`
	Hosts   map[string]jsonHost `json:"hosts"`
}

type jsonHost struct {
	Summary Summary    `json:"summary"`
	Tasks   []jsonTask `json:"tasks"`
}

type jsonTask struct {
	ID     string         `json:"id"`
	Name   string         `json:"name"`
	Module string         `json:"module"`
	Status string         `json:"status"`
	Reason string         `json:"reason,omitempty"`
	Secret bool           `json:"secret,omitempty"`
	Args   map[string]any `json:"args,omitempty"`
	Diffs  []Diff         `json:"diffs,omitempty"`
}

// ShowJSON writes the plan for machines (see jsonPlan).
func (p *Plan) ShowJSON(w io.Writer, all bool) error {
	out := jsonPlan{ID: p.ID, Created: p.Created.Format("2006-01-02T15:04:05Z07:00"), Inputs: p.Inputs, Hosts: map[string]jsonHost{}}
	out.Inputs.Files = nil
	out.Inputs.ExtraVars = nil
	for _, h := range p.SortedHosts() {
		jh := jsonHost{Summary: p.Summary(h), Tasks: []jsonTask{}}
		for _, t := range p.Hosts[h] {
			if all || t.Status == "changed" || t.Status == "unknown" {
				jh.Tasks = append(jh.Tasks, jsonTask{ID: t.ID, Name: t.Name, Module: t.Module, Status: t.Status,
					Reason: t.Reason, Secret: t.Secret, Args: t.Args, Diffs: t.Diffs})
			}
		}
		out.Hosts[h] = jh
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("show: %w", err)
	}
	return nil
}
