package ssh

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/edxplay/edxplay/internal/connection"
	xssh "golang.org/x/crypto/ssh"
)

// runSession runs a command that needs its own stdin in a fresh session:
// after the (become) launch is ready, Stdin is written and closed, and the
// output is read to the end. On cancellation the command's process (group)
// is killed from the persistent shell of the same become user.
func (c *Conn) runSession(ctx context.Context, cli *xssh.Client, cmd connection.Command) (connection.Result, error) {
	l, err := newLaunch(cmd.Become, "/bin/sh -c "+shellQuote(innerScript(cmd)))
	if err != nil {
		return connection.Result{}, err
	}
	sess, stdin, out, errs, err := openSession(cli, l.command)
	if err != nil {
		return connection.Result{}, err
	}
	defer sess.Close()
	pid, err := awaitReady(ctx, l, stdin, out, errs)
	if err != nil {
		return connection.Result{}, fmt.Errorf("start command: %w", err)
	}
	outCh, errCh := make(chan []byte, 1), make(chan []byte, 1)
	go func() { outCh <- drain(out) }()
	go func() { errCh <- drain(errs) }()
	writeErr := make(chan error, 1)
	go func() {
		_, err := stdin.Write(cmd.Stdin)
		_ = stdin.Close()
		writeErr <- err
	}()
	waitErr := make(chan error, 1)
	go func() { waitErr <- sess.Wait() }()
	select {
	case <-ctx.Done():
		go c.killProcess(pid, cmd.Become)
		return connection.Result{}, ctx.Err()
	case err := <-waitErr:
		res := connection.Result{Stdout: string(<-outCh), Stderr: string(<-errCh)}
		return exitResult(res, err)
	}
}

// killProcess kills a session's process group (or process) as the user
// that runs it, bounded in time.
func (c *Conn) killProcess(pid string, become *connection.Become) {
	if _, err := strconv.Atoi(pid); err != nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), cancelGrace)
	defer cancel()
	_, _ = c.Run(ctx, connection.Command{Cmd: "kill -TERM -" + pid + " 2>/dev/null || kill -TERM " + pid, Become: become})
}

// drain reads a stream to its end, returning everything buffered.
func drain(st *stream) []byte {
	for st.fill() == nil {
	}
	return st.buf
}

// exitResult turns the session's end into an exit status.
func exitResult(res connection.Result, err error) (connection.Result, error) {
	var exitErr *xssh.ExitError
	var missing *xssh.ExitMissingError
	switch {
	case err == nil:
		return res, nil
	case errors.As(err, &exitErr):
		res.RC = exitErr.ExitStatus()
		if exitErr.Signal() != "" {
			res.RC = 128 + signalNumber(exitErr.Signal())
		}
		return res, nil
	case errors.As(err, &missing):
		return res, fmt.Errorf("%w: command ended without an exit status", errShellGone)
	default:
		return res, fmt.Errorf("%w: %w", errShellGone, err)
	}
}

func signalNumber(name string) int {
	numbers := map[string]int{"HUP": 1, "INT": 2, "QUIT": 3, "ILL": 4, "ABRT": 6, "FPE": 8, "KILL": 9,
		"USR1": 10, "SEGV": 11, "USR2": 12, "PIPE": 13, "ALRM": 14, "TERM": 15}
	return numbers[name]
}

// killOutOfBand runs a kill script in a fresh session as the become user,
// bounded in time: the persistent shell is busy with the command it kills.
func (c *Conn) killOutOfBand(cli *client, script string, become *connection.Become) {
	ctx, cancel := context.WithTimeout(context.Background(), cancelGrace)
	defer cancel()
	_, _ = c.runSession(ctx, cli.Client, connection.Command{Cmd: script, Become: become})
}
