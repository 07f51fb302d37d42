package e2e

import (
	"fmt"
	"strings"
)

// lineDiff returns a unified-diff-like rendering of the line differences
// between want and got ("-" lines are expected, "+" lines are actual), with
// up to `context` unchanged lines around each change. It is empty when the
// texts are equal.
func lineDiff(want, got string, context int) string {
	if want == got {
		return ""
	}
	a, b := splitLines(want), splitLines(got)
	ops := diffOps(a, b)
	var out strings.Builder
	fmt.Fprintf(&out, "--- expected\n+++ actual\n")
	lastPrinted := -1
	for i, op := range ops {
		if op.kind == ' ' && !nearChange(ops, i, context) {
			continue
		}
		if lastPrinted >= 0 && i != lastPrinted+1 {
			out.WriteString("@@ ... @@\n")
		}
		fmt.Fprintf(&out, "%c%s\n", op.kind, op.text)
		lastPrinted = i
	}
	return out.String()
}

// splitLines splits text into lines, marking a missing final newline so
// that it shows up in the diff.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.Split(s, "\n")
	if lines[len(lines)-1] == "" {
		return lines[:len(lines)-1]
	}
	lines[len(lines)-1] += "\\ (no newline at end)"
	return lines
}

type diffOp struct {
	kind byte // ' ', '-' or '+'
	text string
}

// diffOps computes an edit script from the longest common subsequence.
func diffOps(a, b []string) []diffOp {
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []diffOp
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			ops = append(ops, diffOp{' ', a[i]})
			i, j = i+1, j+1
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, diffOp{'-', a[i]})
			i++
		default:
			ops = append(ops, diffOp{'+', b[j]})
			j++
		}
	}
	return ops
}

// nearChange reports whether ops[i] lies within n lines of a change.
func nearChange(ops []diffOp, i, n int) bool {
	for k := max(0, i-n); k <= min(len(ops)-1, i+n); k++ {
		if ops[k].kind != ' ' {
			return true
		}
	}
	return false
}
