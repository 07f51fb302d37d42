package e2e

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// recapCounters are the PLAY RECAP counters the golden test compares.
var recapCounters = []string{"ok", "changed", "unreachable", "failed", "skipped", "rescued", "ignored"}

// recap maps a host name to its PLAY RECAP counters.
type recap map[string]map[string]int

var (
	recapHostLine = regexp.MustCompile(`^(\S+)\s*:?\s+((?:[a-z]+=\d+\s*)+)$`)
	recapCounter  = regexp.MustCompile(`([a-z]+)=(\d+)`)
)

// parseRecap extracts host counters from the lines following the last
// "PLAY RECAP" header of a run's output. Normalised expected.recap files
// (without a header) are parsed whole.
func parseRecap(text string, needHeader bool) (recap, error) {
	if idx := strings.LastIndex(text, "PLAY RECAP"); idx >= 0 {
		text = text[idx:]
		text = text[strings.IndexByte(text+"\n", '\n'):]
	} else if needHeader {
		return nil, fmt.Errorf("no PLAY RECAP in output")
	}
	r := recap{}
	for _, line := range strings.Split(text, "\n") {
		m := recapHostLine.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		counts := map[string]int{}
		for _, c := range recapCounter.FindAllStringSubmatch(m[2], -1) {
			n, err := strconv.Atoi(c[2])
			if err != nil {
				return nil, fmt.Errorf("recap counter %q: %w", c[0], err)
			}
			counts[c[1]] = n
		}
		r[m[1]] = counts
	}
	return r, nil
}

// compareRecap describes how got differs from want in the compared counters.
func compareRecap(want, got recap) []string {
	var problems []string
	for host, wc := range want {
		gc, ok := got[host]
		if !ok {
			problems = append(problems, fmt.Sprintf("host %s missing from recap", host))
			continue
		}
		for _, k := range recapCounters {
			if wc[k] != gc[k] {
				problems = append(problems, fmt.Sprintf("host %s: %s=%d, want %d", host, k, gc[k], wc[k]))
			}
		}
	}
	for host := range got {
		if _, ok := want[host]; !ok {
			problems = append(problems, fmt.Sprintf("unexpected host %s in recap", host))
		}
	}
	return problems
}
