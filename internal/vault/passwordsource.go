package vault

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// clientExitUnknownID is the exit status with which a "-client" script says
// it has no secret for the vault id asked.
const clientExitUnknownID = 2

// asciiSpace is what Python's bytes.strip() removes.
const asciiSpace = " \t\n\r\v\f"

// loadSourceFile reads the secret for vault id label from path: the
// output of path when it is executable, else its content. known are the
// secrets loaded so far, used when the password file is itself vaulted.
func loadSourceFile(ctx context.Context, path, label string, known Secrets) (Secret, error) {
	id := label
	if id == "" {
		id = DefaultID
	}
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return Secret{}, fmt.Errorf("the vault password file %s was not found", path)
		}
		return Secret{}, fmt.Errorf("reading vault password file %s: %w", path, err)
	}
	var pw []byte
	if info.Mode().IsRegular() && info.Mode().Perm()&0o111 != 0 {
		pw, err = runPasswordScript(ctx, path, label)
	} else {
		pw, err = readPasswordFile(path, known)
	}
	if err != nil {
		return Secret{}, err
	}
	return Secret{ID: id, Password: pw}, nil
}

// readPasswordFile returns the file's content stripped of surrounding
// whitespace, decrypted first if the file is vaulted, then stripped of
// surrounding line breaks.
func readPasswordFile(path string, known Secrets) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("could not read vault password file %s: %w", path, err)
	}
	data = bytes.Trim(data, asciiSpace)
	if IsEncrypted(data) {
		if data, err = Decrypt(data, known); err != nil {
			return nil, fmt.Errorf("decrypting vault password file %s: %w", path, err)
		}
	}
	data = bytes.Trim(data, "\r\n")
	if len(data) == 0 {
		return nil, fmt.Errorf("invalid vault password was provided from file (%s)", path)
	}
	return data, nil
}

// runPasswordScript runs an executable password source and returns its
// standard output stripped of surrounding line breaks. A script whose name
// ends in "-client" (before any extension) is given "--vault-id LABEL".
func runPasswordScript(ctx context.Context, path, label string) ([]byte, error) {
	client := isClientScript(path)
	args := []string{}
	if client && label != "" {
		args = append(args, "--vault-id", label)
	}
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Stdin = os.Stdin
	var stderr bytes.Buffer
	cmd.Stderr = os.Stderr
	if client {
		cmd.Stderr = &stderr
	}
	out, err := cmd.Output()
	var exitErr *exec.ExitError
	switch {
	case client && errors.As(err, &exitErr) && exitErr.ExitCode() == clientExitUnknownID:
		return nil, fmt.Errorf("vault password client script %s did not find a secret for vault-id=%s: %s", path, label, stderr.Bytes())
	case errors.As(err, &exitErr):
		return nil, fmt.Errorf("vault password script %s returned non-zero (%d): %s", path, exitErr.ExitCode(), stderr.Bytes())
	case err != nil:
		return nil, fmt.Errorf("problem running vault password script %s (%w); if this is not a script, remove the executable bit from the file", path, err)
	}
	pw := bytes.Trim(out, "\r\n")
	if len(pw) == 0 {
		return nil, fmt.Errorf("invalid vault password was provided from script (%s)", path)
	}
	return pw, nil
}

// isClientScript reports whether path names a vault-id-aware client script.
func isClientScript(path string) bool {
	base := filepath.Base(path)
	return strings.HasSuffix(strings.TrimSuffix(base, filepath.Ext(base)), "-client")
}
