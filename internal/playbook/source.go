package playbook

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// builtinPrefix marks paths of files read from the embedded roles FS in
// positions and error messages.
const builtinPrefix = "builtin:"

// source reads files either from the OS filesystem (fsys == nil, absolute
// paths) or from an fs.FS (slash-separated paths relative to its root).
type source struct {
	fsys fs.FS
	// vault decrypts vaulted files and !vault values read from this source.
	vault Decrypter
	// inline holds files kept in memory by absolute path (LoadData's
	// playbook); they are read before the disk.
	inline map[string][]byte
	// dupKeys and warn say what a duplicate mapping key does (Options).
	dupKeys string
	warn    func(string)
}

// newSource returns a source reading fsys (nil: the disk) with the
// loader's vault.
func (l *loader) newSource(fsys fs.FS) source {
	return source{fsys: fsys, vault: l.opts.Vault, inline: l.inline,
		dupKeys: l.opts.DuplicateDictKey, warn: l.opts.Warn}
}

func (s source) join(elem ...string) string {
	if s.fsys != nil {
		return path.Join(elem...)
	}
	return filepath.Join(elem...)
}

func (s source) dir(p string) string {
	if s.fsys != nil {
		return path.Dir(p)
	}
	return filepath.Dir(p)
}

func (s source) readFile(p string) ([]byte, error) {
	if data, ok := s.inline[p]; ok && s.fsys == nil {
		return data, nil
	}
	if s.fsys != nil {
		return fs.ReadFile(s.fsys, p)
	}
	return os.ReadFile(p)
}

func (s source) stat(p string) (fs.FileInfo, error) {
	if s.fsys != nil {
		return fs.Stat(s.fsys, p)
	}
	return os.Stat(p)
}

func (s source) isFile(p string) bool {
	fi, err := s.stat(p)
	return err == nil && !fi.IsDir()
}

func (s source) isDir(p string) bool {
	fi, err := s.stat(p)
	return err == nil && fi.IsDir()
}

// listFiles returns the regular files directly in dir, sorted by name.
func (s source) listFiles(dir string) ([]string, error) {
	var entries []fs.DirEntry
	var err error
	if s.fsys != nil {
		entries, err = fs.ReadDir(s.fsys, dir)
	} else {
		entries, err = os.ReadDir(dir)
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			out = append(out, s.join(dir, e.Name()))
		}
	}
	sort.Strings(out)
	return out, nil
}

// display is the form of a path used in positions: relative to the
// working directory when below it, builtin:-prefixed for embedded files.
func (s source) display(p string) string {
	if s.fsys != nil {
		return builtinPrefix + p
	}
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	rel, err := filepath.Rel(wd, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
		return p
	}
	return rel
}
