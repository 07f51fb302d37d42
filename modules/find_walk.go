package modules

import (
	"fmt"
	"path"
	"strconv"
	"strings"
)

// findPrintf is the record GNU find prints per entry: type, type of the
// target, mode, ids, size, inode, device, links, times, depth, names and
// the path, NUL-terminated.
const findPrintf = `%y|%Y|%m|%U|%G|%s|%i|%D|%n|%A@|%T@|%C@|%d|%u|%g|%p\0`

// findEntry is one listed file.
type findEntry struct {
	path, name, parent string
	typ, target        byte
	mode               uint32
	uid, gid           int
	size               int64
	inode, dev, nlink  uint64
	atime, mtime       float64
	ctime              float64
	depth              int
	owner, group       string
}

// isDir is os.scandir's is_dir(): true for directories and symlinks to them.
func (e *findEntry) isDir() bool { return e.typ == 'd' || (e.typ == 'l' && e.target == 'd') }

// findListing is what one path's find printed.
type findListing struct {
	root     string
	now      float64
	notDir   bool
	children map[string][]*findEntry
	failed   map[string]string
}

// parseListing parses find's output (stdout) and errors (stderr).
func parseListing(root, stdout, stderr string) (*findListing, error) {
	l := &findListing{root: root, children: map[string][]*findEntry{}, failed: map[string]string{}}
	head, rest, _ := strings.Cut(stdout, "\n")
	l.now, _ = strconv.ParseFloat(head, 64)
	start, rest, _ := strings.Cut(rest, "\n")
	if start == "NOTDIR" {
		l.notDir = true
		return l, nil
	}
	l.root = path.Clean(start)
	for _, rec := range strings.Split(rest, "\x00") {
		if rec == "" {
			continue
		}
		e, err := parseFindRecord(rec)
		if err != nil {
			return nil, err
		}
		l.children[e.parent] = append(l.children[e.parent], e)
	}
	for _, line := range strings.Split(stderr, "\n") {
		if msg, ok := strings.CutPrefix(line, "E"); ok {
			if p, err := findErrorPath(msg); p != "" {
				l.failed[path.Clean(p)] = err
			}
		}
	}
	return l, nil
}

// parseFindRecord parses one findPrintf record.
func parseFindRecord(rec string) (*findEntry, error) {
	f := strings.SplitN(rec, "|", 16)
	if len(f) != 16 || len(f[0]) != 1 || len(f[1]) != 1 {
		return nil, fmt.Errorf("unexpected find output %q", rec)
	}
	p := path.Clean(f[15])
	e := &findEntry{path: p, name: path.Base(p), parent: path.Dir(p), typ: f[0][0], target: f[1][0], owner: f[13], group: f[14]}
	mode, err1 := strconv.ParseUint(f[2], 8, 32)
	e.mode = uint32(mode)
	var errs [8]error
	e.uid, errs[0] = strconv.Atoi(f[3])
	e.gid, errs[1] = strconv.Atoi(f[4])
	e.size, errs[2] = strconv.ParseInt(f[5], 10, 64)
	e.inode, errs[3] = strconv.ParseUint(f[6], 10, 64)
	e.dev, errs[4] = strconv.ParseUint(f[7], 10, 64)
	e.nlink, errs[5] = strconv.ParseUint(f[8], 10, 64)
	e.depth, errs[6] = strconv.Atoi(f[12])
	e.atime, e.mtime, e.ctime = pyStatTime(f[9]), pyStatTime(f[10]), pyStatTime(f[11])
	errs[7] = err1
	for _, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("unexpected find output %q: %w", rec, err)
		}
	}
	// find prints the id when the name is unknown; Python reports "".
	if e.owner == f[3] {
		e.owner = ""
	}
	if e.group == f[4] {
		e.group = ""
	}
	return e, nil
}

// pyStatTime converts find's "sec.nanoseconds" as Python computes st_mtime
// (sec + ns * 1e-9 in double precision).
func pyStatTime(s string) float64 {
	sec, frac, _ := strings.Cut(s, ".")
	n, _ := strconv.ParseInt(sec, 10, 64)
	frac = (frac + "000000000")[:9]
	ns, _ := strconv.ParseInt(frac, 10, 64)
	return float64(n) + float64(ns)*1e-9
}

// findErrorPath extracts the path of a "find: '/p': Permission denied"
// line and words the error as Python's OSError.
func findErrorPath(msg string) (string, string) {
	rest, ok := strings.CutPrefix(msg, "find: '")
	if !ok {
		return "", ""
	}
	i := strings.LastIndex(rest, "': ")
	if i < 0 {
		return "", ""
	}
	p, reason := rest[:i], rest[i+3:]
	errno := map[string]int{"Permission denied": 13, "No such file or directory": 2}[reason]
	if errno == 0 {
		return p, fmt.Sprintf("%s: '%s'", reason, p)
	}
	return p, fmt.Sprintf("[Errno %d] %s: '%s'", errno, reason, p)
}

// walk orders the entries as os.walk visits them (each directory's files,
// then its subdirectories, then each subdirectory's walk) and counts the
// entries examined. A directory find could not read ends the walk with
// its error, as os.walk's onerror re-raising does in Ansible's find.
func (l *findListing) walk(recurse, follow bool) ([]*findEntry, int, string) {
	if l.notDir {
		return nil, 0, fmt.Sprintf("'%s' is not a directory", l.root)
	}
	var out []*findEntry
	looked := 0
	var visit func(dir string) string
	visit = func(dir string) string {
		if err, bad := l.failed[dir]; bad {
			return err
		}
		var files, dirs []*findEntry
		for _, e := range l.children[dir] {
			if e.isDir() {
				dirs = append(dirs, e)
			} else {
				files = append(files, e)
			}
		}
		looked += len(files) + len(dirs)
		out = append(append(out, files...), dirs...)
		if !recurse {
			return ""
		}
		for _, d := range dirs {
			if d.typ == 'l' && !follow {
				continue
			}
			if err := visit(d.path); err != "" {
				return err
			}
		}
		return ""
	}
	err := visit(l.root)
	return out, looked, err
}
