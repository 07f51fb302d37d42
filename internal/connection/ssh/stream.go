package ssh

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"io"
	"slices"
	"strings"
)

// stream buffers one output stream of a remote shell and splits it at
// end markers ("<marker><text>\n").
type stream struct {
	r       io.Reader
	buf     []byte
	scanned int // bytes of buf known not to start a marker
}

func newStream(r io.Reader) *stream { return &stream{r: r} }

// fill reads once more from the underlying reader, into the buffer's
// spare room. An empty buffer first gets firstRead bytes of room (most
// command output, and nearly all stderr, is shorter), a full one doubles;
// so reading a command's output allocates nothing once the buffer has
// room, and a thousand idle connections keep small buffers.
func (s *stream) fill() error {
	if cap(s.buf)-len(s.buf) < firstRead/4 {
		s.buf = slices.Grow(s.buf, max(firstRead, len(s.buf)))
	}
	n, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
	s.buf = s.buf[:len(s.buf)+n]
	if n > 0 {
		return nil
	}
	if err == nil {
		err = io.ErrNoProgress
	}
	return err
}

// firstRead is the room an empty buffer reads into first; keptRoom the
// most an idle stream keeps after a large output (so a thousand
// connections that each once read a big file do not each keep a buffer
// that size).
const (
	firstRead = 512
	keptRoom  = 1 << 10
)

// shift drops the first n buffered bytes.
func (s *stream) shift(n int) {
	rest := s.buf[n:]
	if cap(s.buf) > keptRoom && len(rest) < keptRoom/2 {
		s.buf = append(make([]byte, 0, max(firstRead, len(rest))), rest...)
	} else {
		s.buf = append(s.buf[:0], rest...)
	}
	s.scanned = 0
}

// cut looks for marker followed by a newline. On success it returns the
// bytes before the marker and the text between marker and newline, and
// drops them (and the newline) from the buffer.
func (s *stream) cut(marker string) ([]byte, string, bool) {
	from := max(0, s.scanned-len(marker))
	i := bytes.Index(s.buf[from:], []byte(marker))
	if i < 0 {
		s.scanned = len(s.buf)
		return nil, "", false
	}
	i += from
	nl := bytes.IndexByte(s.buf[i+len(marker):], '\n')
	if nl < 0 {
		s.scanned = i
		return nil, "", false
	}
	data := bytes.Clone(s.buf[:i])
	tail := string(s.buf[i+len(marker) : i+len(marker)+nl])
	s.shift(i + len(marker) + nl + 1)
	return data, tail, true
}

// readUntil reads until marker and its line end arrive (see cut).
func (s *stream) readUntil(marker string) ([]byte, string, error) {
	for {
		if data, tail, ok := s.cut(marker); ok {
			return data, tail, nil
		}
		if err := s.fill(); err != nil {
			return nil, "", err
		}
	}
}

// drop discards the first n buffered bytes.
func (s *stream) drop(n int) { s.shift(n) }

// newMarker returns a unique marker no command output can predict.
func newMarker(kind string) string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return "EDX-" + kind + "-" + hex.EncodeToString(b) + ":"
}

// randomToken returns 16 random hex digits for temporary names.
func randomToken() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
