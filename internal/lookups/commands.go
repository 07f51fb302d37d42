package lookups

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"syscall"

	"github.com/edxplay/edxplay/internal/jinja2"
)

// maxOutput bounds what a pipe or lines command may print.
const maxOutput = 64 << 20

// limitedBuffer is a buffer that fails writes beyond maxOutput.
type limitedBuffer struct{ bytes.Buffer }

var errTooMuchOutput = errors.New("command output exceeds 64 MiB")

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > maxOutput {
		return 0, errTooMuchOutput
	}
	return b.Buffer.Write(p)
}

// shell runs term with /bin/sh -c in the loader's base directory, as
// subprocess.Popen(shell=True) does, and returns its standard output. A
// non-zero exit (minus the signal for a killed one) is Ansible's error.
func shell(ctx context.Context, ctrl Controller, plugin, term string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "/bin/sh", "-c", term)
	cmd.Dir = ctrl.BaseDir()
	var out limitedBuffer
	cmd.Stdout = &out
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code := exit.ExitCode()
		if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			code = -int(ws.Signal())
		}
		return nil, errorf("lookup_plugin.%s(%s) returned %d", plugin, term, code)
	case err != nil:
		return nil, errorf("lookup_plugin.%s(%s): %s", plugin, term, err)
	}
	return out.Bytes(), nil
}

func lookupPipe(ctx context.Context, r *runner, terms jinja2.Value, _ *jinja2.Dict) ([]jinja2.Value, error) {
	list, err := items(terms)
	if err != nil {
		return nil, err
	}
	var out []jinja2.Value
	for _, t := range list {
		data, err := shell(ctx, r.ctrl, "pipe", pyStr(t))
		if err != nil {
			return nil, err
		}
		out = append(out, jinja2.Str(strings.TrimRightFunc(string(data), pyIsSpace)))
	}
	return out, nil
}

func lookupLines(ctx context.Context, r *runner, terms jinja2.Value, _ *jinja2.Dict) ([]jinja2.Value, error) {
	list, err := items(terms)
	if err != nil {
		return nil, err
	}
	var out []jinja2.Value
	for _, t := range list {
		data, err := shell(ctx, r.ctrl, "lines", pyStr(t))
		if err != nil {
			return nil, err
		}
		for _, l := range bytesSplitLines(string(data)) {
			out = append(out, jinja2.Str(l))
		}
	}
	return out, nil
}

// bytesSplitLines is bytes.splitlines(): lines end at \n, \r or \r\n.
func bytesSplitLines(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexAny(s, "\r\n")
		if i < 0 {
			return append(out, s)
		}
		out = append(out, s[:i])
		if strings.HasPrefix(s[i:], "\r\n") {
			i++
		}
		s = s[i+1:]
	}
	return out
}
