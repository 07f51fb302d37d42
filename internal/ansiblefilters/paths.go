package ansiblefilters

import (
	"os"
	"os/user"
	"path/filepath"
	"regexp"
	"strings"

	j "github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/pyvalue"
)

// pathArg is the str argument of an os.path function.
func pathArg(v j.Value) (string, error) {
	if isStr(v) {
		return v.StrValue(), nil
	}
	return "", typeError("expected str, bytes or os.PathLike object, not %s", j.TypeName(v))
}

// pathFilter wraps a str -> str os.path function.
func pathFilter(fn func(string) string) body {
	return func(_ *j.CallContext, a []j.Value) (j.Value, error) {
		p, err := pathArg(a[0])
		if err != nil {
			return j.None, err
		}
		return j.Str(fn(p)), nil
	}
}

// pyBasename is posixpath.basename.
func pyBasename(p string) string { return p[strings.LastIndexByte(p, '/')+1:] }

// pyDirname is posixpath.dirname.
func pyDirname(p string) string {
	head := p[:strings.LastIndexByte(p, '/')+1]
	if head != "" && strings.Trim(head, "/") != "" {
		head = strings.TrimRight(head, "/")
	}
	return head
}

// pySplitext is posixpath.splitext.
func pySplitext(p string) (string, string) {
	sep := strings.LastIndexByte(p, '/')
	dot := strings.LastIndexByte(p, '.')
	if dot > sep {
		for i := sep + 1; i < dot; i++ {
			if p[i] != '.' {
				return p[:dot], p[dot:]
			}
		}
	}
	return p, ""
}

func splitext(_ *j.CallContext, a []j.Value) (j.Value, error) {
	p, err := pathArg(a[0])
	if err != nil {
		return j.None, err
	}
	root, ext := pySplitext(p)
	return j.NewTuple(j.Str(root), j.Str(ext)), nil
}

// pyNormpath is posixpath.normpath.
func pyNormpath(p string) string {
	if p == "" {
		return "."
	}
	initial := 0
	if strings.HasPrefix(p, "/") {
		initial = 1
		if strings.HasPrefix(p, "//") && !strings.HasPrefix(p, "///") {
			initial = 2
		}
	}
	var parts []string
	for _, c := range strings.Split(p, "/") {
		switch {
		case c == "" || c == ".":
		case c != ".." || (initial == 0 && len(parts) == 0) || (len(parts) > 0 && parts[len(parts)-1] == ".."):
			parts = append(parts, c)
		case len(parts) > 0:
			parts = parts[:len(parts)-1]
		}
	}
	out := strings.Repeat("/", initial) + strings.Join(parts, "/")
	if out == "" {
		return "."
	}
	return out
}

// pyAbspath is posixpath.abspath.
func pyAbspath(p string) string {
	if !strings.HasPrefix(p, "/") {
		cwd, _ := os.Getwd()
		p = pyJoin(cwd, p)
	}
	return pyNormpath(p)
}

// pyJoin is posixpath.join.
func pyJoin(a string, rest ...string) string {
	out := a
	for _, b := range rest {
		switch {
		case strings.HasPrefix(b, "/"):
			out = b
		case out == "" || strings.HasSuffix(out, "/"):
			out += b
		default:
			out += "/" + b
		}
	}
	return out
}

// pyRealpath is os.path.realpath (non-strict): symlinks resolved as far
// as the path exists.
func pyRealpath(p string) string {
	abs := pyAbspath(p)
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	dir, file := pyDirname(abs), pyBasename(abs)
	if dir == abs {
		return abs
	}
	return pyJoin(pyRealpath(dir), file)
}

func relpath(_ *j.CallContext, a []j.Value) (j.Value, error) {
	p, err := pathArg(a[0])
	if err != nil {
		return j.None, err
	}
	start := "."
	if !a[1].IsNone() {
		if start, err = pathArg(a[1]); err != nil {
			return j.None, err
		}
	}
	if p == "" {
		return j.None, valueError("no path specified")
	}
	from := strings.Split(strings.Trim(pyAbspath(start), "/"), "/")
	to := strings.Split(strings.Trim(pyAbspath(p), "/"), "/")
	if from[0] == "" {
		from = nil
	}
	if to[0] == "" {
		to = nil
	}
	i := 0
	for i < len(from) && i < len(to) && from[i] == to[i] {
		i++
	}
	var parts []string
	for range len(from) - i {
		parts = append(parts, "..")
	}
	parts = append(parts, to[i:]...)
	if len(parts) == 0 {
		return j.Str("."), nil
	}
	return j.Str(strings.Join(parts, "/")), nil
}

// pyExpanduser is posixpath.expanduser, ~user included.
func pyExpanduser(p string) string {
	if !strings.HasPrefix(p, "~") {
		return p
	}
	name, rest, _ := strings.Cut(p[1:], "/")
	if name == "" {
		return pyvalue.ExpandUser(p)
	}
	u, err := user.Lookup(name)
	if err != nil {
		return p
	}
	home := strings.TrimRight(u.HomeDir, "/")
	if home == "" {
		home = "/"
	}
	if rest == "" && !strings.Contains(p, "/") {
		return home
	}
	return home + "/" + rest
}

// envVar matches $name and ${name} as posixpath.expandvars does.
var envVar = regexp.MustCompile(`\$(\w+|\{[^}]*\})`)

// pyExpandvars is posixpath.expandvars: unknown variables stay as written.
func pyExpandvars(p string) string {
	return envVar.ReplaceAllStringFunc(p, func(m string) string {
		name := strings.Trim(m[1:], "{}")
		if v, ok := os.LookupEnv(name); ok {
			return v
		}
		return m
	})
}

func pathJoin(_ *j.CallContext, a []j.Value) (j.Value, error) {
	v := a[0]
	if isStr(v) {
		return v, nil
	}
	if !isSeq(v) {
		if err := defined(v); err != nil {
			return j.None, err
		}
		return j.None, filterTypeError("|path_join expects string or sequence, got %s instead.", pyClass(v))
	}
	var parts []string
	for _, it := range v.Items() {
		s, err := pathArg(it)
		if err != nil {
			return j.None, err
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return j.None, typeError("join() missing 1 required positional argument: 'a'")
	}
	return j.Str(pyJoin(parts[0], parts[1:]...)), nil
}

var (
	basename   = pathFilter(pyBasename)
	dirname    = pathFilter(pyDirname)
	expanduser = pathFilter(pyExpanduser)
	expandvars = pathFilter(pyExpandvars)
	realpath   = pathFilter(pyRealpath)
)
