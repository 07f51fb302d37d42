package modules

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/pyregex"
)

// IncludeVars loads variables from YAML/JSON files on the controller.
type IncludeVars struct{}

// Spec describes include_vars' arguments.
func (IncludeVars) Spec() modspec.Spec {
	return modspec.Spec{
		Name:       "include_vars",
		Controller: true,
		Short:      "Load variables from files, dynamically within a task",
		FreeForm:   true,
		Args: []modspec.Arg{
			{Name: "_raw_params", Type: modspec.String, Doc: "The file to load (free form)."},
			{Name: "file", Type: modspec.Path, Doc: "The file to load, looked up in vars/ of the role and the playbook directory."},
			{Name: "dir", Type: modspec.Path, Doc: "A directory whose files are loaded in alphabetical order."},
			{Name: "name", Type: modspec.String, Doc: "Put the loaded variables under this one variable."},
			{Name: "depth", Type: modspec.Int, Default: 0, Doc: "Directory depth to descend to with dir (0: unlimited)."},
			{Name: "files_matching", Type: modspec.String, Doc: "With dir, load only files whose name matches this regular expression."},
			{Name: "ignore_files", Type: modspec.List, Doc: "With dir, regular expressions of file names to skip."},
			{Name: "extensions", Type: modspec.List, Default: []any{"json", "yaml", "yml"}, Doc: "With dir, the file extensions to load."},
			{Name: "ignore_unknown_extensions", Type: modspec.Bool, Default: false, Doc: "With dir, skip files with other extensions instead of failing."},
			{Name: "hash_behaviour", Type: modspec.String, Choices: []string{"replace", "merge"}, Doc: "Accepted for compatibility; dictionaries are replaced."},
		},
		MutuallyExclusive: [][]string{{"_raw_params", "file", "dir"}},
		Example:           "- include_vars:\n    file: stuff.yaml\n    name: stuff\n",
	}
}

// Run loads the file or directory and returns its variables as facts.
func (IncludeVars) Run(ctx context.Context, call *Call) (*Result, error) {
	a := args(call.Args)
	loader := varsLoader{a: a, host: call.Host}
	var err error
	if dir := a.str("dir"); dir != "" {
		err = loader.loadDir(call.Host, dir)
	} else {
		file := a.str("file")
		if file == "" {
			// As Ansible, a free-form name loses its trailing newlines
			// (include_vars: > folds one in).
			file = strings.TrimRight(a.str("_raw_params"), "\n")
		}
		err = loader.loadNamed(call.Host, file)
	}
	vars := loader.vars
	if name := a.str("name"); name != "" {
		vars = map[string]any{name: vars}
	}
	data := map[string]any{"ansible_included_var_files": loader.files}
	if err != nil {
		data["message"] = err.Error()
		return &Result{Failed: true, Msg: err.Error(), Data: data}, nil
	}
	data["ansible_facts"] = vars
	return &Result{Facts: vars, IncludedVars: true, Data: data}, nil
}

// varsLoader accumulates variables from files.
type varsLoader struct {
	a     args
	host  HostContext
	vars  map[string]any
	files []string
}

// loadNamed loads one file found through the vars search path.
func (l *varsLoader) loadNamed(host HostContext, name string) error {
	if name == "" {
		// Ansible's words for a file name that is empty (or none at all).
		return errors.New("Could not find file on the Ansible Controller.\n" +
			"If you are using a module and expect the file to exist on the remote, see the remote_src option")
	}
	found, err := findLocal(host, "vars", name)
	if err != nil {
		return fmt.Errorf("Could not find or access '%s'", name)
	}
	return l.load(found, false)
}

// loadDir loads the files of a directory tree, sorted, down to depth.
func (l *varsLoader) loadDir(host HostContext, dir string) error {
	root, err := findLocal(host, "vars", dir)
	if err != nil {
		return fmt.Errorf("%s directory does not exist", dir)
	}
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		return fmt.Errorf("%s is not a directory", root)
	}
	var matcher *pyregex.Regexp
	if m := l.a.str("files_matching"); m != "" {
		if matcher, err = pyregex.Compile(m, 0); err != nil {
			return fmt.Errorf("Invalid regular expression: %s", m)
		}
	}
	files, err := walkVarsDir(root, l.a.integer("depth"))
	if err != nil {
		return err
	}
	for _, f := range files {
		base := filepath.Base(f)
		if matcher != nil && !matcher.MatchString(base) {
			continue
		}
		skip, err := l.ignored(base)
		if err != nil || skip {
			if err != nil {
				return err
			}
			continue
		}
		if l.a.boolean("ignore_unknown_extensions") && !l.validExt(base) {
			continue
		}
		if err := l.load(f, true); err != nil {
			return err
		}
	}
	return nil
}

// walkVarsDir lists files per directory in sorted directory order, the
// first depth directories only (0: all), as Ansible's sorted os.walk does.
func walkVarsDir(root string, depth int) ([]string, error) {
	byDir := map[string][]string{}
	var dirs []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			dirs = append(dirs, p)
		} else {
			byDir[filepath.Dir(p)] = append(byDir[filepath.Dir(p)], p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walk %s: %w", root, err)
	}
	sort.Strings(dirs)
	var out []string
	for i, d := range dirs {
		if depth > 0 && i >= depth {
			break
		}
		files := byDir[d]
		sort.Strings(files)
		out = append(out, files...)
	}
	return out, nil
}

func (l *varsLoader) ignored(base string) (bool, error) {
	for _, pat := range l.a.list("ignore_files") {
		re, err := pyregex.Compile(fmt.Sprint(pat)+"$", 0)
		if err != nil {
			return false, fmt.Errorf("Invalid regular expression: %v", pat)
		}
		if re.MatchString(base) {
			return true, nil
		}
	}
	return false, nil
}

// validExt reports whether name's extension is one of extensions; as
// Python's os.path.splitext, a name without one (or a dot file such as
// .bashrc) has the extension "", which extensions may list.
func (l *varsLoader) validExt(name string) bool {
	base := strings.TrimLeft(filepath.Base(name), ".")
	ext := strings.TrimPrefix(filepath.Ext(base), ".")
	for _, e := range l.a.list("extensions") {
		if fmt.Sprint(e) == ext {
			return true
		}
	}
	return false
}

// load parses one YAML or JSON file, which must hold a mapping.
func (l *varsLoader) load(path string, checkExt bool) error {
	if checkExt && !l.validExt(path) {
		exts := make([]string, 0)
		for _, e := range l.a.list("extensions") {
			exts = append(exts, fmt.Sprint(e))
		}
		return fmt.Errorf("%s does not have a valid extension: %s", path, strings.Join(exts, ", "))
	}
	m, err := l.host.ReadVars(path)
	if errors.Is(err, ErrVarsNotMapping) {
		return fmt.Errorf("%s must be stored as a dictionary/hash", path)
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if l.vars == nil {
		l.vars = map[string]any{}
	}
	for k, v := range m {
		l.vars[k] = v
	}
	l.files = append(l.files, path)
	return nil
}
