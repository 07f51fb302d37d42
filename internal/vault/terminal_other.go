//go:build !linux

package vault

import (
	"errors"
	"os"
)

// disableEcho is unsupported here: answers are echoed.
func disableEcho(*os.File) (func(), error) {
	return nil, errors.New("cannot control echo on this platform")
}

// IsTerminal reports whether f is a character device, the best guess
// available here.
func IsTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
