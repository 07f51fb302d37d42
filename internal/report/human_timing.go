package report

import (
	"fmt"
	"time"
)

// endTask closes the running task and, with -v, prints its elapsed time:
// from its start to its last result. The caller holds h.mu.
func (h *Human) endTask() {
	t := h.log.finishTask(h.now())
	if t == nil || h.verbosity == 0 {
		return
	}
	fmt.Fprintf(h.w, "  (elapsed %s)\n", formatElapsed(t.end.Sub(t.start)))
}

// endPlay closes the running play and, with -v, prints a summary line:
// its elapsed time, task and host counts and its outcomes counted as the
// PLAY RECAP counts them, in words: scripts that grep Ansible's output
// for the recap's "ok=1" must not find the line. The caller holds h.mu.
func (h *Human) endPlay() {
	h.endTask()
	now := h.now()
	p := h.log.finishPlay(now)
	if p == nil || h.verbosity == 0 || len(p.tasks) == 0 {
		return
	}
	c := p.counts
	fmt.Fprintf(h.w, "  (play elapsed %s: %d %s on %d %s: %d ok, %d changed, %d unreachable, %d failed, %d skipped, %d ignored)\n",
		formatElapsed(now.Sub(p.start)), len(p.tasks), plural(len(p.tasks), "task", "tasks"),
		len(p.hosts), plural(len(p.hosts), "host", "hosts"),
		c.OK, c.Changed, c.Unreachable, c.Failed, c.Skipped, c.Ignored)
}

// formatElapsed formats a duration with tenths of seconds: 1.2s, 2m03.4s.
func formatElapsed(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	d = d.Round(100 * time.Millisecond)
	if d < time.Minute {
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	m := d / time.Minute
	return fmt.Sprintf("%dm%04.1fs", m, (d - m*time.Minute).Seconds())
}

// TaskHosts records the hosts a task runs on, so that -v timing holds
// under strategy free too; it prints nothing.
func (h *Human) TaskHosts(task string, hosts []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.log.bindHosts(task, hosts, h.now())
}
