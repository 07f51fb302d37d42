package engine

import (
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestRunForks checks the fork pool of a task: every host runs once, no
// more than forks at once, and with one fork in host order.
func TestRunForks(t *testing.T) {
	cases := []struct{ n, forks int }{{0, 5}, {1, 100}, {7, 1}, {50, 8}, {10, 0}, {3, 10}}
	for _, c := range cases {
		var (
			mu          sync.Mutex
			order       []int
			running     atomic.Int32
			peak        atomic.Int32
			ranPerIndex = make([]int, c.n)
		)
		runForks(c.n, c.forks, func(i int) {
			n := running.Add(1)
			for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
			}
			time.Sleep(time.Millisecond)
			mu.Lock()
			order = append(order, i)
			ranPerIndex[i]++
			mu.Unlock()
			running.Add(-1)
		})
		for i, k := range ranPerIndex {
			if k != 1 {
				t.Errorf("n=%d forks=%d: index %d ran %d times", c.n, c.forks, i, k)
			}
		}
		if p := int(peak.Load()); p > max(c.forks, 1) {
			t.Errorf("n=%d forks=%d: %d ran at once", c.n, c.forks, p)
		}
		if c.forks <= 1 && !slices.IsSorted(order) {
			t.Errorf("n=%d forks=%d: order %v, want host order", c.n, c.forks, order)
		}
	}
}
