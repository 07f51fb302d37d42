package ctlpython

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"

	"github.com/edxplay/edxplay/internal/boundedout"
)

// ErrNoAnsible is the failure to find a controller Python with
// ansible-core: every candidate failed to run the program or answered
// that it could not import ansible.
var ErrNoAnsible = errors.New("no Python with ansible-core on the controller")

// maxStderr bounds the standard error kept for an error message.
const maxStderr = 64 << 10

// Program is one run of a Python program on the controller. The program
// reads Stdin and prints one JSON object; it answers
// {"noansible": "<why>"} when it cannot import ansible-core, and the
// next candidate Python is tried.
type Program struct {
	// Source is the program's text, run with python -c.
	Source string
	// Stdin is the program's input.
	Stdin []byte
	// MaxOutput bounds its standard output; a program that prints more fails.
	MaxOutput int
	// Stderr receives its standard error (Ansible's warnings); nil keeps
	// the first 64 KiB for the error of a failed run.
	Stderr io.Writer
}

// Run runs p under the candidate Pythons in order and returns the
// standard output of the first that answers. Its error wraps
// ErrNoAnsible, naming each Python tried and why it failed, when none
// does.
func Run(ctx context.Context, p Program) ([]byte, error) {
	var reasons []string
	for _, py := range Candidates() {
		out, err := runOne(ctx, py, p)
		if err == nil {
			return out, nil
		}
		reasons = append(reasons, fmt.Sprintf("%s: %s", py, err))
		if ctx.Err() != nil {
			break
		}
	}
	if len(reasons) == 0 {
		reasons = append(reasons, "no python3 found")
	}
	return nil, fmt.Errorf("%w (%s): %s", ErrNoAnsible, Env, strings.Join(reasons, "; "))
}

// runOne runs p under one Python.
func runOne(ctx context.Context, py string, p Program) ([]byte, error) {
	cmd := exec.CommandContext(ctx, py, "-c", p.Source)
	cmd.Stdin = bytes.NewReader(p.Stdin)
	stdout := &boundedout.Buffer{Max: p.MaxOutput}
	stderr := &boundedout.Buffer{Max: maxStderr, Truncate: true}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if p.Stderr != nil {
		cmd.Stderr = p.Stderr
	}
	if err := cmd.Run(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("%w %s", err, msg)
		}
		return nil, err
	}
	var probe struct {
		NoAnsible string `json:"noansible"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &probe); err != nil {
		return nil, fmt.Errorf("unreadable answer: %w", err)
	}
	if probe.NoAnsible != "" {
		return nil, errors.New(probe.NoAnsible)
	}
	return stdout.Bytes(), nil
}
