package inventory

import (
	"bytes"
	"errors"
)

// maxProgramOutput bounds what an inventory script or Python plugin may
// print: a runaway program fails the source instead of exhausting memory.
const maxProgramOutput = 256 << 20

// errOutputTooLarge is the failure of a program that printed more.
var errOutputTooLarge = errors.New("output too large")

// boundedBuffer is a bytes.Buffer that refuses writes past n bytes.
type boundedBuffer struct {
	bytes.Buffer
	n int
}

func (b *boundedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.n {
		return 0, errOutputTooLarge
	}
	return b.Buffer.Write(p)
}
