package jinja

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"unicode"
)

// Lookups that run shell commands on the controller: pipe and lines.

// runShell runs term with /bin/sh -c in the engine's base directory and
// returns its standard output. A non-zero exit is an error naming the
// lookup, as Ansible reports it.
func (rc *renderCtx) runShell(lookup, term string) (string, error) {
	cmd := exec.CommandContext(context.Background(), "/bin/sh", "-c", term)
	cmd.Dir = rc.engine.opts.BaseDir
	var out bytes.Buffer
	cmd.Stdout = &out
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return "", fmt.Errorf("lookup_plugin.%s(%s) returned %d", lookup, term, exit.ExitCode())
	case err != nil:
		return "", fmt.Errorf("lookup_plugin.%s(%s): %w", lookup, term, err)
	}
	return out.String(), nil
}

// lookupPipe returns each command's output with trailing whitespace
// removed.
func lookupPipe(rc *renderCtx, terms []any, _ map[string]any) ([]any, error) {
	out := []any{}
	for _, t := range terms {
		s, err := rc.runShell("pipe", pyStr(t))
		if err != nil {
			return nil, err
		}
		out = append(out, strings.TrimRightFunc(s, pyIsSpace))
	}
	return out, nil
}

// lookupLines returns the lines of each command's output (str.splitlines).
func lookupLines(rc *renderCtx, terms []any, _ map[string]any) ([]any, error) {
	out := []any{}
	for _, t := range terms {
		s, err := rc.runShell("lines", pyStr(t))
		if err != nil {
			return nil, err
		}
		for _, line := range pySplitLines(s) {
			out = append(out, line)
		}
	}
	return out, nil
}

// pyIsSpace reports whether Python's str.isspace() holds for r.
func pyIsSpace(r rune) bool {
	return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f
}

// pySplitLines implements str.splitlines() without keepends.
func pySplitLines(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexAny(s, "\n\r\v\f\x1c\x1d\x1e\u0085\u2028\u2029")
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i])
		width := len(string([]rune(s[i:])[0]))
		if strings.HasPrefix(s[i:], "\r\n") {
			width = 2
		}
		s = s[i+width:]
	}
	return out
}
