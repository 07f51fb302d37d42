package ssh

import (
	"context"
	"math/rand/v2"
	"os"
	"strconv"
	"time"
)

// maxHandshakes bounds the SSH connections being set up at once by this
// process (TCP connect, key exchange, authentication). A run over a
// thousand hosts would otherwise start a thousand key exchanges together:
// the CPU they need arrives at once, and an sshd (or jump host) that many
// of them reach drops connections past its MaxStartups (10:30:100 by
// default). EDXPLAY_MAX_HANDSHAKES overrides it.
const maxHandshakes = 32

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
	select {
	case l.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-l.slots }()
	return dial()
}

// jitter spreads a retry delay over [d/2, 3d/2), so that hosts refused at
// the same moment do not all come back at the same moment.
func jitter(d time.Duration) time.Duration {
	return d/2 + rand.N(d)
}
