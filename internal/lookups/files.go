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
		path, err := findFile(ctx, r.ctrl, "files", name, false)
		if err != nil {
			return nil, err
		}
		if path == "" {
			return nil, errorf("could not locate file in lookup: %s", name)
		}
		data, secret, err := readFile(ctx, r.ctrl, path)
		if err != nil {
			return nil, errorf("could not locate file in lookup: %s", name)
		}
		s := string(data)
		if opts["lstrip"].BoolValue() {
			s = strings.TrimLeftFunc(s, pyIsSpace)
		}
		if opts["rstrip"].BoolValue() {
			s = strings.TrimRightFunc(s, pyIsSpace)
		}
		out = append(out, text([]byte(s), secret))
	}
	return out, nil
}

// pyIsSpace is Python's str.isspace for one character.
func pyIsSpace(r rune) bool { return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f }

func lookupUnvault(ctx context.Context, r *runner, terms jinja2.Value, _ *jinja2.Dict) ([]jinja2.Value, error) {
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
		path, err := findFile(ctx, r.ctrl, "files", name, false)
		if err != nil {
			return nil, err
		}
		if path == "" {
			return nil, ansibleError("AnsibleParserError", "Unable to find file matching \"%s\" ", name)
		}
		data, secret, err := readFile(ctx, r.ctrl, path)
		if err != nil {
			return nil, err
		}
		out = append(out, text(data, secret))
	}
	return out, nil
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
