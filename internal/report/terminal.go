package report

import (
	"io"
	"os"

	"golang.org/x/term"
)

// fileDescriptor is implemented by *os.File.
type fileDescriptor interface{ Fd() uintptr }

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(fileDescriptor)
	return ok && term.IsTerminal(int(f.Fd()))
}

// colorsFor reports whether output to w should be colored: a terminal,
// NO_COLOR unset and TERM not "dumb".
func colorsFor(w io.Writer) bool {
	return isTerminal(w) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
}

// ProgressWanted reports whether a live progress line suits w: a terminal
// that understands cursor control (TERM is not "dumb").
func ProgressWanted(w io.Writer) bool {
	return isTerminal(w) && os.Getenv("TERM") != "dumb"
}

// terminalWidth returns w's width in columns, or 80 when unknown.
func terminalWidth(w io.Writer) int {
	if f, ok := w.(fileDescriptor); ok {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 0 {
			return cols
		}
	}
	return 80
}
