package testhosts

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// SudoRule says what sudo lets a test user do.
type SudoRule int

const (
	// NoSudo grants nothing.
	NoSudo SudoRule = iota
	// SudoNoPassword allows any command as any user without a password.
	SudoNoPassword
	// SudoWithPassword allows any command as any user after the user's password.
	SudoWithPassword
)

// User is a login user made to exist on the machine (and so on every
// Loopback/Netns host, which share /etc and /home).
type User struct {
	Name     string
	Password string
	Sudo     SudoRule
}

// The standard test users. These are machine changes: EnsureUsers creates
// them with useradd if missing, sets these passwords and installs
// /etc/sudoers.d/edxplay-testhosts-<name>; running it again changes nothing.
var (
	// SudoUser may sudo without a password.
	SudoUser = User{Name: "edxtest", Password: "edxtest-Pw-4711", Sudo: SudoNoPassword}
	// SudoPasswordUser must give its password to sudo.
	SudoPasswordUser = User{Name: "edxtestpw", Password: "edxtestpw-Pw-4711", Sudo: SudoWithPassword}
)

var userNamePattern = regexp.MustCompile(`^[a-z_][a-z0-9_-]{0,30}$`)

// EnsureUsers makes the users exist with their passwords and sudo rules,
// installing sudo with apt-get when it is missing. It is idempotent.
func EnsureUsers(ctx context.Context, users []User) error {
	if len(users) == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	return withLock(func() error {
		if err := ensureSudo(ctx); err != nil {
			return err
		}
		for _, u := range users {
			if err := ensureUser(ctx, u); err != nil {
				return fmt.Errorf("testhosts: user %s: %w", u.Name, err)
			}
		}
		return nil
	})
}

func ensureSudo(ctx context.Context) error {
	if _, err := exec.LookPath("sudo"); err == nil {
		return nil
	}
	cmd := exec.CommandContext(ctx, "apt-get", "install", "-y", "-qq", "sudo")
	cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("testhosts: apt-get install sudo: %w: %s", err, bytes.TrimSpace(out))
	}
	return nil
}

func ensureUser(ctx context.Context, u User) error {
	if !userNamePattern.MatchString(u.Name) || strings.ContainsAny(u.Password, ":\n") {
		return fmt.Errorf("invalid name or password")
	}
	if _, err := runOutput(ctx, "id", "-u", u.Name); err != nil {
		if _, err := runOutput(ctx, "useradd", "-m", "-s", "/bin/bash", u.Name); err != nil {
			return err
		}
	}
	if u.Password != "" {
		cmd := exec.CommandContext(ctx, "chpasswd")
		cmd.Stdin = strings.NewReader(u.Name + ":" + u.Password + "\n")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("chpasswd: %w: %s", err, bytes.TrimSpace(out))
		}
	}
	return writeSudoers(ctx, u)
}

// writeSudoers installs (or removes) the user's sudoers drop-in, validated
// with visudo before it is moved into place.
func writeSudoers(ctx context.Context, u User) error {
	path := filepath.Join("/etc/sudoers.d", "edxplay-testhosts-"+u.Name)
	var rule string
	switch u.Sudo {
	case SudoNoPassword:
		rule = fmt.Sprintf("%s ALL=(ALL:ALL) NOPASSWD: ALL\n", u.Name)
	case SudoWithPassword:
		rule = fmt.Sprintf("Defaults:%s lecture=never\n%s ALL=(ALL:ALL) ALL\n", u.Name, u.Name)
	default:
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("remove sudoers drop-in: %w", err)
		}
		return nil
	}
	content := "# written by edxplay testhosts (test user)\n" + rule
	if old, err := os.ReadFile(path); err == nil && string(old) == content {
		return nil
	}
	tmp := filepath.Join(filepath.Dir(path), ".edxplay-testhosts-"+u.Name+".tmp")
	if err := os.WriteFile(tmp, []byte(content), 0o440); err != nil {
		return fmt.Errorf("write sudoers drop-in: %w", err)
	}
	if _, err := runOutput(ctx, "visudo", "-c", "-q", "-f", tmp); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("validate sudoers drop-in: %w", err)
	}
	return os.Rename(tmp, path)
}
