package pyplugins

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/edxplay/edxplay/internal/pyvalue"
)

// searched is what search found for a kind, a set of roles and a
// collection.
type searched struct{ dirs, colls []string }

// search returns the plugin directories for kind ("filter" or "test") in
// Ansible's order — <kind>_plugins/ beside the playbook, then in each role
// seen, then the configured paths (each after its subdirectories one and
// two levels down) — and, for a dotted name, the collection roots. Both
// are empty when there is nothing for Python to look at. As Ansible's
// loader, it looks once until a role is added.
func (b *Bridge) search(kind, name string) (dirs, colls []string) {
	coll := ""
	if strings.Count(name, ".") >= 2 {
		parts := strings.SplitN(name, ".", 3)
		coll = parts[0] + "." + parts[1]
	}
	b.mu.Lock()
	roles := append([]string(nil), b.roles...)
	key := fmt.Sprintf("%s\x00%d\x00%s", kind, len(roles), coll)
	got, ok := b.searches[key]
	b.mu.Unlock()
	if ok {
		return got.dirs, got.colls
	}
	dirs, colls = b.look(kind, name, roles)
	b.mu.Lock()
	b.searches[key] = searched{dirs, colls}
	b.mu.Unlock()
	return dirs, colls
}

// look is search without its cache.
func (b *Bridge) look(kind, name string, roles []string) (dirs, colls []string) {
	sub := kind + "_plugins"
	cands := []string{filepath.Join(b.opts.BaseDir, sub)}
	for _, r := range roles {
		cands = append(cands, filepath.Join(r, sub))
	}
	paths := b.opts.FilterPaths
	if kind == "test" {
		paths = b.opts.TestPaths
	}
	for _, p := range paths {
		cands = append(cands, configuredDirs(p)...)
	}
	anyPy := false
	for _, d := range cands {
		if !contains(dirs, d) && isDir(d) {
			dirs = append(dirs, d)
			if m, _ := filepath.Glob(filepath.Join(d, "*.py")); len(m) > 0 {
				anyPy = true
			}
		}
	}
	if strings.Count(name, ".") >= 2 {
		colls = collectionRoots(b.opts.BaseDir, b.opts.CollectionsPaths, name, kind)
	}
	if !anyPy {
		dirs = nil
	}
	return dirs, colls
}

// configuredDirs is a configured plugin path with its subdirectories one
// and two levels down before it, as Ansible's loader lists them.
func configuredDirs(p string) []string {
	p, err := filepath.Abs(pyvalue.ExpandUser(p))
	if err != nil {
		return nil
	}
	var out []string
	for _, pat := range []string{"*", "*/*"} {
		sub, _ := filepath.Glob(filepath.Join(p, pat))
		for _, s := range sub {
			if isDir(s) {
				out = append(out, s)
			}
		}
	}
	return append(out, p)
}

// collectionRoots are the roots (playbook's collections/, then the
// collections paths) holding the plugin directory of name's collection.
func collectionRoots(baseDir string, paths []string, name, kind string) []string {
	parts := strings.Split(name, ".")
	var out []string
	for _, root := range append([]string{filepath.Join(baseDir, "collections")}, paths...) {
		root, err := filepath.Abs(pyvalue.ExpandUser(root))
		if err != nil {
			continue
		}
		if filepath.Base(root) == "ansible_collections" {
			root = filepath.Dir(root)
		}
		d := filepath.Join(root, "ansible_collections", parts[0], parts[1], "plugins", kind)
		if isDir(d) && !contains(out, root) {
			out = append(out, root)
		}
	}
	return out
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
