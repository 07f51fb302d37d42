package vaulttool

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// stdio is the file name that means standard input or output.
const stdio = "-"

// secureMode is the mode of every file the tool creates.
const secureMode = 0o600

// realPath resolves symlinks, as ansible-vault edits the link's target.
func realPath(name string) string {
	if name == stdio {
		return name
	}
	if p, err := filepath.EvalSymlinks(name); err == nil {
		name = p
	}
	if p, err := filepath.Abs(name); err == nil {
		return p
	}
	return name
}

// readInput reads a file, or standard input for "-".
func (t *Tool) readInput(name string) ([]byte, error) {
	var data []byte
	var err error
	if name == stdio {
		data, err = io.ReadAll(t.Stdin)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return nil, fmt.Errorf("unable to read source file (%s): %w", name, err)
	}
	return data, nil
}

// writeOutput writes data to standard output for "-", or to a new file of
// mode 0600 that replaces name; with shred the old content is overwritten
// first, as when encrypting a plaintext file in place.
func (t *Tool) writeOutput(data []byte, name string, shred bool) error {
	if name == stdio {
		if _, err := t.Stdout.Write(data); err != nil {
			return fmt.Errorf("writing output: %w", err)
		}
		return nil
	}
	if info, err := os.Stat(name); err == nil && info.Mode().IsRegular() {
		if err := removeFile(name, shred); err != nil {
			return err
		}
	}
	f, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, secureMode)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("vault file got recreated while we were operating on it: %w", err)
		}
		return fmt.Errorf("problem creating vault file: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("unable to write to vault file: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("unable to write to vault file: %w", err)
	}
	return nil
}

// removeFile deletes name, overwriting its content first when shred is set.
func removeFile(name string, shred bool) error {
	if shred {
		if err := overwriteRandom(name); err != nil {
			return err
		}
	}
	if err := os.Remove(name); err != nil {
		return fmt.Errorf("removing %s: %w", name, err)
	}
	return nil
}

// overwriteRandom overwrites a file's content in place with random bytes
// and syncs it, so the plaintext is not left on disk.
func overwriteRandom(name string) error {
	f, err := os.OpenFile(name, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("shredding %s: %w", name, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("shredding %s: %w", name, err)
	}
	if _, err := io.CopyN(f, rand.Reader, info.Size()); err != nil {
		return fmt.Errorf("shredding %s: %w", name, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("shredding %s: %w", name, err)
	}
	return nil
}

// replaceKeepingMode atomically replaces name with data, keeping the old
// file's permission bits (0600 for a new file).
func replaceKeepingMode(name string, data []byte) error {
	mode := os.FileMode(secureMode)
	if info, err := os.Stat(name); err == nil {
		mode = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return fmt.Errorf("creating temporary vault file: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing temporary vault file: %w", err)
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return fmt.Errorf("setting mode of %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing temporary vault file: %w", err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("replacing %s: %w", name, err)
	}
	return nil
}
