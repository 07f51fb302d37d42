package vault

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// Prompter asks the user a question; with private set the answer is not
// echoed where the medium allows it.
type Prompter interface {
	Prompt(message string, private bool) (string, error)
}

// ReaderPrompter answers prompts with successive lines read from a reader,
// writing each prompt to a writer. It serves tests and non-terminal input.
type ReaderPrompter struct {
	in  *bufio.Reader
	out io.Writer
}

// NewReaderPrompter returns a ReaderPrompter reading answers from r and
// writing prompts to w.
func NewReaderPrompter(r io.Reader, w io.Writer) *ReaderPrompter {
	return &ReaderPrompter{in: bufio.NewReader(r), out: w}
}

// Prompt writes message and returns the next line without its line break.
// It returns io.EOF when the input is exhausted before any character.
func (p *ReaderPrompter) Prompt(message string, private bool) (string, error) {
	if _, err := io.WriteString(p.out, message); err != nil {
		return "", fmt.Errorf("writing prompt: %w", err)
	}
	line, err := p.in.ReadString('\n')
	if err == io.EOF && line == "" {
		return "", io.EOF
	}
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("reading answer: %w", err)
	}
	if private {
		// The typed line break was not echoed.
		fmt.Fprintln(p.out)
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// TerminalPrompter prompts on the controlling terminal (/dev/tty) with echo
// off for private answers, as Python's getpass does, and falls back to a
// ReaderPrompter on the given input and output when there is no terminal.
type TerminalPrompter struct {
	fallback *ReaderPrompter
}

// NewTerminalPrompter returns a TerminalPrompter falling back to stdin and
// stderr.
func NewTerminalPrompter(stdin io.Reader, stderr io.Writer) *TerminalPrompter {
	return &TerminalPrompter{fallback: NewReaderPrompter(stdin, stderr)}
}

// Prompt asks on /dev/tty, or on the fallback streams without a terminal.
func (p *TerminalPrompter) Prompt(message string, private bool) (string, error) {
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return p.fallback.Prompt(message, false)
	}
	defer tty.Close()
	if private {
		restore, err := disableEcho(tty)
		if err == nil {
			defer restore()
		}
	}
	return NewReaderPrompter(tty, tty).Prompt(message, private)
}
