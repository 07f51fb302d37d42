package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/edxplay/edxplay/playbooks"
	"github.com/edxplay/edxplay/roles"
	"github.com/edxplay/edxplay/templates"
)

// builtin are the embedded trees and where each goes under the extracted
// directory: DIR/playbooks/*.yml beside their roles/, and the roles'
// shared templates beside roles/ (as in the repository).
var builtin = []struct {
	fsys fs.FS
	dir  string
}{
	{playbooks.FS, "playbooks"},
	{roles.FS, filepath.Join("playbooks", "roles")},
	{templates.FS, filepath.Join("playbooks", "templates")},
}

// builtinDir extracts the built-in playbooks, roles and shared templates
// (embedded in the binary) into a cache directory keyed by their content,
// once, and returns it.
func builtinDir() (string, error) {
	sum := sha256.New()
	for _, b := range builtin {
		_ = fs.WalkDir(b.fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				data, _ := fs.ReadFile(b.fsys, p)
				fmt.Fprintf(sum, "%s\x00%s\x00%d\x00", b.dir, p, len(data))
				sum.Write(data)
			}
			return nil
		})
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "edxplay", "builtin-"+hex.EncodeToString(sum.Sum(nil))[:16])
	if _, err := os.Stat(filepath.Join(dir, ".complete")); err == nil {
		return dir, nil
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), ".extract-")
	if err != nil {
		if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
			return "", fmt.Errorf("builtin playbooks: %w", err)
		}
		if tmp, err = os.MkdirTemp(filepath.Dir(dir), ".extract-"); err != nil {
			return "", fmt.Errorf("builtin playbooks: %w", err)
		}
	}
	for _, b := range builtin {
		if err := extract(b.fsys, filepath.Join(tmp, b.dir)); err != nil {
			return "", err
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, ".complete"), nil, 0o644); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, dir); err != nil && !os.IsExist(err) {
		os.RemoveAll(tmp)
		if _, statErr := os.Stat(filepath.Join(dir, ".complete")); statErr != nil {
			return "", fmt.Errorf("builtin playbooks: %w", err)
		}
	}
	return dir, nil
}

// extract copies an embedded tree to dir.
func extract(fsys fs.FS, dir string) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, p)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// resolvePlaybook returns path if it is a file, else the built-in playbook of that name.
func resolvePlaybook(path string) (string, error) {
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	dir, err := builtinDir()
	if err != nil {
		return "", err
	}
	p := filepath.Join(dir, "playbooks", filepath.Base(path))
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("the playbook: %s could not be found (neither a file nor a built-in playbook)", path)
	}
	return p, nil
}
