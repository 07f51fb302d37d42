package engine

import (
	"sync"

	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/playbook"
)

// RunStatsKey is the key of the custom stats set for the whole run (set_stats
// with per_host: false), beside the per-host ones.
const RunStatsKey = "_run"

// CustomStatsReporter is a Reporter that shows the custom stats set_stats
// gathered, after the recap (ansible-core's default callback does with
// show_custom_stats).
type CustomStatsReporter interface {
	CustomStats(custom map[string]map[string]any)
}

// customStats are the run's set_stats data: per host, and RunStatsKey.
type customStats struct {
	mu   sync.Mutex
	data map[string]map[string]any
}

// applyStats records a result's ansible_stats as ansible-core's strategy
// does: per host (every host of a run_once task) or for the run,
// aggregated with what was there or replacing it.
func (pr *playRun) applyStats(t *playbook.Task, f frame, host string, o *outcome) {
	st, ok := odict.Plain(o.result["ansible_stats"])
	if !ok || o.failed || o.skipped {
		return
	}
	data, ok := odict.Plain(st["data"])
	if !ok || len(data) == 0 {
		return
	}
	hosts := []string{RunStatsKey}
	if perHost, _ := st["per_host"].(bool); perHost {
		hosts = []string{host}
		if isTrue(f.keywords(t).RunOnce) {
			hosts = pr.filterActive(pr.hosts)
		}
	}
	aggregate, _ := st["aggregate"].(bool)
	cs := &pr.run.custom
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if cs.data == nil {
		cs.data = map[string]map[string]any{}
	}
	for _, h := range hosts {
		if cs.data[h] == nil {
			cs.data[h] = map[string]any{}
		}
		for k, v := range data {
			old, had := cs.data[h][k]
			switch {
			case !aggregate || !had:
				cs.data[h][k] = v
			default:
				if sum, ok := aggregateStat(old, v); ok {
					cs.data[h][k] = sum
				}
			}
		}
	}
}

// aggregateStat adds a value to a stat as update_custom_stats does:
// mappings merged, numbers added, strings and lists joined; values of
// another type leave the stat as it was.
func aggregateStat(old, v any) (any, bool) {
	switch o := old.(type) {
	case int:
		n, ok := v.(int)
		return o + n, ok
	case float64:
		switch n := v.(type) {
		case float64:
			return o + n, true
		}
	case string:
		s, ok := v.(string)
		return o + s, ok
	case []any:
		l, ok := v.([]any)
		return append(append([]any{}, o...), l...), ok
	}
	if _, ok := odict.Plain(old); ok {
		if _, ok := odict.Plain(v); ok {
			return mergeValue(old, v), true
		}
	}
	return nil, false
}

// reportCustomStats hands the custom stats to the reporter after the recap.
func (rn *run) reportCustomStats() {
	r, ok := rn.Reporter.(CustomStatsReporter)
	rn.custom.mu.Lock()
	defer rn.custom.mu.Unlock()
	if ok && len(rn.custom.data) > 0 {
		r.CustomStats(rn.custom.data)
	}
}
