// Command edxplay runs Ansible-compatible playbooks over SSH, without
// Python on the targets, and ships Open edX roles.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func main() {
	os.Exit(runWithWriters(os.Args, os.Stdout, os.Stderr))
}

// lastErr is the error of the last run (for tests).
var lastErr error

// runWithWriter runs the CLI with stdout going to w (stderr to os.Stderr).
func runWithWriter(args []string, w io.Writer) int {
	return runWithWriters(args, w, os.Stderr)
}

// runWithWriters builds the CLI, runs it with stdout going to w and stderr
// to errW, and maps the outcome to an exit code.
func runWithWriters(args []string, w, errW io.Writer) int {
	ctx, release := interruptContext(errW)
	defer release()
	defer startProfiles(errW)()
	app := &cli.App{
		Name:                      "edxplay",
		Usage:                     "agentless configuration management with Ansible-compatible playbooks and Open edX roles",
		Version:                   version,
		Writer:                    w,
		ErrWriter:                 errW,
		UseShortOptionHandling:    true,
		DisableSliceFlagSeparator: true,
		ExitErrHandler:            func(*cli.Context, error) {},
		Commands: []*cli.Command{
			runCommand(),
			adhocCommand(),
			inventoryCommand(),
			planCommand(),
			applyCommand(),
			showCommand(),
			docCommand(),
			renderCommand(),
			varsCommand(),
			vaultCommand(),
			reportCommand(),
			versionCommand(),
			configCommand(),
		},
	}
	err := app.RunContext(ctx, interspersed(args, app.Commands))
	lastErr = err
	return exitCode(err, errW)
}

// exitCoder is an error that carries its own exit code.
type exitCoder interface{ ExitCode() int }

// Exit codes, as ansible-playbook's.
const (
	exitOK          = 0
	exitError       = 1
	exitFailed      = 2
	exitUnreachable = 4
	exitParse       = 4
	exitUsage       = 5
	exitInterrupted = 99
	// With --detailed-exitcode:
	exitChangesPending = 2
	exitDetailedFailed = 3
)

// exitCode decides the process exit code; it is the one place that does.
func exitCode(err error, errW io.Writer) int {
	if err == nil {
		return exitOK
	}
	var ec exitCoder
	if errors.As(err, &ec) {
		if msg := err.Error(); msg != "" {
			fmt.Fprintln(errW, "ERROR!", redact(errorText(err)))
		}
		return ec.ExitCode()
	}
	fmt.Fprintln(errW, "ERROR!", redact(errorText(err)))
	if errors.Is(err, context.Canceled) {
		return exitInterrupted
	}
	return exitError
}

// codeError attaches an exit code to an error.
type codeError struct {
	code int
	err  error
}

func (e *codeError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}
func (e *codeError) Unwrap() error { return e.err }
func (e *codeError) ExitCode() int { return e.code }

func withCode(code int, err error) error {
	if err == nil && code == 0 {
		return nil
	}
	return &codeError{code: code, err: err}
}
