package lookups

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/edxplay/edxplay/internal/jinja2"
)

var (
	envVarRe = regexp.MustCompile(`\$(\w+|\{[^}]*\})`)
	tasksRe  = regexp.MustCompile(`(?:^|/)+tasks/?$`)
)

// unfrackPath is unfrackpath(path, follow=False): environment variables
// and ~ expanded, made absolute against the working directory, normalized.
func unfrackPath(ctrl Controller, path string) string {
	path = envVarRe.ReplaceAllStringFunc(path, func(m string) string {
		name := strings.Trim(m[1:], "{}")
		if v, ok := ctrl.Getenv(name); ok {
			return v
		}
		return m
	})
	if path == "~" || strings.HasPrefix(path, "~/") {
		if home, ok := ctrl.Getenv("HOME"); ok {
			path = home + path[1:]
		}
	}
	if !filepath.IsAbs(path) {
		if wd, err := os.Getwd(); err == nil {
			path = filepath.Join(wd, path)
		}
	}
	return filepath.Clean(path)
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// isRole is DataLoader._is_role: a tasks directory with a main file, or a
// directory with tasks/ or meta/ main files, or beside them.
func isRole(ctrl Controller, path string) bool {
	up := unfrackPath(ctrl, path)
	dir := filepath.Dir(path)
	if tasksRe.MatchString(path) {
		for _, m := range []string{"main.yml", "main.yaml", "main"} {
			if exists(filepath.Join(path, m)) {
				return true
			}
		}
	}
	for _, base := range []string{up, dir} {
		for _, m := range []string{"tasks/main.yml", "tasks/main.yaml", "tasks/main", "meta/main.yml", "meta/main.yaml", "meta/main"} {
			if exists(filepath.Join(base, m)) {
				return true
			}
		}
	}
	return false
}

// searchPaths is what find_file_in_search_path searches: the
// ansible_search_path variable, else the role's path or the base dir.
func searchPaths(ctx context.Context, ctrl Controller) ([]string, error) {
	if v, ok, err := ctrl.Var(ctx, "ansible_search_path"); err != nil || ok {
		if err != nil {
			return nil, err
		}
		if v.IsNone() {
			return nil, jinja2.NewError("TypeError", "can only join an iterable")
		}
		items, err := jinja2.Iterate(v)
		if err != nil {
			return nil, err
		}
		out := make([]string, len(items))
		for i, it := range items {
			out[i] = pyStr(it)
		}
		return out, nil
	}
	return []string{basedir(ctx, ctrl)}, nil
}

// basedir is LookupBase.get_basedir: role_path, else the loader's.
func basedir(ctx context.Context, ctrl Controller) string {
	if v, ok, err := ctrl.Var(ctx, "role_path"); err == nil && ok {
		return pyStr(v)
	}
	return ctrl.BaseDir()
}

// findFile is find_file_in_search_path (DataLoader's
// path_dwim_relative_stack): the first of, for each search path, its
// subdir/name and name (a role's tasks dir searching the role's subdir),
// then the base dir's. It returns "" (after a warning unless
// ignoreMissing) when there is none.
func findFile(ctx context.Context, ctrl Controller, subdir, name string, ignoreMissing bool) (string, error) {
	if name != "" && (strings.HasPrefix(name, "~") || strings.HasPrefix(name, "/")) {
		if p := unfrackPath(ctrl, name); exists(p) {
			return p, nil
		}
		return notFound(ctrl, name, ignoreMissing), nil
	}
	paths, err := searchPaths(ctx, ctrl)
	if err != nil {
		return "", err
	}
	first := strings.SplitN(name, "/", 2)[0]
	var search []string
	for _, p := range paths {
		up := unfrackPath(ctrl, p)
		parent := filepath.Dir(up)
		if isRole(ctrl, p) && strings.HasSuffix(parent, "/tasks") {
			search = append(search, pathJoin(pathJoin(filepath.Dir(parent), subdir), name), pathJoin(parent, name))
			continue
		}
		if first != subdir {
			search = append(search, pathJoin(pathJoin(up, subdir), name))
		}
		search = append(search, pathJoin(up, name))
	}
	base := ctrl.BaseDir()
	if first != subdir {
		search = append(search, pathJoin(pathJoin(base, subdir), name))
	}
	search = append(search, pathJoin(base, name))
	for _, c := range search {
		if exists(c) {
			return c, nil
		}
	}
	return notFound(ctrl, name, ignoreMissing), nil
}

func notFound(ctrl Controller, name string, ignoreMissing bool) string {
	if !ignoreMissing {
		ctrl.Warn("Unable to find '" + name + "' in expected paths (use -vvvvv to see paths)")
	}
	return ""
}

// termName is a file lookup's term as a path: a non-string fails as
// str.startswith does in path_dwim_relative_stack.
func termName(t jinja2.Value) (string, error) {
	if t.Kind() != jinja2.StrKind {
		return "", jinja2.NewError("AttributeError", "'%s' object has no attribute 'startswith'", jinja2.TypeName(t))
	}
	return t.StrValue(), nil
}

// readFile is DataLoader._get_file_contents: the file's bytes, decrypted
// when vault-encrypted (secret then reports true).
func readFile(ctx context.Context, ctrl Controller, path string) (data []byte, secret bool, err error) {
	data, err = os.ReadFile(path)
	if err != nil {
		return nil, false, ansibleError("AnsibleParserError", "an error occurred while trying to read the file '%s': %s", path, err)
	}
	return ctrl.Decrypt(ctx, data, path)
}

// text returns file contents as a str value, secret when decrypted.
func text(data []byte, secret bool) jinja2.Value {
	v := jinja2.Str(string(data))
	if secret {
		v = v.WithMark(jinja2.Secret)
	}
	return v
}
