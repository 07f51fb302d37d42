package ansibletests

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/edxplay/edxplay/internal/jinja2"
)

// pathArg is the argument of an os.path function: a path, or for the
// stat-based ones an open file descriptor (Python ints and bools).
type pathArg struct {
	path string
	fd   int
	isFd bool
}

// pathTest wraps an os.path predicate of the controller's file system.
func pathTest(fname, param string, fn func(p pathArg) (bool, error)) jinja2.TestFunc {
	return func(_ *jinja2.CallContext, v jinja2.Value, args []jinja2.Value, kw *jinja2.Dict) (bool, error) {
		a, err := bindValue(fname, []jinja2.Param{jinja2.Required(param)}, v, args, kw)
		if err != nil {
			return false, err
		}
		p, err := toPath(fname, a[0])
		if err != nil {
			return false, err
		}
		return fn(p)
	}
}

// toPath converts a value as os.stat (stat-based tests), os.lstat
// (islink, lexists, ismount) or os.fspath (isabs) would, with their
// TypeError messages.
func toPath(fname string, v jinja2.Value) (pathArg, error) {
	if v.Kind() == jinja2.StrKind {
		return pathArg{path: v.StrValue()}, nil
	}
	t := jinja2.TypeName(v)
	switch fname {
	case "isabs":
		return pathArg{}, jinja2.NewError("TypeError", "expected str, bytes or os.PathLike object, not %s", t)
	case "islink", "lexists", "ismount":
		return pathArg{}, jinja2.NewError("TypeError", "lstat: path should be string, bytes or os.PathLike, not %s", t)
	}
	if v.Kind() == jinja2.IntKind || v.Kind() == jinja2.BoolKind {
		n, ok := v.IntValue()
		if v.Kind() == jinja2.BoolKind {
			n, ok = boolInt(v), true
		}
		if !ok || n < -1<<31 || n >= 1<<31 {
			return pathArg{}, jinja2.NewError("OverflowError", "fd is greater than maximum")
		}
		return pathArg{fd: int(n), isFd: true}, nil
	}
	return pathArg{}, jinja2.NewError("TypeError", "stat: path should be string, bytes, os.PathLike or integer, not %s", t)
}

func boolInt(v jinja2.Value) int64 {
	if v.BoolValue() {
		return 1
	}
	return 0
}

// stat is os.stat; a path with a NUL byte is an error, as ValueError is
// (os.path's predicates treat both as false).
func stat(p pathArg) (os.FileInfo, error) {
	if p.isFd {
		var st syscall.Stat_t
		if err := syscall.Fstat(p.fd, &st); err != nil {
			return nil, err
		}
		return fdInfo{st}, nil
	}
	if strings.ContainsRune(p.path, 0) || p.path == "" {
		return nil, os.ErrNotExist
	}
	return os.Stat(p.path)
}

func lstat(p pathArg) (os.FileInfo, error) {
	if strings.ContainsRune(p.path, 0) || p.path == "" {
		return nil, os.ErrNotExist
	}
	return os.Lstat(p.path)
}

func isDir(p pathArg) (bool, error) {
	st, err := stat(p)
	return err == nil && st.IsDir(), nil
}

func isFile(p pathArg) (bool, error) {
	st, err := stat(p)
	return err == nil && st.Mode().IsRegular(), nil
}

func exists(p pathArg) (bool, error) {
	_, err := stat(p)
	return err == nil, nil
}

func isLink(p pathArg) (bool, error) {
	st, err := lstat(p)
	return err == nil && st.Mode()&os.ModeSymlink != 0, nil
}

func lexists(p pathArg) (bool, error) {
	_, err := lstat(p)
	return err == nil, nil
}

func isAbs(p pathArg) (bool, error) { return strings.HasPrefix(p.path, "/"), nil }

// isMount is posixpath.ismount: not a link, and on another device than
// its parent or the same inode as it.
func isMount(p pathArg) (bool, error) {
	st, err := lstat(p)
	if err != nil || st.Mode()&os.ModeSymlink != 0 {
		return false, nil
	}
	parent, err := os.Lstat(filepath.Join(p.path, ".."))
	if err != nil {
		return false, nil
	}
	a, ok1 := st.Sys().(*syscall.Stat_t)
	b, ok2 := parent.Sys().(*syscall.Stat_t)
	if !ok1 || !ok2 {
		return false, nil
	}
	return a.Dev != b.Dev || a.Ino == b.Ino, nil
}

// sameFile is os.path.samefile: both stat, errors raised.
func sameFile(_ *jinja2.CallContext, v jinja2.Value, args []jinja2.Value, kw *jinja2.Dict) (bool, error) {
	a, err := bindValue("samefile", []jinja2.Param{jinja2.Required("f1"), jinja2.Required("f2")}, v, args, kw)
	if err != nil {
		return false, err
	}
	var ids [2][2]uint64
	for i, f := range a {
		p, err := toPath("samefile", f)
		if err != nil {
			return false, err
		}
		st, err := stat(p)
		if err != nil {
			return false, statError(p, err)
		}
		sys, ok := st.Sys().(*syscall.Stat_t)
		if !ok {
			return false, jinja2.NewError("OSError", "stat: no device and inode")
		}
		ids[i] = [2]uint64{sys.Dev, sys.Ino}
	}
	return ids[0] == ids[1], nil
}

// statError is the OSError os.stat raises, in Python's words.
func statError(p pathArg, err error) error {
	name := jinja2.Repr(jinja2.Str(p.path))
	if p.isFd {
		return jinja2.NewError("OSError", "[Errno 9] Bad file descriptor")
	}
	switch {
	case strings.ContainsRune(p.path, 0):
		return jinja2.NewError("ValueError", "stat: embedded null character in path")
	case os.IsNotExist(err):
		return jinja2.NewError("FileNotFoundError", "[Errno 2] No such file or directory: %s", name)
	case os.IsPermission(err):
		return jinja2.NewError("PermissionError", "[Errno 13] Permission denied: %s", name)
	}
	return jinja2.NewError("OSError", "%s: %s", err, name)
}

// fdInfo is the os.FileInfo of an fstat.
type fdInfo struct{ st syscall.Stat_t }

func (f fdInfo) Name() string { return "" }
func (f fdInfo) Size() int64  { return f.st.Size }
func (f fdInfo) Mode() os.FileMode {
	m := os.FileMode(f.st.Mode & 0o777)
	switch f.st.Mode & syscall.S_IFMT {
	case syscall.S_IFDIR:
		m |= os.ModeDir
	case syscall.S_IFREG:
	case syscall.S_IFLNK:
		m |= os.ModeSymlink
	default:
		m |= os.ModeIrregular
	}
	return m
}
func (f fdInfo) ModTime() time.Time { return time.Unix(f.st.Mtim.Unix()) }
func (f fdInfo) IsDir() bool        { return f.Mode().IsDir() }
func (f fdInfo) Sys() any           { return &f.st }
