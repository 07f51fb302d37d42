package edxprod

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Load is a bounded client loop against one URL: at most Requests
// requests, Pause apart, until it has sent them all or is stopped.
type Load struct {
	URL      string
	Requests int
	Pause    time.Duration

	mu       sync.Mutex
	sent     int
	failures []string
	// seen counts the pages by the platform name they show.
	seen map[string]int
	done chan struct{}
	stop chan struct{}
}

// Start runs the loop in the background.
func (l *Load) Start(ctx context.Context, names ...string) {
	l.seen, l.done, l.stop = map[string]int{}, make(chan struct{}), make(chan struct{})
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	go func() {
		defer close(l.done)
		for i := 0; i < l.Requests; i++ {
			select {
			case <-l.stop:
				return
			case <-ctx.Done():
				return
			default:
			}
			body, err := Get(ctx, client, l.URL)
			l.record(body, err, names)
			time.Sleep(l.Pause)
		}
	}()
}

func (l *Load) record(body string, err error, names []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sent++
	if err != nil {
		l.failures = append(l.failures, err.Error())
		return
	}
	for _, n := range names {
		if strings.Contains(body, "<h1>"+n+"</h1>") {
			l.seen[n]++
		}
	}
}

// Stop ends the loop early and waits for it.
func (l *Load) Stop() {
	close(l.stop)
	<-l.done
}

// Wait waits for the loop to send every request.
func (l *Load) Wait() { <-l.done }

// Result is what the loop saw: requests sent, the failures, the pages by name.
func (l *Load) Result() (int, []string, map[string]int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.sent, append([]string{}, l.failures...), l.seen
}
