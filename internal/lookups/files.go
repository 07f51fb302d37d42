package lookups

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/edxplay/edxplay/internal/jinja2"
)

var fileOptions = []option{{name: "rstrip", typ: optBool, def: jinja2.Bool(true)}, {name: "lstrip", typ: optBool, def: jinja2.Bool(false)}}

func lookupFile(ctx context.Context, r *runner, terms jinja2.Value, kw *jinja2.Dict) ([]jinja2.Value, error) {
	opts, err := options("file", fileOptions, kw)
	if err != nil {
		return nil, err
	}
	notFound := func(name string) error { return errorf("could not locate file in lookup: %s", name) }
	return eachFile(ctx, r, terms, "files", notFound, notFound, func(f foundFile) (jinja2.Value, error) {
		s := string(f.data)
		if opts["lstrip"].BoolValue() {
			s = strings.TrimLeftFunc(s, pyIsSpace)
		}
		if opts["rstrip"].BoolValue() {
			s = strings.TrimRightFunc(s, pyIsSpace)
		}
		return text([]byte(s), f.secret), nil
	})
}

// foundFile is one term of a file-reading lookup, found in the search
// path and read (secret when it was vault-encrypted).
type foundFile struct {
	term, path string
	data       []byte
	secret     bool
}

// eachFile finds each term in subdir of the search path, reads it and
// converts it with fn. notFound words the error for a term found nowhere;
// unreadable, when not nil, the error for a file that cannot be read
// (else the read error itself).
func eachFile(ctx context.Context, r *runner, terms jinja2.Value, subdir string, notFound, unreadable func(string) error,
	fn func(foundFile) (jinja2.Value, error)) ([]jinja2.Value, error) {
	list, err := items(terms)
	if err != nil {
		return nil, err
	}
	var out []jinja2.Value
	for _, t := range list {
		name, err := termName(t)
		if err != nil {
			return nil, err
		}
		path, err := findFile(ctx, r.ctrl, subdir, name, false)
		if err != nil {
			return nil, err
		}
		if path == "" {
			return nil, notFound(name)
		}
		data, secret, err := readFile(ctx, r.ctrl, path)
		if err != nil {
			if unreadable != nil {
				return nil, unreadable(name)
			}
			return nil, err
		}
		v, err := fn(foundFile{term: name, path: path, data: data, secret: secret})
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// pyIsSpace is Python's str.isspace for one character.
func pyIsSpace(r rune) bool { return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f }

func lookupUnvault(ctx context.Context, r *runner, terms jinja2.Value, _ *jinja2.Dict) ([]jinja2.Value, error) {
	notFound := func(name string) error {
		return ansibleError("AnsibleParserError", "Unable to find file matching \"%s\" ", name)
	}
	return eachFile(ctx, r, terms, "files", notFound, nil, func(f foundFile) (jinja2.Value, error) {
		return text(f.data, f.secret), nil
	})
}

func lookupFileglob(ctx context.Context, r *runner, terms jinja2.Value, _ *jinja2.Dict) ([]jinja2.Value, error) {
	list, err := items(terms)
	if err != nil {
		return nil, err
	}
	var out []jinja2.Value
	for _, t := range list {
		if t.Kind() != jinja2.StrKind {
			return nil, jinja2.NewError("TypeError", "expected str, bytes or os.PathLike object, not %s", jinja2.TypeName(t))
		}
		term := t.StrValue()
		dirs, err := globDirs(ctx, r, term)
		if err != nil {
			return nil, err
		}
		for _, d := range dirs {
			if d == "" {
				continue
			}
			found := globFiles(filepath.Join(d, filepath.Base(term)))
			if len(found) > 0 {
				out = append(out, found...)
				break
			}
		}
	}
	return out, nil
}

// globDirs is where fileglob looks for a term: the directory part found
// in the search path, else each search path's files/ and itself.
func globDirs(ctx context.Context, r *runner, term string) ([]string, error) {
	if filepath.Base(term) != term {
		d, err := findFile(ctx, r.ctrl, "files", filepath.Dir(term), false)
		return []string{d}, err
	}
	paths, err := searchPaths(ctx, r.ctrl)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range paths {
		out = append(out, filepath.Join(p, "files"), p)
	}
	return out, nil
}

// globFiles is glob.glob(pattern) keeping regular files: in directory
// order as Python lists them (a pattern in the directory part too is
// expanded sorted); hidden files match only a pattern starting with a dot.
func globFiles(pattern string) []jinja2.Value {
	dir, base := filepath.Split(pattern)
	var matches []string
	if strings.ContainsAny(dir, "*?[") {
		all, err := filepath.Glob(pattern)
		if err != nil {
			return nil
		}
		sort.Strings(all)
		matches = all
	} else {
		matches = readDirMatches(dir, base)
	}
	var out []jinja2.Value
	for _, m := range matches {
		if strings.HasPrefix(filepath.Base(m), ".") && !strings.HasPrefix(base, ".") {
			continue
		}
		if st, err := os.Stat(m); err == nil && st.Mode().IsRegular() {
			out = append(out, jinja2.Str(m))
		}
	}
	return out
}

// readDirMatches lists the names in dir matching base, in directory order.
func readDirMatches(dir, base string) []string {
	if !strings.ContainsAny(base, "*?[") {
		if _, err := os.Lstat(dir + base); err == nil {
			return []string{dir + base}
		}
		return nil
	}
	d, err := os.Open(strings.TrimSuffix(dir, "/") + "/")
	if err != nil {
		return nil
	}
	defer d.Close()
	names, err := d.Readdirnames(-1)
	if err != nil {
		return nil
	}
	var out []string
	for _, n := range names {
		if ok, _ := filepath.Match(base, n); ok {
			out = append(out, dir+n)
		}
	}
	return out
}
