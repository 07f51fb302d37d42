package ssh

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/edxplay/edxplay/internal/connection"
)

// ErrBecomePassword means the become method wanted a password that was
// missing or wrong.
var ErrBecomePassword = errors.New("become password missing or incorrect")

// suPrompt matches su's (localised) password prompt at the end of stderr.
var suPrompt = regexp.MustCompile(`(?i)(password|passwort|mot de passe|contraseña|senha|wachtwoord|пароль|密码|パスワード)[^:\n]*[:：] ?$`)

// launch describes how a session starts: its command line and how to
// recognise the readiness markers and a password prompt.
type launch struct {
	command  string
	ready    string
	prompt   func(stderr []byte) int // end of a password prompt, or -1
	password string
}

// becomeKey names the shell a command with this become runs in; the
// password is part of it so a wrong password never reuses a good shell.
func becomeKey(b *connection.Become) string {
	if b == nil {
		return ""
	}
	pw := sha256.Sum256([]byte(b.Password))
	return strings.Join([]string{becomeMethod(b), b.User, b.Flags, string(pw[:])}, "\x00")
}

func becomeMethod(b *connection.Become) string {
	if b == nil || b.Method == "" {
		return "sudo"
	}
	return b.Method
}

// newLaunch builds the session command: an sh that runs prelude, prints
// the ready marker with its pid and $__edx_rec on stdout and the marker on
// stderr, and then execs inner, run through the become method.
func newLaunch(b *connection.Become, prelude, inner string) (launch, error) {
	l := launch{ready: newMarker("READY"), prompt: func([]byte) int { return -1 }}
	script := fmt.Sprintf(`%secho %s"$$ $__edx_rec"; echo %s >&2; exec %s`, prelude, l.ready, l.ready, inner)
	if b == nil {
		l.command = "exec /bin/sh -c " + shellQuote(script)
		return l, nil
	}
	l.password = b.Password
	user := b.User
	if user == "" {
		user = "root"
	}
	switch becomeMethod(b) {
	case "sudo":
		prompt := newMarker("PROMPT")
		l.command = fmt.Sprintf("exec sudo %s -p %s -u %s /bin/sh -c %s",
			sudoFlags(b.Flags, b.Password != ""), shellQuote(prompt), shellQuote(user), shellQuote(script))
		l.prompt = func(buf []byte) int { return endOf(buf, prompt) }
	case "su":
		l.command = fmt.Sprintf("exec su %s %s -c %s", b.Flags, shellQuote(user), shellQuote("/bin/sh -c "+shellQuote(script)))
		l.prompt = func(buf []byte) int {
			if loc := suPrompt.FindIndex(buf); loc != nil {
				return loc[1]
			}
			return -1
		}
	default:
		return l, fmt.Errorf("unsupported become method %q (sudo or su)", b.Method)
	}
	return l, nil
}

// sudoFlags returns become_flags (default "-H -S -n"), always with -S, and
// without -n when a password will be given.
func sudoFlags(flags string, withPassword bool) string {
	if strings.TrimSpace(flags) == "" {
		flags = "-H -S -n"
	}
	var out []string
	hasS := false
	for _, f := range strings.Fields(flags) {
		switch {
		case f == "-n" && withPassword:
			continue
		case f == "-S":
			hasS = true
		case strings.HasPrefix(f, "-") && !strings.HasPrefix(f, "--") && strings.Contains(f, "S"):
			hasS = true
		}
		out = append(out, f)
	}
	if !hasS {
		out = append(out, "-S")
	}
	return strings.Join(out, " ")
}

func endOf(buf []byte, s string) int {
	if i := bytes.Index(buf, []byte(s)); i >= 0 {
		return i + len(s)
	}
	return -1
}

// awaitReady reads both streams until the ready markers, answering one
// password prompt; a second prompt means the password was wrong.
func awaitReady(ctx context.Context, l launch, stdin io.Writer, out, errs *stream) (readyInfo, error) {
	var tail string
	outDone := make(chan error, 1)
	go func() {
		var err error
		_, tail, err = out.readUntil(l.ready)
		outDone <- err
	}()
	prompts, errDone := make(chan struct{}, 2), make(chan error, 1)
	go func() { errDone <- watchStderr(l, errs, prompts) }()
	answered, pending := false, 2
	for pending > 0 {
		select {
		case <-ctx.Done():
			return readyInfo{}, ctx.Err()
		case err := <-outDone:
			if err != nil {
				return readyInfo{}, notReady(ctx, err, errDone)
			}
			pending--
		case err := <-errDone:
			if err != nil {
				return readyInfo{}, err
			}
			pending--
		case <-prompts:
			if l.password == "" || answered {
				return readyInfo{}, fmt.Errorf("%w (asked for a password)", ErrBecomePassword)
			}
			answered = true
			if _, err := io.WriteString(stdin, l.password+"\n"); err != nil {
				return readyInfo{}, fmt.Errorf("send become password: %w", err)
			}
		}
	}
	pid, rec, _ := strings.Cut(strings.TrimSpace(tail), " ")
	return readyInfo{pid: pid, pending: rec}, nil
}

// readyInfo is what a launch reported when it became ready.
type readyInfo struct {
	// pid is the process ID of the shell that is about to exec the command.
	pid string
	// pending is the pending record the prelude chose (see pendingPrelude), if any.
	pending string
}

// notReady explains a session that ended early, preferring what stderr said.
func notReady(ctx context.Context, outErr error, errDone <-chan error) error {
	select {
	case err := <-errDone:
		if err != nil {
			return err
		}
	case <-ctx.Done():
	case <-time.After(2 * time.Second):
	}
	return fmt.Errorf("session ended before it was ready: %w", outErr)
}

// watchStderr reads stderr until the ready marker, reporting each password
// prompt (and dropping it from the buffer).
func watchStderr(l launch, errs *stream, prompts chan<- struct{}) error {
	for {
		if _, _, ok := errs.cut(l.ready); ok {
			return nil
		}
		if end := l.prompt(errs.buf); end >= 0 {
			errs.drop(end)
			prompts <- struct{}{}
			continue
		}
		if err := errs.fill(); err != nil {
			msg := strings.TrimSpace(string(errs.buf))
			if strings.Contains(msg, "password is required") || strings.Contains(msg, "incorrect password") ||
				strings.Contains(msg, "Authentication failure") {
				return fmt.Errorf("%w: %s", ErrBecomePassword, msg)
			}
			if msg == "" {
				return fmt.Errorf("session ended before it was ready: %w", err)
			}
			return fmt.Errorf("become failed: %s", msg)
		}
	}
}
