package e2e

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// treeEntry is one file, directory or symlink of an output tree.
type treeEntry struct {
	path   string // slash-separated, relative to the tree root
	kind   byte   // 'f', 'd' or 'l'
	mode   uint32 // permission bits incl. setuid/setgid/sticky
	target string // symlink target
}

// String formats the entry as a line of expected.tree, matching what
// regen.sh writes with find -printf.
func (e treeEntry) String() string {
	s := fmt.Sprintf("%c %#o %s", e.kind, e.mode, e.path)
	if e.kind == 'l' {
		s += " -> " + e.target
	}
	return s
}

// unixMode converts an fs.FileMode's permission and special bits to the
// numeric form that find's %m prints.
func unixMode(m fs.FileMode) uint32 {
	bits := uint32(m.Perm())
	if m&fs.ModeSetuid != 0 {
		bits |= 0o4000
	}
	if m&fs.ModeSetgid != 0 {
		bits |= 0o2000
	}
	if m&fs.ModeSticky != 0 {
		bits |= 0o1000
	}
	return bits
}

// snapshotTree lists every entry below root, sorted by path.
func snapshotTree(root string) ([]treeEntry, error) {
	var entries []treeEntry
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == root {
			return nil
		}
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		e := treeEntry{path: filepath.ToSlash(rel), mode: unixMode(info.Mode())}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			e.kind = 'l'
			if e.target, err = os.Readlink(p); err != nil {
				return err
			}
		case info.IsDir():
			e.kind = 'd'
		case info.Mode().IsRegular():
			e.kind = 'f'
		default:
			return fmt.Errorf("%s: unexpected file type %s", rel, info.Mode().Type())
		}
		entries = append(entries, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("snapshot %s: %w", root, err)
	}
	sortEntries(entries)
	return entries, nil
}

// parseManifest reads expected.tree lines back into entries.
func parseManifest(text string) ([]treeEntry, error) {
	var entries []treeEntry
	for i, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		if line == "" {
			continue
		}
		var e treeEntry
		var kind, rest string
		if _, err := fmt.Sscanf(line, "%s %o", &kind, &e.mode); err != nil || len(kind) != 1 {
			return nil, fmt.Errorf("manifest line %d %q: malformed", i+1, line)
		}
		e.kind = kind[0]
		fields := strings.SplitN(line, " ", 3)
		if len(fields) != 3 {
			return nil, fmt.Errorf("manifest line %d %q: missing path", i+1, line)
		}
		rest = fields[2]
		if e.kind == 'l' {
			var ok bool
			if e.path, e.target, ok = strings.Cut(rest, " -> "); !ok {
				return nil, fmt.Errorf("manifest line %d %q: symlink without target", i+1, line)
			}
		} else {
			e.path = rest
		}
		entries = append(entries, e)
	}
	sortEntries(entries)
	return entries, nil
}

// readManifest loads a case's expected.tree (an absent file means an empty tree).
func readManifest(path string) ([]treeEntry, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	return parseManifest(string(data))
}

func sortEntries(entries []treeEntry) {
	sort.Slice(entries, func(i, j int) bool { return entries[i].path < entries[j].path })
}

// formatTree renders entries one per line for diffing.
func formatTree(entries []treeEntry) string {
	var b strings.Builder
	for _, e := range entries {
		b.WriteString(e.String())
		b.WriteByte('\n')
	}
	return b.String()
}
