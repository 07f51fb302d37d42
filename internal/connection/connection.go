// Package connection defines the small interface every transport (local,
// SSH) implements. Modules reach a target host only through it: shell
// commands run by a POSIX sh, and whole-file transfer.
package connection

import (
	"context"
	"errors"
	"io/fs"
)

// ErrUnreachable marks errors where the host could not be reached or the
// connection broke; the executor reports such hosts as unreachable rather
// than failed. Transports wrap their connection errors with it.
var ErrUnreachable = errors.New("host unreachable")

// LossCounter is implemented by transports whose connection can break
// (SSH): Losses counts the times it broke so far. The executor compares
// the count around a task, so that a host whose connection was lost
// mid-task is reported unreachable even where the module turned the
// broken connection into an ordinary failure.
type LossCounter interface {
	Losses() uint64
}

// Become describes privilege escalation for one command or file write.
type Become struct {
	// Method is "sudo" (default) or "su".
	Method string
	// User is the target user; empty means root.
	User string
	// Flags are extra flags for the become method (become_flags).
	Flags string
	// Password is the become password, sent over stdin, never on a command line.
	Password string
}

// Command is one shell command to run on the target.
type Command struct {
	// Cmd is a POSIX sh command line.
	Cmd string
	// Stdin, when non-nil, is fed to the command's standard input.
	Stdin []byte
	// Dir is the working directory (empty: the login directory).
	Dir string
	// Env holds extra environment variables.
	Env map[string]string
	// Become, when non-nil, runs the command as another user.
	Become *Become
	// Inline marks a trusted probe script (from a module, never user
	// input) that neither exits, execs nor changes directory: a transport
	// may run it without a subshell, saving a process per command.
	Inline bool
	// ReadOnly marks a command that changes nothing on the host (a probe
	// that must run in a subshell), so cached file stats stay valid.
	ReadOnly bool
}

// Result is what a finished command returned.
type Result struct {
	Stdout string
	Stderr string
	RC     int
}

// FileAttrs are the attributes applied to a written file.
type FileAttrs struct {
	// Mode is the permission bits; 0 keeps the transport default (0644 for new files).
	Mode fs.FileMode
	// Owner and Group, when non-empty, are applied with chown.
	Owner string
	Group string
	// Become, when non-nil, performs the final rename/chown as that user.
	Become *Become
	// Scratch marks a file the caller removes again soon (a file to
	// validate). Its name must start with TempPrefix: a transport whose
	// connection can break notes it with its own temporary files, so that
	// it is removed when the connection breaks before the caller does.
	Scratch bool
}

// TempPrefix starts the name of every temporary file the transports
// create beside a destination; only names with it are ever cleaned up.
const TempPrefix = ".edx-tmp-"

// Conn is a connection to one host. Implementations are safe for concurrent use.
type Conn interface {
	// Run executes a command and returns its output and exit status. A non-zero
	// exit status is not an error; err is non-nil only when the command could
	// not be run (wrapped with ErrUnreachable if the connection is broken).
	Run(ctx context.Context, cmd Command) (Result, error)
	// WriteFile replaces path atomically (temporary file in the same directory,
	// then rename) with data and applies attrs.
	WriteFile(ctx context.Context, path string, data []byte, attrs FileAttrs) error
	// ReadFile returns the content of path on the target.
	ReadFile(ctx context.Context, path string, become *Become) ([]byte, error)
	// Close releases the connection.
	Close() error
}
