package ssh

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestHandshakeLimit checks that no more than the limit's dials run at once,
// and that a caller whose context ends while it waits gives up.
func TestHandshakeLimit(t *testing.T) {
	l := newHandshakeLimit(3)
	var running, peak atomic.Int32
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = l.do(context.Background(), func() (*client, error) {
				n := running.Add(1)
				for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
				}
				time.Sleep(5 * time.Millisecond)
				running.Add(-1)
				return nil, nil
			})
		}()
	}
	wg.Wait()
	if p := peak.Load(); p < 1 || p > 3 {
		t.Fatalf("peak concurrent dials = %d, want 1..3", p)
	}

	block := make(chan struct{})
	for range 3 {
		go func() { _, _ = l.do(context.Background(), func() (*client, error) { <-block; return nil, nil }) }()
	}
	time.Sleep(20 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := l.do(ctx, func() (*client, error) { t.Error("dialled past the limit"); return nil, nil }); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("waiting dial: %v, want deadline exceeded", err)
	}
	close(block)
}

// TestAddrLimits checks the per-address limit: at most n setups to one
// address at once, other addresses not held up by it, a waiter whose
// context ends giving up, and nothing kept once all are done.
func TestAddrLimits(t *testing.T) {
	a := &addrLimits{n: 2}
	var running, peak atomic.Int32
	var wg sync.WaitGroup
	for range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			done, err := a.acquire(context.Background(), "10.0.0.1:22")
			if err != nil {
				t.Error(err)
				return
			}
			n := running.Add(1)
			for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
			}
			time.Sleep(5 * time.Millisecond)
			running.Add(-1)
			done()
		}()
	}
	wg.Wait()
	if p := peak.Load(); p < 1 || p > 2 {
		t.Fatalf("peak concurrent setups to one address = %d, want 1..2", p)
	}

	held := make([]func(), 0, 2)
	for range 2 {
		done, err := a.acquire(context.Background(), "10.0.0.1:22")
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, done)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := a.acquire(ctx, "10.0.0.1:22"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("third setup to a full address: %v, want deadline exceeded", err)
	}
	other, err := a.acquire(context.Background(), "10.0.0.2:22")
	if err != nil {
		t.Fatalf("another address waited for a full one: %v", err)
	}
	other()
	for _, done := range held {
		done()
	}
	if len(a.addrs) != 0 {
		t.Errorf("%d addresses kept after every setup ended", len(a.addrs))
	}
}

// TestParsedFilesReloadsChangedFile checks the parse cache: one parse while
// the file is unchanged, a new one after it changes or is created.
func TestParsedFilesReloadsChangedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "known_hosts")
	var c parsedFiles[string]
	parses := 0
	get := func() string {
		v, err := c.get("", []string{path}, func() (string, bool, error) {
			parses++
			data, _ := os.ReadFile(path)
			return string(data), true, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	steps := []struct {
		write  string // "" leaves the file as it is
		want   string
		parses int
	}{
		{"", "", 1},
		{"", "", 1},
		{"a key\n", "a key\n", 2},
		{"", "a key\n", 2},
		{"a key\nanother key\n", "a key\nanother key\n", 3},
	}
	for i, s := range steps {
		if s.write != "" {
			if err := os.WriteFile(path, []byte(s.write), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		if got := get(); got != s.want || parses != s.parses {
			t.Errorf("step %d: got %q after %d parses, want %q after %d", i, got, parses, s.want, s.parses)
		}
	}
	c.forget()
	get()
	if parses != 4 {
		t.Errorf("after forget: %d parses, want 4", parses)
	}
}
