package report

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/edxplay/edxplay/engine"
)

// clearLine returns the cursor to the line start and erases the line.
const clearLine = "\r\033[K"

// progressInterval is how often the status line is redrawn.
const progressInterval = 500 * time.Millisecond

// Progress is a reporter that wraps another and, while a task runs, keeps
// a status line on a terminal, such as
//
//	TASK [name] 7/10 hosts done, waiting on: h3, h8, h9 (12s)
//
// rewritten in place every half second by a ticker goroutine. The line is
// erased before every event is passed on, so the wrapped reporter's output
// (on the same terminal or elsewhere) is never mixed with it. The host
// count comes from TaskHosts; without it the line shows how many hosts
// are done. Call Close when the run ends.
type Progress struct {
	mu        sync.Mutex
	w         io.Writer
	inner     engine.Reporter
	now       func() time.Time
	newTicker func(time.Duration) (<-chan time.Time, func())
	interval  time.Duration
	width     func() int
	log       *runLog
	// shown is true while the line is on screen; drawn is its text.
	shown bool
	drawn string
	// quit stops the current ticker goroutine; gen tells a stale one to stop.
	quit chan struct{}
	gen  int
	wg   sync.WaitGroup
}

// NewProgress returns a reporter that passes events to inner and draws
// the status line on w (a terminal: see ProgressWanted).
func NewProgress(w io.Writer, inner engine.Reporter) *Progress {
	return &Progress{w: w, inner: inner, now: time.Now, newTicker: realTicker, interval: progressInterval,
		width: func() int { return terminalWidth(w) }, log: newRunLog(false)}
}

func realTicker(d time.Duration) (<-chan time.Time, func()) {
	t := time.NewTicker(d)
	return t.C, t.Stop
}

// PlayStart passes the event on; no task runs until the next TaskStart.
func (p *Progress) PlayStart(name string, hosts []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stopTicker()
	p.clear()
	p.inner.PlayStart(name, hosts)
	now := p.now()
	p.log.finishPlay(now)
	p.log.startPlay(name, hosts, now)
}

// TaskStart passes the event on and starts the status line's ticker.
func (p *Progress) TaskStart(name string, handler bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stopTicker()
	p.clear()
	p.inner.TaskStart(name, handler)
	now := p.now()
	p.log.finishTask(now)
	p.log.startTask(name, handler, now)
	p.startTicker()
}

// TaskHosts records the task's hosts and passes the event on.
func (p *Progress) TaskHosts(task string, hosts []string) {
	p.around(func() {
		if th, ok := p.inner.(taskHoster); ok {
			th.TaskHosts(task, hosts)
		}
		p.log.bindHosts(task, hosts, p.now())
	})
}

// HostDone records that host finished task and passes the event on.
func (p *Progress) HostDone(task, host string) {
	p.around(func() {
		if hd, ok := p.inner.(hostDoner); ok {
			hd.HostDone(task, host)
		}
		p.log.markDone(task, host)
	})
}

// PlaybookStart passes the event on when the inner reporter takes it.
func (p *Progress) PlaybookStart(path string, plays int) {
	if ps, ok := p.inner.(engine.PlaybookStarter); ok {
		p.around(func() { ps.PlaybookStart(path, plays) })
	}
}

// Included passes the event on.
func (p *Progress) Included(file string, hosts []string) {
	p.around(func() { p.inner.Included(file, hosts) })
}

// HostResult passes the event on and counts the host done unless the
// result is a loop item.
func (p *Progress) HostResult(r engine.HostResult) {
	p.around(func() {
		p.inner.HostResult(r)
		p.log.record(r, p.now())
	})
}

// Warning passes the event on.
func (p *Progress) Warning(msg string) {
	p.around(func() { p.inner.Warning(msg) })
}

// Recap stops the status line and passes the event on.
func (p *Progress) Recap(hosts []string, stats map[string]*engine.Stats) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stopTicker()
	p.clear()
	p.inner.Recap(hosts, stats)
	p.log.finishPlay(p.now())
}

// Close erases the status line and waits for the ticker goroutine to end.
func (p *Progress) Close() {
	p.mu.Lock()
	p.stopTicker()
	p.clear()
	p.log.finishPlay(p.now())
	p.mu.Unlock()
	p.wg.Wait()
}

// around erases the line, runs fn and, if the line was shown, redraws it.
func (p *Progress) around(fn func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	shown := p.shown
	p.clear()
	fn()
	if shown {
		p.draw()
	}
}

// startTicker starts the goroutine that redraws the line; the caller holds p.mu.
func (p *Progress) startTicker() {
	ticks, stop := p.newTicker(p.interval)
	quit := make(chan struct{})
	p.quit = quit
	p.gen++
	gen := p.gen
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		defer stop()
		for {
			select {
			case <-quit:
				return
			case <-ticks:
				if !p.tick(gen) {
					return
				}
			}
		}
	}()
}

// stopTicker tells the ticker goroutine to end; the caller holds p.mu.
func (p *Progress) stopTicker() {
	if p.quit != nil {
		close(p.quit)
		p.quit = nil
	}
	p.gen++
}

// tick redraws the line unless the goroutine of generation gen is stale.
func (p *Progress) tick(gen int) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if gen != p.gen {
		return false
	}
	p.draw()
	return true
}

// draw writes the status line unless it is already on screen, or erases
// it once every host of the task is done; the caller holds p.mu.
func (p *Progress) draw() {
	t := p.log.task
	if t == nil {
		return
	}
	if len(t.expected) > 0 && len(t.waiting()) == 0 {
		p.clear()
		return
	}
	kind := "TASK"
	if t.handler {
		kind = "RUNNING HANDLER"
	}
	line := progressLine(kind+" ["+t.title+"]", len(t.expected), t.waiting(), len(t.done), p.now().Sub(t.start), p.width())
	if p.shown && line == p.drawn {
		return
	}
	fmt.Fprint(p.w, clearLine+line)
	p.shown, p.drawn = true, line
}

// clear erases the status line if it is shown; the caller holds p.mu.
func (p *Progress) clear() {
	if p.shown {
		fmt.Fprint(p.w, clearLine)
		p.shown = false
	}
}

// maxWaiting is how many waited-on hosts the line names.
const maxWaiting = 5

// progressLine formats the status line, cut to fit width columns. total
// is 0 when the task's hosts are unknown; then done is shown alone.
func progressLine(title string, total int, waiting []string, done int, elapsed time.Duration, width int) string {
	suffix := " (" + elapsed.Truncate(time.Second).String() + ")"
	var b strings.Builder
	b.WriteString(title)
	if total == 0 {
		fmt.Fprintf(&b, " %d %s done", done, plural(done, "host", "hosts"))
	} else {
		fmt.Fprintf(&b, " %d/%d hosts done", total-len(waiting), total)
	}
	if len(waiting) > 0 {
		names := waiting
		if len(names) > maxWaiting {
			names = names[:maxWaiting]
		}
		b.WriteString(", waiting on: " + strings.Join(names, ", "))
		if more := len(waiting) - len(names); more > 0 {
			fmt.Fprintf(&b, " and %d more", more)
		}
	}
	return fitLine(b.String(), suffix, width)
}

// fitLine joins head and suffix, cutting head so the line stays shorter
// than width columns (a full line would wrap and break the rewrite).
func fitLine(head, suffix string, width int) string {
	limit := width - 1
	line := []rune(head + suffix)
	if len(line) <= limit {
		return string(line)
	}
	room := limit - len([]rune(suffix)) - 1
	if room < 1 {
		return string(line[:max(limit, 0)])
	}
	return string([]rune(head)[:room]) + "…" + suffix
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
