package ssh

import (
	"context"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"time"
)

// maxHandshakes bounds the SSH connections being set up at once by this
// process (TCP connect, key exchange, authentication), so that a run over
// a thousand hosts does not start a thousand key exchanges together.
// It is above the default forks (100): a smaller bound made hosts wait
// for a slot while the fork they held did nothing (a converged 200-host
// run: 0.74 s of a host's 2.4 s in task 1 was that wait with 32 slots).
// EDXPLAY_MAX_HANDSHAKES overrides it.
const maxHandshakes = 128

// maxHandshakesPerAddr bounds the connections being set up at once to
// one address (one sshd: a jump host every connection goes through, or
// hosts that share an address). An sshd drops unauthenticated
// connections past MaxStartups (10:30:100 by default: at random from 10
// on), so 10 at a time are never dropped for that reason.
const maxHandshakesPerAddr = 10

// handshakeLimit is a counting semaphore of connection setups.
type handshakeLimit struct{ slots chan struct{} }

func newHandshakeLimit(n int) *handshakeLimit {
	return &handshakeLimit{slots: make(chan struct{}, max(1, n))}
}

// handshakes is the process-wide limit.
var handshakes = newHandshakeLimit(handshakeSlots())

func handshakeSlots() int {
	if n, err := strconv.Atoi(os.Getenv("EDXPLAY_MAX_HANDSHAKES")); err == nil && n > 0 {
		return n
	}
	return maxHandshakes
}

// do runs dial once a slot is free (or fails when ctx ends first).
func (l *handshakeLimit) do(ctx context.Context, dial func() (*client, error)) (*client, error) {
	if err := l.acquire(ctx); err != nil {
		return nil, err
	}
	defer l.release()
	return dial()
}

func (l *handshakeLimit) acquire(ctx context.Context) error {
	select {
	case l.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (l *handshakeLimit) release() { <-l.slots }

// addrLimits holds one handshakeLimit per address while handshakes to it
// are under way.
type addrLimits struct {
	mu    sync.Mutex
	n     int
	addrs map[string]*addrLimit
}

type addrLimit struct {
	limit *handshakeLimit
	users int // callers holding or waiting for a slot
}

// perAddr is the process-wide per-address limit.
var perAddr = &addrLimits{n: maxHandshakesPerAddr}

// acquire waits for a slot of addr; the returned function releases it.
func (a *addrLimits) acquire(ctx context.Context, addr string) (func(), error) {
	a.mu.Lock()
	if a.addrs == nil {
		a.addrs = map[string]*addrLimit{}
	}
	e := a.addrs[addr]
	if e == nil {
		e = &addrLimit{limit: newHandshakeLimit(a.n)}
		a.addrs[addr] = e
	}
	e.users++
	a.mu.Unlock()
	done := func() {
		a.mu.Lock()
		if e.users--; e.users == 0 {
			delete(a.addrs, addr)
		}
		a.mu.Unlock()
	}
	if err := e.limit.acquire(ctx); err != nil {
		done()
		return nil, err
	}
	return func() { e.limit.release(); done() }, nil
}

// jitter spreads a retry delay over [d/2, 3d/2), so that hosts refused at
// the same moment do not all come back at the same moment.
func jitter(d time.Duration) time.Duration {
	return d/2 + rand.N(d)
}
