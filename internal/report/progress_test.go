package report

import (
	"bytes"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edxplay/edxplay/engine"
)

func TestProgressLine(t *testing.T) {
	tests := []struct {
		name    string
		title   string
		total   int
		waiting []string
		done    int
		elapsed time.Duration
		width   int
		want    string
	}{
		{"waiting", "TASK [deploy]", 10, []string{"h3", "h8", "h9"}, 7, 12500 * time.Millisecond, 80,
			"TASK [deploy] 7/10 hosts done, waiting on: h3, h8, h9 (12s)"},
		{"all done", "TASK [deploy]", 2, nil, 2, 61 * time.Second, 80, "TASK [deploy] 2/2 hosts done (1m1s)"},
		{"hosts unknown", "RUNNING HANDLER [restart]", 0, nil, 1, 0, 80, "RUNNING HANDLER [restart] 1 host done (0s)"},
		{"hosts unknown, several", "TASK [x]", 0, nil, 3, time.Second, 80, "TASK [x] 3 hosts done (1s)"},
		{"many waiting", "TASK [x]", 9, []string{"a", "b", "c", "d", "e", "f", "g"}, 2, 0, 80,
			"TASK [x] 2/9 hosts done, waiting on: a, b, c, d, e and 2 more (0s)"},
		{"cut to width", "TASK [a very long task name]", 3, []string{"web-server-01", "web-server-02"}, 1, 5 * time.Second, 40,
			"TASK [a very long task name] 1/3 … (5s)"},
		{"tiny terminal", "TASK [x]", 1, []string{"a"}, 0, 0, 6, "TASK "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := progressLine(tt.title, tt.total, tt.waiting, tt.done, tt.elapsed, tt.width)
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			if n := len([]rune(got)); n >= tt.width {
				t.Errorf("line of %d columns does not fit %d", n, tt.width)
			}
		})
	}
}

// fakeTicker is a ticker the test drives; stopped closes when the ticker
// goroutine has ended (it stops its ticker on the way out).
type fakeTicker struct {
	c       chan time.Time
	stopped chan struct{}
}

type fakeTickers struct {
	mu   sync.Mutex
	made []*fakeTicker
}

func (f *fakeTickers) newTicker(time.Duration) (<-chan time.Time, func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := &fakeTicker{c: make(chan time.Time), stopped: make(chan struct{})}
	f.made = append(f.made, t)
	return t.c, func() { close(t.stopped) }
}

func (f *fakeTickers) get(t *testing.T, i int) *fakeTicker {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if i >= len(f.made) {
		t.Fatalf("ticker %d was never started (%d started)", i, len(f.made))
	}
	return f.made[i]
}

// tick delivers two ticks: the second is received only once the
// goroutine has drawn the first (the second draws nothing new).
func (ft *fakeTicker) tick(t *testing.T) {
	t.Helper()
	for range 2 {
		select {
		case ft.c <- time.Time{}:
		case <-time.After(2 * time.Second):
			t.Fatal("ticker goroutine does not receive ticks")
		}
	}
}

func (ft *fakeTicker) waitStopped(t *testing.T) {
	t.Helper()
	select {
	case <-ft.stopped:
	case <-time.After(2 * time.Second):
		t.Fatal("ticker goroutine did not end")
	}
}

// output reads what was written, under the reporter's lock.
func output(p *Progress, buf *bytes.Buffer) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := buf.String()
	buf.Reset()
	return out
}

func newTestProgress(buf *bytes.Buffer, clk *fakeClock, tickers *fakeTickers) *Progress {
	h := NewHuman(buf, 0, false)
	p := NewProgress(buf, h)
	p.now = clk.now
	p.newTicker = tickers.newTicker
	p.width = func() int { return 80 }
	return p
}

