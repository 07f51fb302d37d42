package playbook

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// moduleIgnoreExts are ansible-core's MODULE_IGNORE_EXTS: files with these
// endings in a module directory are not modules.
var moduleIgnoreExts = []string{".pyc", ".pyo", ".swp", ".bak", "~", ".rpm", ".md", ".txt", ".rst", ".yaml", ".yml", ".ini"}

// addRoleLibrary adds a role's library/ directory to the module search
// path, as Ansible does when it loads the role.
func (l *loader) addRoleLibrary(r *Role) {
	if r == nil || r.FS != nil {
		return
	}
	dir := filepath.Join(r.Path, "library")
	for _, d := range l.libDirs {
		if d == dir {
			return
		}
	}
	l.libDirs = append(l.libDirs, dir)
}

// localModule returns the file of a playbook's own module named name,
// searched as Ansible's module loader does, or "" when there is none. An
// unqualified (or ansible.legacy.) name is looked for in library/ beside
// the playbook, in the library/ of each role loaded so far (in load
// order, so a play's first role wins), in the task's role and in the
// configured library directories; a name NS.COL.NAME in the collection's
// plugins/modules under collections/ beside the playbook and the
// configured collection paths. ansible.builtin. names are never the
// playbook's.
func (sc *scope) localModule(name string) string {
	if name == "" || strings.ContainsAny(name, "/\\") || strings.HasPrefix(name, "ansible.builtin.") {
		return ""
	}
	name = strings.TrimPrefix(name, "ansible.legacy.")
	key := fmt.Sprintf("%s\x00%s\x00%d", name, sc.playDir(), len(sc.l.libDirs))
	if sc.role != nil && sc.role.Role != nil {
		key += "\x00" + sc.role.Role.Path
	}
	if p, ok := sc.l.moduleFiles[key]; ok {
		return p
	}
	p := ""
	if strings.Contains(name, ".") {
		p = sc.collectionPlugin(name, "modules")
	} else {
		for _, dir := range sc.libraryDirs() {
			if p = moduleFile(dir, name); p != "" {
				break
			}
		}
	}
	if sc.l.moduleFiles == nil {
		sc.l.moduleFiles = map[string]string{}
	}
	sc.l.moduleFiles[key] = p
	return p
}

// libraryDirs is the search path of unqualified module names.
func (sc *scope) libraryDirs() []string {
	dirs := append([]string{filepath.Join(sc.playDir(), "library")}, sc.l.libDirs...)
	if sc.role != nil && sc.role.Role != nil && sc.role.Role.FS == nil {
		dirs = append(dirs, filepath.Join(sc.role.Role.Path, "library"))
	}
	return append(dirs, sc.l.opts.Library...)
}

// collectionPlugin returns the file of plugin NS.COL.NAME (NAME may be
// SUB.NAME) of the given kind (modules, action), or "".
func (sc *scope) collectionPlugin(fqcn, kind string) string {
	parts := strings.Split(fqcn, ".")
	if len(parts) < 3 || parts[0] == "" || parts[1] == "" {
		return ""
	}
	for _, root := range sc.collectionRoots() {
		dir := filepath.Join(append([]string{root, "ansible_collections", parts[0], parts[1], "plugins", kind}, parts[2:len(parts)-1]...)...)
		if p := moduleFile(dir, parts[len(parts)-1]); p != "" {
			return p
		}
	}
	return ""
}

// collectionRoots are the directories holding ansible_collections/.
func (sc *scope) collectionRoots() []string {
	roots := []string{filepath.Join(sc.playDir(), "collections")}
	for _, p := range sc.l.opts.CollectionsPaths {
		if filepath.Base(p) == "ansible_collections" {
			p = filepath.Dir(p)
		}
		roots = append(roots, p)
	}
	return roots
}

// moduleFile returns the module file NAME in dir: NAME itself, else
// NAME.py, else NAME.EXT for the first other extension (in name order)
// that is not ignored; "" when there is none.
func moduleFile(dir, name string) string {
	if name == "" || name == "__init__" {
		return ""
	}
	for _, f := range []string{name, name + ".py"} {
		p := filepath.Join(dir, f)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p
		}
	}
	matches, _ := filepath.Glob(filepath.Join(dir, globEscape(name)+".*"))
	sort.Strings(matches)
	for _, p := range matches {
		base := filepath.Base(p)
		if strings.TrimSuffix(base, filepath.Ext(base)) != name || ignoredModuleFile(base) {
			continue
		}
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

// ignoredModuleFile reports whether a file's ending is in MODULE_IGNORE_EXTS.
func ignoredModuleFile(base string) bool {
	for _, ext := range moduleIgnoreExts {
		if strings.HasSuffix(base, ext) {
			return true
		}
	}
	return false
}

// globEscape escapes filepath.Match's special characters.
func globEscape(s string) string {
	r := strings.NewReplacer(`*`, `\*`, `?`, `\?`, `[`, `\[`, `\`, `\\`)
	return r.Replace(s)
}

// pluginNote explains an action name that is not a module: when an action
// plugin of that name exists (action_plugins/ beside the playbook or in a
// role, a collection's plugins/action), it names the file, which edxplay
// does not run; else "".
func (sc *scope) pluginNote(name string) string {
	if strings.HasPrefix(name, "ansible.builtin.") || strings.ContainsAny(name, "/\\") || name == "" {
		return ""
	}
	name = strings.TrimPrefix(name, "ansible.legacy.")
	var file string
	if strings.Contains(name, ".") {
		file = sc.collectionPlugin(name, "action")
	} else {
		for _, lib := range sc.libraryDirs() {
			if filepath.Base(lib) != "library" {
				continue
			}
			if file = moduleFile(filepath.Join(filepath.Dir(lib), "action_plugins"), name); file != "" {
				break
			}
		}
	}
	if file == "" {
		return ""
	}
	return ": it is the action plugin " + file + ", Python code run by Ansible's controller, which edxplay does not run"
}
