// Package local implements connection.Conn on the controller itself:
// commands run with /bin/sh -c, files are written directly.
package local

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/edxplay/edxplay/internal/connection"
)

// Conn runs commands and file operations on the local machine.
type Conn struct {
	// user is the name of the user running edxplay.
	user string
	// root is true when running as uid 0.
	root bool
}

// New returns a local connection for the current user.
func New() (*Conn, error) {
	u, err := user.Current()
	if err != nil {
		return nil, fmt.Errorf("look up current user: %w", err)
	}
	return &Conn{user: u.Username, root: os.Geteuid() == 0}, nil
}

var envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Run executes cmd.Cmd with /bin/sh -c, as the become user when asked.
// Cancelling ctx kills the command's whole process group (see killGroup).
func (c *Conn) Run(ctx context.Context, cmd connection.Command) (connection.Result, error) {
	script, err := buildScript(cmd)
	if err != nil {
		return connection.Result{}, err
	}
	argv, stdin := c.wrapBecome(cmd.Become, script, cmd.Stdin)
	ex := exec.CommandContext(ctx, argv[0], argv[1:]...)
	ex.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	ex.Cancel = func() error { return killGroup(ex.Process.Pid) }
	ex.WaitDelay = 2 * time.Second
	if stdin != nil {
		ex.Stdin = bytes.NewReader(stdin)
	}
	var stdout, stderr bytes.Buffer
	ex.Stdout, ex.Stderr = &stdout, &stderr
	err = ex.Run()
	res := connection.Result{Stdout: stdout.String(), Stderr: stderr.String()}
	var exitErr *exec.ExitError
	switch {
	case err == nil:
	case ctx.Err() != nil:
		return res, fmt.Errorf("run %q: %w", cmd.Cmd, ctx.Err())
	case errors.As(err, &exitErr):
		res.RC = exitErr.ExitCode()
		if res.RC < 0 {
			res.RC = -1
		}
	default:
		return res, fmt.Errorf("run %q: %w", cmd.Cmd, err)
	}
	return res, nil
}

// killGrace is how long a cancelled command's process group has between
// SIGTERM and SIGKILL, as on the SSH transport.
const killGrace = 2 * time.Second

// killGroup sends SIGTERM to the process group pgid (the command and
// everything it started), and SIGKILL to what is left of it after
// killGrace: a group id is not reused while any member lives.
func killGroup(pgid int) error {
	err := syscall.Kill(-pgid, syscall.SIGTERM)
	time.AfterFunc(killGrace, func() {
		if syscall.Kill(-pgid, 0) == nil {
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
		}
	})
	return err
}

// buildScript prefixes the command with its environment and directory so
// that both survive a change of user.
func buildScript(cmd connection.Command) (string, error) {
	var b strings.Builder
	keys := make([]string, 0, len(cmd.Env))
	for k := range cmd.Env {
		if !envName.MatchString(k) {
			return "", fmt.Errorf("invalid environment variable name %q", k)
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%s; export %s\n", k, quote(cmd.Env[k]), k)
	}
	if cmd.Dir != "" {
		fmt.Fprintf(&b, "cd %s || exit 1\n", quote(cmd.Dir))
	}
	b.WriteString(cmd.Cmd)
	return b.String(), nil
}

// wrapBecome returns the argv running script as the become user, and the
// standard input to feed it (the become password first when needed).
func (c *Conn) wrapBecome(b *connection.Become, script string, stdin []byte) ([]string, []byte) {
	target := becomeUser(b)
	if b == nil || target == c.user {
		return []string{"/bin/sh", "-c", script}, stdin
	}
	flags := strings.Fields(b.Flags)
	if c.root {
		// root switches user without a password; runuser is in util-linux.
		argv := append([]string{"runuser"}, flags...)
		return append(argv, "-u", target, "--", "/bin/sh", "-c", script), stdin
	}
	if b.Method == "su" {
		argv := append([]string{"su"}, flags...)
		return append(argv, "-s", "/bin/sh", target, "-c", script), stdin
	}
	argv := append([]string{"sudo", "-H", "-S"}, flags...)
	if b.Password == "" {
		argv = append(argv, "-n")
	} else {
		argv = append(argv, "-p", "")
		stdin = append([]byte(b.Password+"\n"), stdin...)
	}
	return append(argv, "-u", target, "/bin/sh", "-c", script), stdin
}

// becomeUser is the user a Become switches to ("root" when unset).
func becomeUser(b *connection.Become) string {
	if b == nil || b.User == "" {
		return "root"
	}
	return b.User
}

// needsSwitch reports whether b runs as a user other than the current one.
func (c *Conn) needsSwitch(b *connection.Become) bool {
	return b != nil && becomeUser(b) != c.user
}

// quote quotes s for POSIX sh using single quotes.
func quote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// Close does nothing; a local connection holds no resources.
func (c *Conn) Close() error { return nil }