// TestProgressLifecycle drives the line with a fake ticker and checks the
// exact bytes on the (shared) terminal.
func TestProgressLifecycle(t *testing.T) {
	var buf bytes.Buffer
	clk := newFakeClock()
	tickers := &fakeTickers{}
	p := newTestProgress(&buf, clk, tickers)

	p.PlayStart("web", []string{"a", "b", "c"})
	p.TaskStart("deploy", false)
	p.TaskHosts("deploy", []string{"a", "b", "c"})
	if got := output(p, &buf); strings.Contains(got, "\r") {
		t.Errorf("line drawn before the first tick: %q", got)
	}
	clk.advance(2 * time.Second)
	tickers.get(t, 0).tick(t)
	line := clearLine + "TASK [deploy] 0/3 hosts done, waiting on: a, b, c (2s)"
	if got := output(p, &buf); got != line {
		t.Errorf("after ticks: %q", got)
	}

	p.HostResult(engine.HostResult{Host: "b", Status: engine.StatusOK})
	want := clearLine + "ok: [b]\n" + clearLine + "TASK [deploy] 1/3 hosts done, waiting on: a, c (2s)"
	if got := output(p, &buf); got != want {
		t.Errorf("result while the line is shown:\n got %q\nwant %q", got, want)
	}

	p.TaskStart("next", false)
	tickers.get(t, 0).waitStopped(t)
	if got := output(p, &buf); !strings.HasPrefix(got, clearLine+"\nTASK [next] *") {
		t.Errorf("next task: %q", got)
	}
	p.HostResult(engine.HostResult{Host: "a", Status: engine.StatusChanged})
	if got := output(p, &buf); got != "changed: [a]\n" {
		t.Errorf("result before any tick: %q", got)
	}
	p.Recap([]string{"a"}, map[string]*engine.Stats{"a": {OK: 1}})
	tickers.get(t, 1).waitStopped(t)
	p.Close()
	if got := output(p, &buf); strings.Contains(got, "\r") || !strings.Contains(got, "PLAY RECAP") {
		t.Errorf("recap: %q", got)
	}
}

// TestProgressLoopItemsAndHostDone: loop items leave the host waiting
// until HostDone.
func TestProgressLoopItemsAndHostDone(t *testing.T) {
	var buf bytes.Buffer
	clk := newFakeClock()
	tickers := &fakeTickers{}
	p := newTestProgress(&buf, clk, tickers)
	defer p.Close()
	p.TaskStart("users", false)
	p.TaskHosts("users", []string{"a", "b"})
	p.HostResult(engine.HostResult{Host: "a", Status: engine.StatusOK, IsItem: true, Item: "x"})
	tickers.get(t, 0).tick(t)
	if got := output(p, &buf); !strings.HasSuffix(got, "0/2 hosts done, waiting on: a, b (0s)") {
		t.Errorf("after an item: %q", got)
	}
	p.HostDone("users", "a")
	if got := output(p, &buf); !strings.HasSuffix(got, "1/2 hosts done, waiting on: b (0s)") {
		t.Errorf("after HostDone: %q", got)
	}
}

// TestProgressStaleTick: a tick from a stopped generation draws nothing.
func TestProgressStaleTick(t *testing.T) {
	var buf bytes.Buffer
	tickers := &fakeTickers{}
	p := newTestProgress(&buf, newFakeClock(), tickers)
	p.TaskStart("one", false)
	p.mu.Lock()
	gen := p.gen
	p.mu.Unlock()
	p.TaskStart("two", false)
	output(p, &buf)
	if p.tick(gen) {
		t.Error("stale tick kept its goroutine running")
	}
	if got := output(p, &buf); got != "" {
		t.Errorf("stale tick drew %q", got)
	}
	p.Close()
	for i := range 2 {
		tickers.get(t, i).waitStopped(t)
	}
}

// TestProgressRealTickerNoLeak runs real tickers at a short interval and
// checks every goroutine is gone after Close.
func TestProgressRealTickerNoLeak(t *testing.T) {
	before := runtime.NumGoroutine()
	var buf bytes.Buffer
	p := NewProgress(&buf, NewHuman(&buf, 0, false))
	p.interval = time.Millisecond
	p.width = func() int { return 80 }
	for range 5 {
		p.TaskStart("t", false)
		time.Sleep(5 * time.Millisecond)
		p.HostResult(engine.HostResult{Host: "h", Status: engine.StatusOK})
	}
	p.PlayStart("p", nil)
	p.TaskStart("last", false)
	time.Sleep(5 * time.Millisecond)
	p.Close()
	out := output(p, &buf)
	if !strings.Contains(out, clearLine+"TASK [t] ") || !(strings.HasSuffix(out, "\n") || strings.HasSuffix(out, clearLine)) {
		t.Errorf("line never drawn, or left on screen: %q", out)
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after Close, %d before", n, before)
	}
}

// TestProgressErasedWhenAllDone: once every host is done the line goes.
func TestProgressErasedWhenAllDone(t *testing.T) {
	var buf bytes.Buffer
	tickers := &fakeTickers{}
	p := newTestProgress(&buf, newFakeClock(), tickers)
	defer p.Close()
	p.TaskStart("one", false)
	p.TaskHosts("one", []string{"a"})
	tickers.get(t, 0).tick(t)
	output(p, &buf)
	p.HostResult(engine.HostResult{Host: "a", Status: engine.StatusOK})
	tickers.get(t, 0).tick(t)
	if got := output(p, &buf); got != clearLine+"ok: [a]\n" {
		t.Errorf("got %q", got)
	}
}
