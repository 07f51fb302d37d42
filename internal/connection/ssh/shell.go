package ssh

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/edxplay/edxplay/internal/connection"
	xssh "golang.org/x/crypto/ssh"
)

// cancelGrace bounds the kill of a cancelled command.
const cancelGrace = 5 * time.Second

// shell is one long-lived sh session fed commands on stdin; it runs one
// command at a time.
type shell struct {
	mu sync.Mutex
	// pid is the shell's process id on the host; kill kills its process
	// group (the shell and the command it runs) out of band: the shell
	// itself is busy running the command being cancelled.
	pid  string
	kill func(pid string)
	// pending is the shell's pending record of temporary files (see
	// pendingPrelude); empty when the host offers none.
	pending string
	sess    *xssh.Session
	stdin   io.WriteCloser
	out     *stream
	errs    *stream
	dead    atomic.Bool
}

// startShell opens a session running sh (through become, if any) and waits
// until it is ready for commands.
func startShell(ctx context.Context, c *xssh.Client, b *connection.Become) (*shell, error) {
	l, input, err := shellLaunch(b)
	if err != nil {
		return nil, err
	}
	sess, stdin, out, errs, err := openSession(ctx, c, l.command)
	if err != nil {
		return nil, err
	}
	sh := &shell{sess: sess, stdin: stdin, out: out, errs: errs}
	if _, err := io.WriteString(stdin, input); err != nil {
		sh.close()
		return nil, fmt.Errorf("start shell: %w", err)
	}
	ready, err := awaitReady(ctx, l, stdin, out, errs)
	if err != nil {
		sh.close()
		return nil, fmt.Errorf("start shell: %w", err)
	}
	sh.pid, sh.pending = ready.pid, ready.pending
	return sh, nil
}

// shellLaunch is how a persistent shell starts, and what to write to its
// stdin first. Without become the login shell execs a plain sh that reads
// the prelude from stdin like any command, and stays: one exec on the
// host, where an sh -c that runs the prelude and then execs the reading sh
// takes two. The prelude's variables are unset again, so that commands do
// not see them. Through become the prelude is part of the command line
// (the become method reads a password from stdin first).
func shellLaunch(b *connection.Become) (launch, string, error) {
	if b != nil {
		l, err := newLaunch(b, pendingPrelude, "/bin/sh")
		return l, "", err
	}
	l := launch{command: "exec /bin/sh", ready: newMarker("READY"), prompt: func([]byte) int { return -1 }}
	input := fmt.Sprintf("%sset --; unset -v d l f o p; echo %s\"$$ $__edx_rec\"; echo %s >&2\n", pendingPrelude, l.ready, l.ready)
	return l, input, nil
}

// openSession starts command in a new session with piped stdio. Opening
// a channel does not watch ctx (on a connection cut off it waits for the
// keepalives to give up), so it returns at cancellation and closes the
// session, if it still comes, in the background.
func openSession(ctx context.Context, c *xssh.Client, command string) (*xssh.Session, io.WriteCloser, *stream, *stream, error) {
	type opened struct {
		sess *xssh.Session
		err  error
	}
	ch := make(chan opened, 1)
	go func() {
		sess, err := c.NewSession()
		ch <- opened{sess, err}
	}()
	var o opened
	select {
	case o = <-ch:
	case <-ctx.Done():
		go func() {
			if o := <-ch; o.err == nil {
				_ = o.sess.Close()
			}
		}()
		return nil, nil, nil, nil, fmt.Errorf("open session: %w", ctx.Err())
	}
	if o.err != nil {
		return nil, nil, nil, nil, fmt.Errorf("open session: %w", o.err)
	}
	return startSession(o.sess, command)
}

