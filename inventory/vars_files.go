package inventory

import (
	"github.com/edxplay/edxplay/internal/pyvalue"

	"fmt"
	"github.com/edxplay/edxplay/internal/odict"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// varsExtensions are ansible's YAML_FILENAME_EXTENSIONS preceded by the
// bare name, in lookup order.
var varsExtensions = []string{"", ".yml", ".yaml", ".json"}

// varsFileCache memoizes parsed group_vars/host_vars files.
type varsFileCache struct {
	vault Decrypter
	mu    sync.Mutex
	files map[string]varsFileEntry
	// found memoizes findVarsFiles, and listed the entries of each
	// group_vars/host_vars directory: a run over 10,000 hosts would
	// otherwise stat four names per host and group.
	found  map[string][]string
	listed map[string]map[string]bool
}

type varsFileEntry struct {
	vars map[string]any
	err  error
}

func newVarsFileCache() *varsFileCache {
	return &varsFileCache{files: map[string]varsFileEntry{}}
}

// load parses a vars file; empty files give nil vars.
func (c *varsFileCache) load(path string) (map[string]any, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.files[path]; ok {
		return e.vars, e.err
	}
	vars, err := loadVarsFile(path, c.vault)
	c.files[path] = varsFileEntry{vars: vars, err: err}
	return vars, err
}

func loadVarsFile(path string, vault Decrypter) (map[string]any, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read vars file: %w", err)
	}
	doc, err := parseYAMLDoc(data, vault)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	v, err := doc.Value(doc.root)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	switch x := v.(type) {
	case nil:
		return nil, nil
	case *odict.Map:
		return x.Plain(), nil
	}
	if !pyvalue.Truthy(v) {
		return nil, nil
	}
	return nil, fmt.Errorf("%s: %w", path, lineError(doc.root, fmt.Errorf(
		"failed to combine variables, expected dicts but got a 'dict' and a '%s'", pyContainerName(v))))
}

func pyContainerName(v any) string {
	if _, ok := v.([]any); ok {
		return "list"
	}
	return pyTypeName(v)
}

// findVarsFiles mirrors the host_group_vars plugin plus the loader's
// find_vars_files: basedir/subdir/name, name.yml, name.yaml, name.json (the
// first that exists), a directory being read recursively in sorted order.
func findVarsFiles(basedir, subdir, name string) []string {
	if strings.HasPrefix(name, string(os.PathSeparator)) {
		return nil
	}
	dir := filepath.Join(basedir, subdir)
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil
	}
	base := filepath.Join(dir, name)
	for _, ext := range varsExtensions {
		full := base + ext
		st, err := os.Stat(full)
		if err != nil {
			continue
		}
		if st.IsDir() {
			return dirVarsFiles(full)
		}
		return []string{full}
	}
	return nil
}

// find is findVarsFiles, memoized, skipping names its directory listing
// lacks.
func (c *varsFileCache) find(basedir, subdir, name string) []string {
	key := basedir + "\x00" + subdir + "\x00" + name
	c.mu.Lock()
	defer c.mu.Unlock()
	if files, ok := c.found[key]; ok {
		return files
	}
	if c.found == nil {
		c.found, c.listed = map[string][]string{}, map[string]map[string]bool{}
	}
	var files []string
	if c.mayHave(filepath.Join(basedir, subdir), name) {
		files = findVarsFiles(basedir, subdir, name)
	}
	c.found[key] = files
	return files
}

// mayHave reports whether dir (listed once) has an entry name+ext for one
// of the vars extensions; names with a separator are not ruled out.
func (c *varsFileCache) mayHave(dir, name string) bool {
	if strings.ContainsRune(name, os.PathSeparator) {
		return true
	}
	names, ok := c.listed[dir]
	if !ok {
		names = map[string]bool{}
		entries, _ := os.ReadDir(dir) // a missing directory has no entries
		for _, e := range entries {
			names[e.Name()] = true
		}
		c.listed[dir] = names
	}
	for _, ext := range varsExtensions {
		if names[name+ext] {
			return true
		}
	}
	return false
}

func dirVarsFiles(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	var out []string
	for _, name := range names {
		if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") {
			continue
		}
		full := filepath.Join(dir, name)
		ext := pySplitExt(name)
		st, err := os.Stat(full)
		if err != nil {
			continue
		}
		switch {
		case st.IsDir() && ext == "":
			out = append(out, dirVarsFiles(full)...)
		case st.Mode().IsRegular() && (ext == "" || isVarsExt(ext)):
			out = append(out, full)
		}
	}
	return out
}

// pySplitExt is os.path.splitext's extension (leading dots do not count).
func pySplitExt(name string) string {
	trimmed := strings.TrimLeft(name, ".")
	i := strings.LastIndex(trimmed, ".")
	if i < 0 {
		return ""
	}
	return trimmed[i:]
}

func isVarsExt(ext string) bool {
	for _, e := range varsExtensions[1:] {
		if e == ext {
			return true
		}
	}
	return false
}

// inventoryVarsDirs lists the directories whose group_vars/host_vars apply
// as "inventory" vars: each source directory, or the directory of each
// source file; host lists are skipped.
func (inv *Inventory) inventoryVarsDirs() []string {
	var dirs []string
	for _, src := range inv.sources {
		st, err := os.Stat(src)
		if err != nil {
			if strings.Contains(src, ",") {
				continue
			}
			dirs = append(dirs, filepath.Dir(src))
			continue
		}
		if st.IsDir() {
			dirs = append(dirs, src)
		} else {
			dirs = append(dirs, filepath.Dir(src))
		}
	}
	return dirs
}

// fileLayers loads the vars files for entity below each base dir, one
// layer per non-empty file.
func (inv *Inventory) fileLayers(dirs []string, subdir, entity, origin string) ([]Layer, error) {
	var layers []Layer
	for _, dir := range dirs {
		for _, f := range inv.varsCache.find(dir, subdir, entity) {
			vars, err := inv.varsCache.load(f)
			if err != nil {
				return nil, fmt.Errorf("load %s vars for %s: %w", subdir, entity, err)
			}
			if len(vars) == 0 {
				continue
			}
			layers = append(layers, Layer{
				Name: fmt.Sprintf("%s %s/%s", origin, subdir, entity),
				File: f,
				Vars: vars,
			})
		}
	}
	return layers, nil
}

func (inv *Inventory) playbookDirs() []string {
	if inv.playbookDir == "" {
		return nil
	}
	return []string{inv.playbookDir}
}
