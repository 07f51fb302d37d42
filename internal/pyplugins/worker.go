package pyplugins

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// callTimeout bounds one request to the worker (a plugin call).
const callTimeout = 5 * time.Minute

// maxAnswer bounds one answer line of the worker.
const maxAnswer = 64 << 20

// answer is one line the worker writes.
type answer struct {
	NoAnsible string          `json:"noansible"`
	Ready     bool            `json:"ready"`
	Found     bool            `json:"found"`
	Missing   bool            `json:"missing"`
	Error     string          `json:"error"`
	Module    string          `json:"module"`
	Msg       string          `json:"msg"`
	Result    json.RawMessage `json:"result"`
	Type      string          `json:"type"`
	Warnings  []string        `json:"warnings"`
}

// worker is one Python process running workerScript.
type worker struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *bufio.Reader
	stderr *boundedBuffer
	dead   error
}

// startWorker starts the worker under the first Python that has
// ansible-core, cancelled with ctx.
func startWorker(ctx context.Context, pythons []string) (*worker, error) {
	var reasons []string
	for _, py := range pythons {
		w, err := startUnder(ctx, py)
		if err == nil {
			return w, nil
		}
		reasons = append(reasons, fmt.Sprintf("%s: %s", py, err))
	}
	if len(reasons) == 0 {
		reasons = append(reasons, "no python3 found")
	}
	return nil, errors.New(strings.Join(reasons, "; "))
}

func startUnder(ctx context.Context, py string) (*worker, error) {
	cmd := exec.CommandContext(ctx, py, "-c", workerScript)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	w := &worker{cmd: cmd, stdin: stdin, stdout: bufio.NewReaderSize(stdout, 1<<16), stderr: &boundedBuffer{n: 1 << 16}}
	cmd.Stderr = w.stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	first, err := w.read(ctx)
	switch {
	case err != nil:
		w.close()
		return nil, err
	case first.NoAnsible != "":
		w.close()
		return nil, errors.New(first.NoAnsible)
	case !first.Ready:
		w.close()
		return nil, errors.New("unexpected first answer")
	}
	return w, nil
}

// ask sends one request and reads its answer; a worker that fails or
// times out is killed and stays dead.
func (w *worker) ask(ctx context.Context, req map[string]any) (*answer, error) {
	if w.dead != nil {
		return nil, w.dead
	}
	line, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("encode request: %w", err)
	}
	if _, err := w.stdin.Write(append(line, '\n')); err != nil {
		w.fail(err)
		return nil, w.dead
	}
	a, err := w.read(ctx)
	if err != nil {
		w.fail(err)
		return nil, w.dead
	}
	return a, nil
}

// read reads one answer line within callTimeout.
func (w *worker) read(ctx context.Context) (*answer, error) {
	type got struct {
		a   *answer
		err error
	}
	ch := make(chan got, 1)
	go func() {
		a, err := w.readLine()
		ch <- got{a, err}
	}()
	timer := time.NewTimer(callTimeout)
	defer timer.Stop()
	select {
	case g := <-ch:
		return g.a, g.err
	case <-timer.C:
		w.kill()
		return nil, errors.New("timed out")
	case <-ctx.Done():
		w.kill()
		return nil, ctx.Err()
	}
}

func (w *worker) readLine() (*answer, error) {
	var buf []byte
	for {
		part, isPrefix, err := w.stdout.ReadLine()
		if err != nil {
			return nil, fmt.Errorf("worker ended: %w %s", err, strings.TrimSpace(w.stderr.String()))
		}
		buf = append(buf, part...)
		if len(buf) > maxAnswer {
			return nil, errors.New("answer too large")
		}
		if !isPrefix {
			break
		}
	}
	var a answer
	if err := json.Unmarshal(buf, &a); err != nil {
		return nil, fmt.Errorf("unreadable answer: %w", err)
	}
	return &a, nil
}

func (w *worker) fail(err error) {
	w.dead = err
	w.kill()
}

func (w *worker) kill() {
	if w.cmd.Process != nil {
		_ = w.cmd.Process.Kill()
	}
}

// close ends the worker: its stdin closed, then killed, then waited for.
func (w *worker) close() {
	_ = w.stdin.Close()
	w.kill()
	_ = w.cmd.Wait()
}

// boundedBuffer keeps the first n bytes written to it.
type boundedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	n   int
}

func (b *boundedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := b.n - b.buf.Len(); room > 0 {
		if len(p) > room {
			b.buf.Write(p[:room])
		} else {
			b.buf.Write(p)
		}
	}
	return len(p), nil
}

func (b *boundedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
