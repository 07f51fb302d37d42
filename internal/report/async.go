package report

import (
	"fmt"

	"github.com/edxplay/edxplay/engine"
)

// darkGray is ansible-playbook's debug color (COLOR_DEBUG).
const darkGray = "\033[1;30m"

// AsyncPoll prints a status check of a polled async task, as
// ansible-core's default callback does.
func (h *Human) AsyncPoll(host string, status map[string]any) {
	h.mu.Lock()
	defer h.mu.Unlock()
	fmt.Fprintln(h.w, h.paint(darkGray, fmt.Sprintf("ASYNC POLL on %s: jid=%v started=%v finished=%v",
		host, status["ansible_job_id"], status["started"], status["finished"])))
}

// AsyncPoll passes AsyncPoll on to the reporters that show it.
func (t *Tee) AsyncPoll(host string, status map[string]any) {
	t.each(func(r engine.Reporter) {
		if ar, ok := r.(engine.AsyncPollReporter); ok {
			ar.AsyncPoll(host, status)
		}
	})
}

// AsyncPoll passes AsyncPoll on, around the progress line.
func (p *Progress) AsyncPoll(host string, status map[string]any) {
	if ar, ok := p.inner.(engine.AsyncPollReporter); ok {
		p.around(func() { ar.AsyncPoll(host, status) })
	}
}

// AsyncDone prints the end of a polled async task's polling.
func (h *Human) AsyncDone(host, jid string, failed bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	word := "OK"
	if failed {
		word = "FAILED"
	}
	fmt.Fprintln(h.w, h.paint(darkGray, fmt.Sprintf("ASYNC %s on %s: jid=%s", word, host, jid)))
}

// AsyncDone passes AsyncDone on to the reporters that show it.
func (t *Tee) AsyncDone(host, jid string, failed bool) {
	t.each(func(r engine.Reporter) {
		if ar, ok := r.(engine.AsyncPollReporter); ok {
			ar.AsyncDone(host, jid, failed)
		}
	})
}

// AsyncDone passes AsyncDone on, around the progress line.
func (p *Progress) AsyncDone(host, jid string, failed bool) {
	if ar, ok := p.inner.(engine.AsyncPollReporter); ok {
		p.around(func() { ar.AsyncDone(host, jid, failed) })
	}
}

// Meta prints what a meta task did (shown at -vv).
func (h *Human) Meta(msg string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	fmt.Fprintln(h.w, msg)
}

// Meta passes Meta on to the reporters that show it.
func (t *Tee) Meta(msg string) {
	t.each(func(r engine.Reporter) {
		if mr, ok := r.(engine.MetaReporter); ok {
			mr.Meta(msg)
		}
	})
}

// Meta passes Meta on, around the progress line.
func (p *Progress) Meta(msg string) {
	if mr, ok := p.inner.(engine.MetaReporter); ok {
		p.around(func() { mr.Meta(msg) })
	}
}
