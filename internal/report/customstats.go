package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/internal/pyvalue"
)

// SetCustomStats turns on the CUSTOM STATS section after the recap
// (ansible.cfg's show_custom_stats, ANSIBLE_SHOW_CUSTOM_STATS).
func (h *Human) SetCustomStats(on bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.customStats = on
}

// CustomStats prints set_stats' data as ansible-core's default callback
// does: each host's on one line, then the run's.
func (h *Human) CustomStats(custom map[string]map[string]any) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.customStats {
		return
	}
	fmt.Fprint(h.w, banner("CUSTOM STATS:"))
	keys := make([]string, 0, len(custom))
	for k := range custom {
		if k != engine.RunStatsKey {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(h.w, "\t%s: %s\n", k, statsJSON(custom[k]))
	}
	if run, ok := custom[engine.RunStatsKey]; ok {
		fmt.Fprintf(h.w, "\n\tRUN: %s\n", statsJSON(run))
	}
	fmt.Fprintln(h.w)
}

// statsJSON is the callback's _dump_results(indent=1) with its newlines
// removed.
func statsJSON(v map[string]any) string {
	s, err := pyvalue.JSON(v, pyvalue.JSONStyle{Indent: 1, ItemSep: ",", KeySep: ": ", SortKeys: true})
	if err != nil {
		return fmt.Sprint(v)
	}
	return strings.ReplaceAll(s, "\n", "")
}

// CustomStats passes CustomStats on to the reporters that show it.
func (t *Tee) CustomStats(custom map[string]map[string]any) {
	t.each(func(r engine.Reporter) {
		if cr, ok := r.(engine.CustomStatsReporter); ok {
			cr.CustomStats(custom)
		}
	})
}

// CustomStats passes CustomStats on, around the progress line.
func (p *Progress) CustomStats(custom map[string]map[string]any) {
	if cr, ok := p.inner.(engine.CustomStatsReporter); ok {
		p.around(func() { cr.CustomStats(custom) })
	}
}
