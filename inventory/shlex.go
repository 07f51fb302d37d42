package inventory

import (
	"errors"

	"github.com/edxplay/edxplay/internal/shellwords"
)

// shlexSplit splits an INI host line like Python's shlex.split(s,
// comments=True), with Python's error text (ansible-inventory prints it).
func shlexSplit(s string) ([]string, error) {
	words, err := shellwords.SplitComments(s)
	switch {
	case errors.Is(err, shellwords.ErrNoClosingQuote):
		return nil, errors.New("No closing quotation") //nolint:staticcheck // Python's ValueError text, as Ansible prints it
	case errors.Is(err, shellwords.ErrNoEscapedChar):
		return nil, errors.New("No escaped character") //nolint:staticcheck // Python's ValueError text
	}
	return words, err
}
