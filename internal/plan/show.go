package plan

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Show prints a plan for review: per host, each task that would change
// (or whose effect is unknown) with its arguments and diff summary.
func (p *Plan) Show(w io.Writer, all bool) {
	fmt.Fprintf(w, "Plan of %s (created %s)\n", p.Inputs.Playbook, p.Created.Format("2006-01-02 15:04:05 MST"))
	for _, h := range p.SortedHosts() {
		fmt.Fprintf(w, "\n%s: %d to change\n", h, p.Changes(h))
		for _, t := range p.Hosts[h] {
			if !all && t.Status != "changed" && t.Status != "unknown" {
				continue
			}
			name := t.Name
			if name == "" {
				name = t.Module
			}
			fmt.Fprintf(w, "  %-8s %s [%s] (%s)\n", marker(t.Status), name, t.Module, t.ID)
			for _, line := range argLines(t.Args) {
				fmt.Fprintf(w, "             %s\n", line)
			}
			for _, d := range t.Diff {
				fmt.Fprintf(w, "             ~ %s\n", d)
			}
		}
	}
	if p.Empty() {
		fmt.Fprintln(w, "\nNo changes. The hosts match the playbook.")
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
	keys := make([]string, 0, len(args))
	for k := range args {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		v := fmt.Sprint(args[k])
		if len(v) > 100 {
			v = v[:97] + "..."
		}
		out = append(out, k+": "+strings.ReplaceAll(v, "\n", "\\n"))
	}
	return out
}
