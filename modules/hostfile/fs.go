// Package hostfile performs file operations on a target host through a
// connection.Conn: stat, read, atomic write, ownership and mode changes,
// directory creation. Each probe or change is a single shell command so a
// module costs as few round trips as possible.
package hostfile

import (
	"context"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
)

// FS reaches the files of one host, acting as the become user when set.
type FS struct {
	Conn   connection.Conn
	Become *connection.Become
}

// New returns an FS over conn acting as become (nil: the login user).
func New(conn connection.Conn, become *connection.Become) *FS {
	return &FS{Conn: conn, Become: become}
}

// Quote quotes s for POSIX sh using single quotes.
func Quote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// Run runs a shell command as the FS's user.
func (f *FS) Run(ctx context.Context, cmd string) (connection.Result, error) {
	return f.run(ctx, connection.Command{Cmd: cmd, Become: f.Become})
}

func (f *FS) run(ctx context.Context, cmd connection.Command) (connection.Result, error) {
	res, err := f.Conn.Run(ctx, cmd)
	if err != nil {
		return res, fmt.Errorf("run command: %w", err)
	}
	return res, nil
}

// execInline is Exec for the package's own probe scripts, which neither
// exit nor change directory (connection.Command.Inline).
func (f *FS) execInline(ctx context.Context, cmd string) (string, error) {
	res, err := f.run(ctx, connection.Command{Cmd: cmd, Become: f.Become, Inline: true})
	if err != nil {
		return "", err
	}
	if res.RC != 0 {
		return res.Stdout, fmt.Errorf("rc %d: %s", res.RC, strings.TrimSpace(res.Stderr+" "+res.Stdout))
	}
	return res.Stdout, nil
}

// Exec runs a shell command and turns a non-zero exit status into an error
// carrying its standard error.
func (f *FS) Exec(ctx context.Context, cmd string) (string, error) {
	res, err := f.Run(ctx, cmd)
	if err != nil {
		return "", err
	}
	if res.RC != 0 {
		msg := strings.TrimSpace(res.Stderr)
		if msg == "" {
			msg = strings.TrimSpace(res.Stdout)
		}
		return res.Stdout, fmt.Errorf("rc %d: %s", res.RC, msg)
	}
	return res.Stdout, nil
}

// Read returns the content of path.
func (f *FS) Read(ctx context.Context, path string) ([]byte, error) {
	data, err := f.Conn.ReadFile(ctx, path, f.Become)
	if err != nil {
		return nil, fmt.Errorf("read file: %w", err)
	}
	return data, nil
}
