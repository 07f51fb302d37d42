package report

// diffOp is one line of an edit script: ' ' keep, '-' delete, '+' insert.
type diffOp struct {
	kind byte
	line string
	a, b int // 0-based positions in a and b before this op
}

// diffOps computes a line edit script with a longest-common-subsequence table.
func diffOps(a, b []string) []diffOp {
	n, m := len(a), len(b)
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []diffOp
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			ops = append(ops, diffOp{' ', a[i], i, j})
			i, j = i+1, j+1
		case j < m && (i == n || lcs[i][j+1] > lcs[i+1][j]):
			ops = append(ops, diffOp{'+', b[j], i, j})
			j++
		default:
			ops = append(ops, diffOp{'-', a[i], i, j})
			i++
		}
	}
	return ops
}

// hunk is a group of ops with surrounding context.
type hunk struct {
	aStart, aLen, bStart, bLen int
	ops                        []diffOp
}

// hunks groups changes with ctx lines of context, merging close groups.
func hunks(ops []diffOp, ctx int) []hunk {
	var out []hunk
	i := 0
	for i < len(ops) {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		start := max(0, i-ctx)
		end := i
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*ctx {
				end = min(end+ctx, len(ops))
				break
			}
			end = run
		}
		out = append(out, makeHunk(ops[start:end]))
		i = end
	}
	return out
}

func makeHunk(ops []diffOp) hunk {
	h := hunk{ops: ops, aStart: ops[0].a + 1, bStart: ops[0].b + 1}
	for _, op := range ops {
		if op.kind != '+' {
			h.aLen++
		}
		if op.kind != '-' {
			h.bLen++
		}
	}
	return h
}
