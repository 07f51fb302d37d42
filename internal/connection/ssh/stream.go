package ssh

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"io"
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

// fill reads once more from the underlying reader.
func (s *stream) fill() error {
	chunk := make([]byte, 32*1024)
	n, err := s.r.Read(chunk)
	s.buf = append(s.buf, chunk[:n]...)
	if n > 0 {
		return nil
	}
	if err == nil {
		err = io.ErrNoProgress
	}
	return err
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
	s.buf = append(s.buf[:0], s.buf[i+len(marker)+nl+1:]...)
	s.scanned = 0
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
func (s *stream) drop(n int) {
	s.buf = append(s.buf[:0], s.buf[n:]...)
	s.scanned = 0
}

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