// startSession starts command in sess with piped stdio.
func startSession(sess *xssh.Session, command string) (*xssh.Session, io.WriteCloser, *stream, *stream, error) {
	stdin, err1 := sess.StdinPipe()
	stdout, err2 := sess.StdoutPipe()
	stderr, err3 := sess.StderrPipe()
	if err := firstErr(err1, err2, err3); err != nil {
		_ = sess.Close()
		return nil, nil, nil, nil, fmt.Errorf("session pipes: %w", err)
	}
	if err := sess.Start(command); err != nil {
		_ = sess.Close()
		return nil, nil, nil, nil, fmt.Errorf("start session: %w", err)
	}
	return sess, stdin, newStream(stdout), newStream(stderr), nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// close ends the shell's session; only the first call does anything.
func (s *shell) close() {
	if s.dead.Swap(true) {
		return
	}
	_ = s.stdin.Close()
	_ = s.sess.Close()
}

// frame is what one stream delivered up to the command's end marker.
type frame struct {
	data []byte
	tail string
	err  error
}

// run executes cmd in the shell. On cancellation it kills the shell's
// process group (the shell with the command and everything it started)
// and discards the shell.
func (s *shell) run(ctx context.Context, cmd connection.Command) (connection.Result, error) {
	s.mu.Lock()
	if s.dead.Load() {
		s.mu.Unlock()
		return connection.Result{}, errShellRetired
	}
	marker := newMarker("END")
	if _, err := io.WriteString(s.stdin, commandScript(cmd, marker)); err != nil {
		s.close()
		s.mu.Unlock()
		return connection.Result{}, fmt.Errorf("send command: %w", err)
	}
	outCh, errCh := make(chan frame, 1), make(chan frame, 1)
	go readFrame(s.out, marker, outCh)
	go readFrame(s.errs, marker, errCh)
	var outF, errF *frame
	for outF == nil || errF == nil {
		select {
		case f := <-outCh:
			outF = &f
		case f := <-errCh:
			errF = &f
		case <-ctx.Done():
			// Kill before returning: the caller may close the connection
			// next, and sshd leaves a closed session's processes running.
			if s.kill != nil {
				s.kill(s.pid)
			}
			s.close()
			s.mu.Unlock()
			return connection.Result{}, ctx.Err()
		}
	}
	defer s.mu.Unlock()
	return s.result(outF, errF)
}

var (
	errShellGone    = errors.New("shell session ended")
	errShellRetired = errors.New("shell was discarded before the command started")
)

func readFrame(st *stream, marker string, ch chan<- frame) {
	data, tail, err := st.readUntil(marker)
	ch <- frame{data: data, tail: tail, err: err}
}

func (s *shell) result(outF, errF *frame) (connection.Result, error) {
	if err := firstErr(outF.err, errF.err); err != nil {
		s.close()
		return connection.Result{}, fmt.Errorf("%w: %w", errShellGone, err)
	}
	rc, err := strconv.Atoi(strings.TrimSpace(outF.tail))
	if err != nil {
		s.close()
		return connection.Result{}, fmt.Errorf("bad end marker %q: %w", outF.tail, err)
	}
	return connection.Result{Stdout: string(outF.data), Stderr: string(errF.data), RC: rc}, nil
}

// waiterScript runs one command in a subshell (syntax errors, exit and cd
// stay there) with stdin from /dev/null, then prints the end marker with
// the exit status on stdout and stderr. It costs one fork besides the
// command's own processes; cancellation kills the shell's process group
// out of band (killGroupScript in a fresh session).
const waiterScript = `( eval %s ) </dev/null; __edx_r=$?
printf '%%s%%d\n' %s "$__edx_r"; printf '%%s%%d\n' %s "$__edx_r" >&2
`

// inlineScript runs a trusted probe (connection.Command.Inline) in the
// shell itself, without the subshell: one process fewer per command.
const inlineScript = `{ %s
} </dev/null; __edx_r=$?
printf '%%s%%d\n' %s "$__edx_r"; printf '%%s%%d\n' %s "$__edx_r" >&2
`

// commandScript is the shell input for one command (see waiterScript).
func commandScript(cmd connection.Command, marker string) string {
	q := shellQuote(marker)
	if cmd.Inline && len(cmd.Env) == 0 && cmd.Dir == "" {
		return fmt.Sprintf(inlineScript, cmd.Cmd, q, q)
	}
	return fmt.Sprintf(waiterScript, shellQuote(innerScript(cmd)), q, q)
}

// innerScript is the command with its environment exports and directory change.
func innerScript(cmd connection.Command) string {
	keys := make([]string, 0, len(cmd.Env))
	for k := range cmd.Env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%s; export %s\n", k, shellQuote(cmd.Env[k]), k)
	}
	if cmd.Dir != "" {
		b.WriteString("cd " + shellQuote(cmd.Dir) + " || exit $?\n")
	}
	b.WriteString(cmd.Cmd)
	return b.String()
}

var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// checkEnv rejects variable names that are not shell identifiers.
func checkEnv(env map[string]string) error {
	for k := range env {
		if !envName.MatchString(k) {
			return fmt.Errorf("invalid environment variable name %q", k)
		}
	}
	return nil
}
