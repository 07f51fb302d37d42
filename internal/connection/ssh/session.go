package ssh

import (
	"context"
	"errors"
	"fmt"

	"github.com/edxplay/edxplay/internal/connection"
	xssh "golang.org/x/crypto/ssh"
)

// runSession runs a command that needs its own stdin in a fresh session:
// after the (become) launch is ready, Stdin is written and closed, and the
// output is read to the end. On cancellation the command's process group
// is killed (from another fresh session) before it returns.
func (c *Conn) runSession(ctx context.Context, cli *client, cmd connection.Command) (connection.Result, error) {
	return c.runSessionKill(ctx, cli, cmd, true)
}

// runSessionKill is runSession; killOnCancel is false for the kill
// commands themselves.
func (c *Conn) runSessionKill(ctx context.Context, cli *client, cmd connection.Command, killOnCancel bool) (connection.Result, error) {
	l, err := newLaunch(cmd.Become, "", "/bin/sh -c "+shellQuote(innerScript(cmd)))
	if err != nil {
		return connection.Result{}, err
	}
	sess, stdin, out, errs, err := openSession(ctx, cli.Client, l.command)
	if err != nil {
		return connection.Result{}, err
	}
	defer sess.Close()
	ready, err := awaitReady(ctx, l, stdin, out, errs)
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
		if killOnCancel {
			c.killGroup(cli, ready.pid, cmd.Become)
		}
		return connection.Result{}, ctx.Err()
	case err := <-waitErr:
		res := connection.Result{Stdout: string(<-outCh), Stderr: string(<-errCh)}
		return exitResult(res, err)
	}
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
