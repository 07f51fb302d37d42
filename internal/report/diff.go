package report

import (
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
)

// renderDiff formats a before/after pair as Ansible's --diff does.
func (h *Human) renderDiff(d modspec.Diff) string {
	before, after := d.BeforeHeader, d.AfterHeader
	if before == "" {
		before = "before"
	} else {
		before = "before: " + before
	}
	if after == "" {
		after = "after"
	} else {
		after = "after: " + after
	}
	body := UnifiedDiff(d.Before, d.After, 3)
	if body == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString(h.paint(red, "--- "+before) + "\n")
	b.WriteString(h.paint(green, "+++ "+after) + "\n")
	for _, line := range strings.SplitAfter(body, "\n") {
		switch {
		case strings.HasPrefix(line, "@@"):
			b.WriteString(h.paint(cyan, strings.TrimSuffix(line, "\n")) + "\n")
		case strings.HasPrefix(line, "+"):
			b.WriteString(h.paint(green, strings.TrimSuffix(line, "\n")) + "\n")
		case strings.HasPrefix(line, "-"):
			b.WriteString(h.paint(red, strings.TrimSuffix(line, "\n")) + "\n")
		default:
			b.WriteString(line)
		}
	}
	b.WriteString("\n")
	return b.String()
}

// UnifiedDiff returns the hunks of a unified diff between a and b with ctx
// lines of context, or "" when they are equal.
func UnifiedDiff(a, b string, ctx int) string {
	if a == b {
		return ""
	}
	al, bl := splitLines(a), splitLines(b)
	ops := diffOps(al, bl)
	var out strings.Builder
	for _, hk := range hunks(ops, ctx) {
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", hunkRange(hk.aStart, hk.aLen), hunkRange(hk.bStart, hk.bLen))
		for _, op := range hk.ops {
			out.WriteString(string(op.kind) + op.line)
			if !strings.HasSuffix(op.line, "\n") {
				out.WriteString("\n\\ No newline at end of file\n")
			}
		}
	}
	return out.String()
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

func hunkRange(start, n int) string {
	if n == 1 {
		return fmt.Sprint(start)
	}
	if n == 0 {
		return fmt.Sprintf("%d,0", start-1)
	}
	return fmt.Sprintf("%d,%d", start, n)
}

// RenderDiff formats a before/after pair as --diff does, without colour.
func RenderDiff(d modspec.Diff) string { return (&Human{}).renderDiff(d) }
