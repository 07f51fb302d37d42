package engine

import "github.com/edxplay/edxplay/internal/playbook"

// sectionKind is the part of a block a task runs in.
type sectionKind int

const (
	sectionBody sectionKind = iota
	sectionRescue
	sectionAlways
)

// blockSection is where a task list runs: one section of a block, inside
// the sections of its enclosing blocks. It mirrors the nested host states of
// ansible-core's PlayIterator closely enough to decide what a failure does.
type blockSection struct {
	parent *blockSection
	block  *playbook.Task
	kind   sectionKind
	// rest are the tasks after the block in the enclosing list.
	rest []*playbook.Task
}

// catches reports whether a section of the block itself takes up a
// failure in section s: the body's rescue or always, the rescue's always.
func (s *blockSection) catches() bool {
	switch s.kind {
	case sectionBody:
		return len(s.block.Rescue) > 0 || len(s.block.Always) > 0
	case sectionRescue:
		return len(s.block.Always) > 0
	}
	return false
}

// absorbed reports whether some enclosing block takes up a failure of a
// task in section s (a rescue or always section will run the host), as the
// PlayIterator finds when it moves the failed host on.
func (s *blockSection) absorbed() bool {
	for p := s; p != nil; p = p.parent {
		if p.catches() {
			return true
		}
	}
	return false
}

// failsPlay reports whether a failure in section s fails the host in the
// play at once, which is what any_errors_fatal reacts to: the PlayIterator's
// _check_failed_state before it moves the host on. Only the innermost
// block's sections and an enclosing block's rescue count then, so a failure
// in an include inside a block that has only an always section is fatal.
func (s *blockSection) failsPlay() bool {
	if s == nil {
		return true
	}
	if s.catches() {
		return false
	}
	return !s.parent.rescuing()
}

// rescuing reports whether some enclosing block would rescue a failure in
// section s (ansible counts such a failure as rescued, not failed, at once).
func (s *blockSection) rescuing() bool {
	for p := s; p != nil; p = p.parent {
		if p.kind == sectionBody && len(p.block.Rescue) > 0 {
			return true
		}
	}
	return false
}

// nextInRescueOrAlways reports whether a host that did not fail the current
// task (whose list continues with rest, in section s) goes on with a task of
// a rescue or always section, which spares it when any_errors_fatal strikes.
func nextInRescueOrAlways(rest []*playbook.Task, s *blockSection) bool {
	for {
		if len(rest) > 0 {
			return !rest[0].IsBlock() && s != nil && s.kind != sectionBody
		}
		if s == nil {
			return false
		}
		if s.kind != sectionAlways && len(s.block.Always) > 0 {
			return !s.block.Always[0].IsBlock()
		}
		rest, s = s.rest, s.parent
	}
}

// anyErrorsFatal is a task's any_errors_fatal: its own, else its innermost
// block's, else the play's.
func (pr *playRun) anyErrorsFatal(t *playbook.Task, f frame) bool {
	if v := f.keywords(t).AnyErrorsFatal; v != nil {
		return *v
	}
	return pr.playAnyErrorsFatal()
}

// playAnyErrorsFatal is the play's any_errors_fatal, else ansible.cfg's.
func (pr *playRun) playAnyErrorsFatal() bool {
	if pr.play.AnyErrorsFatal != nil {
		return *pr.play.AnyErrorsFatal
	}
	return pr.run.opts.AnyErrorsFatal
}

// fatalCheck applies any_errors_fatal after a task that failed some host
// for good (linear strategy): every host of the batch that is not going on
// in a rescue or always section is failed in the play; when that is every
// host left, the play ends at once. When it failed one, no later batch or
// play runs.
// spared tells which hosts go on.
func (pr *playRun) fatalCheck(spared func(host string) bool) {
	left, marked := 0, false
	for _, name := range pr.hosts {
		h := pr.run.host(name)
		h.mu.Lock()
		unreachable := h.unreachable
		h.mu.Unlock()
		if unreachable {
			continue
		}
		left++
		if !spared(name) {
			pr.markFatal(name)
			marked = true
		}
	}
	if marked {
		// As ansible's RUN_FAILED_BREAK_PLAY: only a host failed here, not
		// one going on in a rescue or always section, ends the run.
		pr.run.breakRun()
	}
	if pr.fatalCount() >= left {
		pr.endPlay()
	}
}

// maxFailCheck applies max_fail_percentage: when more of the batch failed
// than allowed, the play ends and no later batch or play runs.
func (pr *playRun) maxFailCheck() {
	mfp := pr.play.MaxFailPercentage
	if mfp == nil || len(pr.hosts) == 0 {
		return
	}
	if float64(pr.fatalCount())/float64(len(pr.hosts)) > *mfp/100 {
		for _, name := range pr.hosts {
			pr.markFatal(name)
			pr.failHost(name)
		}
		pr.run.breakRun()
		pr.endPlay()
	}
}

// markFatal records a host as failed for any_errors_fatal and
// max_fail_percentage (ansible's TaskQueueManager._failed_hosts).
func (pr *playRun) markFatal(name string) {
	pr.mu.Lock()
	pr.fatal[name] = true
	pr.mu.Unlock()
}

func (pr *playRun) fatalCount() int {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	return len(pr.fatal)
}

// failHost fails a host in the play without counting a failed task.
func (pr *playRun) failHost(name string) {
	h := pr.run.host(name)
	h.mu.Lock()
	if !h.unreachable {
		h.failed = true
	}
	h.mu.Unlock()
	pr.deactivate(name)
}

// endPlay stops the play: no task or handler runs on any host.
func (pr *playRun) endPlay() {
	pr.mu.Lock()
	pr.ended = true
	for _, h := range pr.hosts {
		pr.markActive(h, false)
	}
	pr.mu.Unlock()
}
