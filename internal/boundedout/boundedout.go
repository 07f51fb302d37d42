// Package boundedout collects the output of a program the controller runs
// (an inventory script, the controller's Python) up to a bound, so that a
// runaway program fails instead of exhausting memory.
package boundedout

import (
	"bytes"
	"errors"
)

// ErrTooLarge fails a write past the bound of a Buffer that does not
// truncate.
var ErrTooLarge = errors.New("output too large")

// Buffer keeps at most Max bytes (Max <= 0: no bound). Past the bound a
// write fails with ErrTooLarge, or with Truncate is dropped. The bytes
// are a field, not an embedded bytes.Buffer, so that io.Copy (as os/exec
// uses it) cannot bypass Write through ReadFrom.
type Buffer struct {
	// Max is the bound in bytes.
	Max int
	// Truncate drops what passes the bound instead of failing.
	Truncate bool
	buf      bytes.Buffer
}

// Write keeps p, or fails or truncates past the bound.
func (b *Buffer) Write(p []byte) (int, error) {
	if b.Max <= 0 || b.buf.Len()+len(p) <= b.Max {
		return b.buf.Write(p)
	}
	if !b.Truncate {
		return 0, ErrTooLarge
	}
	b.buf.Write(p[:b.Max-b.buf.Len()])
	return len(p), nil
}

// Bytes returns what was kept.
func (b *Buffer) Bytes() []byte { return b.buf.Bytes() }

// String returns what was kept, as a string.
func (b *Buffer) String() string { return b.buf.String() }
