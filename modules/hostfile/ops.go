package hostfile

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
)

// NewFileMode is the mode a new file gets under umask, as with Ansible.
func NewFileMode(umask uint32) uint32 { return 0o666 &^ umask }

// NewDirMode is the mode a new directory gets under umask.
func NewDirMode(umask uint32) uint32 { return 0o777 &^ umask }

// Write atomically replaces the file described by info with data and gives
// it the wanted attributes in the same step. A symbolic mode is applied to
// the existing file's mode, or to a new file's default mode.
func (f *FS) Write(ctx context.Context, info Info, data []byte, want Attrs) error {
	attrs := connection.FileAttrs{Owner: want.Owner, Group: want.Group, Become: f.Become}
	if want.Mode != "" {
		cur := NewFileMode(info.Umask)
		if info.Exists {
			cur = info.Mode
		}
		mode, err := ResolveMode(want.Mode, cur, false, info.Umask)
		if err != nil {
			return err
		}
		attrs.Mode = GoMode(mode)
	} else if !info.Exists {
		attrs.Mode = GoMode(NewFileMode(info.Umask))
	}
	if err := f.Conn.WriteFile(ctx, info.Path, data, attrs); err != nil {
		return fmt.Errorf("write file: %w", err)
	}
	return nil
}

// GoMode converts octal permission bits to an fs.FileMode.
func GoMode(m uint32) fs.FileMode {
	mode := fs.FileMode(m & 0o777)
	if m&modeSUID != 0 {
		mode |= fs.ModeSetuid
	}
	if m&modeSGID != 0 {
		mode |= fs.ModeSetgid
	}
	if m&modeStick != 0 {
		mode |= fs.ModeSticky
	}
	return mode
}

// MkdirAll creates dir and its missing parents, giving each directory it
// creates mode (0: the umask default) and owner/group when set. It returns
// the directories it created, outermost first.
func (f *FS) MkdirAll(ctx context.Context, dir string, mode uint32, owner, group string) ([]string, error) {
	var b strings.Builder
	b.WriteString("for d in")
	for _, d := range parents(dir) {
		b.WriteString(" " + Quote(d))
	}
	b.WriteString("; do [ -e \"$d\" ] && continue; mkdir -- \"$d\" || exit 1")
	if mode != 0 {
		fmt.Fprintf(&b, "; chmod %04o \"$d\" || exit 1", mode)
	}
	if owner != "" {
		fmt.Fprintf(&b, "; chown %s \"$d\" || exit 1", Quote(owner))
	}
	if group != "" {
		fmt.Fprintf(&b, "; chgrp %s \"$d\" || exit 1", Quote(group))
	}
	b.WriteString("; printf '%s\\n' \"$d\"; done")
	out, err := f.Exec(ctx, b.String())
	if err != nil {
		return nil, fmt.Errorf("create directory %s: %w", dir, err)
	}
	if out == "" {
		return nil, nil
	}
	return strings.Split(strings.TrimSuffix(out, "\n"), "\n"), nil
}

// parents lists dir and its ancestors, outermost first, excluding "/" and ".".
func parents(dir string) []string {
	var out []string
	for d := path.Clean(dir); d != "/" && d != "." && d != ""; d = path.Dir(d) {
		out = append([]string{d}, out...)
	}
	return out
}

// Backup copies path next to itself with Ansible's backup naming
// (path.PID.YYYY-MM-DD@HH:MM:SS~), keeping its attributes, and returns the
// backup's name.
func (f *FS) Backup(ctx context.Context, path string) (string, error) {
	cmd := fmt.Sprintf(`b=%s.$$.$(date +%%Y-%%m-%%d@%%H:%%M:%%S)~ && cp -p -- %s "$b" && printf %%s "$b"`, Quote(path), Quote(path))
	out, err := f.Exec(ctx, cmd)
	if err != nil {
		return "", fmt.Errorf("back up %s: %w", path, err)
	}
	return out, nil
}

// Remove deletes path; recursive also removes a directory tree.
func (f *FS) Remove(ctx context.Context, path string, recursive bool) error {
	flag := "-f"
	if recursive {
		flag = "-rf"
	}
	if _, err := f.Exec(ctx, fmt.Sprintf("rm %s -- %s", flag, Quote(path))); err != nil {
		return fmt.Errorf("remove %s: %w", path, err)
	}
	return nil
}

// GlobExists reports whether the shell glob pattern matches an existing
// path; a relative pattern is taken relative to dir (or the login
// directory when dir is empty).
func (f *FS) GlobExists(ctx context.Context, pattern, dir string) (bool, error) {
	if c, ok := f.Conn.(StatCache); ok && dir == "" && path.IsAbs(pattern) && !strings.ContainsAny(pattern, "*?[]") {
		// a plain absolute path: [ -e ] || [ -L ] is whether lstat finds it
		if info, hit := c.CachedStat(ctx, f.Become, pattern, false, false); hit {
			return info.Exists, nil
		}
	}
	var b strings.Builder
	if dir != "" {
		fmt.Fprintf(&b, "cd %s || exit 2\n", Quote(dir))
	}
	fmt.Fprintf(&b, "for f in %s; do if [ -e \"$f\" ] || [ -L \"$f\" ]; then exit 0; fi; done; exit 1", globWord(pattern))
	res, err := f.run(ctx, connection.Command{Cmd: b.String(), Become: f.Become, ReadOnly: true})
	if err != nil {
		return false, err
	}
	switch res.RC {
	case 0:
		return true, nil
	case 1:
		return false, nil
	}
	return false, fmt.Errorf("glob %s: %s", pattern, strings.TrimSpace(res.Stderr))
}

// globWord quotes pattern for sh while leaving the glob characters * ? [ ] active.
func globWord(pattern string) string {
	var b strings.Builder
	start := 0
	for i := 0; i < len(pattern); i++ {
		if strings.IndexByte("*?[]", pattern[i]) >= 0 {
			if i > start {
				b.WriteString(Quote(pattern[start:i]))
			}
			b.WriteByte(pattern[i])
			start = i + 1
		}
	}
	if start < len(pattern) || b.Len() == 0 {
		b.WriteString(Quote(pattern[start:]))
	}
	return b.String()
}
