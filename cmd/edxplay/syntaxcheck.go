package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/modules"
)

// shownPlaybook is the loaded playbook named as the command line named it,
// for listings that print it as ansible-playbook does.
func (s *session) shownPlaybook() *playbook.Playbook {
	pb := *s.pb
	pb.Path = s.pbShown
	return &pb
}

// warnNotImplemented prints, once per module, a warning naming the first
// task of each module edxplay loads but cannot run (modules it does not
// implement yet) or runs only where the target has their interpreter (a
// playbook's own modules: library/, collections).
func warnNotImplemented(w io.Writer, pb *playbook.Playbook) {
	seen := map[string]bool{}
	for _, p := range pb.Plays {
		tasks := append(p.Compile(), p.Handlers...)
		for _, ref := range append(append([]*playbook.RoleRef{}, p.Roles...), p.ImportedRoles...) {
			tasks = append(tasks, ref.Role.Handlers...)
		}
		walkTasks(tasks, func(t *playbook.Task) {
			if seen[t.Action] {
				return
			}
			if msg, ok := notRunnable(t); ok {
				seen[t.Action] = true
				fmt.Fprintf(w, "[WARNING]: %s: %s\n", t.Pos, msg)
			}
		})
	}
}

// notRunnable says why edxplay cannot run a task's module.
func notRunnable(t *playbook.Task) (string, bool) {
	if t.LocalModule != "" {
		return fmt.Sprintf("%s is the playbook's own module %s, which runs on the target under its interpreter (Python for most modules), unlike edxplay's built-in modules", t.Action, t.LocalModule), true
	}
	return modules.NotImplementedReason(t.Action)
}

// walkTasks calls fn for every task under tasks, blocks' sections included.
func walkTasks(tasks []*playbook.Task, fn func(*playbook.Task)) {
	for _, t := range tasks {
		if t.IsBlock() {
			walkTasks(t.Block, fn)
			walkTasks(t.Rescue, fn)
			walkTasks(t.Always, fn)
			continue
		}
		fn(t)
	}
}

// printListing prints --list-tasks (tasks) or --list-tags with templated tags.
func (s *session) printListing(w io.Writer, tasks bool, only, skip []string) error {
	l := playbook.Lister{Templater: s.loader.opts.Templater, ExtraVars: s.loader.opts.ExtraVars}
	list := l.ListTags
	if tasks {
		list = l.ListTasks
	}
	out, err := list(s.shownPlaybook(), only, skip)
	if err != nil {
		return withCode(exitParse, err)
	}
	fmt.Fprint(w, out)
	return nil
}

// pluginDirs are the directories of a playbook's or role's own Python
// plugins, which edxplay does not run.
var pluginDirs = []string{"lookup_plugins", "action_plugins"}

// warnPlugins prints a warning naming each Python plugin file beside the
// playbook, its plays or its roles: templates using what they define fail
// when they are rendered.
func warnPlugins(w io.Writer, pb *playbook.Playbook) {
	dirs := []string{pb.Dir}
	seenRole := map[*playbook.Role]bool{}
	var addRole func(ref *playbook.RoleRef)
	addRole = func(ref *playbook.RoleRef) {
		if ref.Role == nil || ref.Role.FS != nil || seenRole[ref.Role] {
			return
		}
		seenRole[ref.Role] = true
		dirs = append(dirs, ref.Role.Path)
		for _, dep := range ref.Role.Deps {
			addRole(dep)
		}
	}
	for _, p := range pb.Plays {
		dirs = append(dirs, p.Dir)
		for _, ref := range append(append([]*playbook.RoleRef{}, p.Roles...), p.ImportedRoles...) {
			addRole(ref)
		}
	}
	seen := map[string]bool{}
	for _, dir := range dirs {
		for _, sub := range pluginDirs {
			files, _ := filepath.Glob(filepath.Join(dir, sub, "*.py"))
			for _, f := range files {
				if seen[f] {
					continue
				}
				seen[f] = true
				fmt.Fprintf(w, "[WARNING]: %s is a Python plugin of the playbook, which edxplay does not load: templates using what it defines fail\n", relTo(pb.Dir, f))
			}
		}
	}
}

// relTo shows path relative to dir when it is under it.
func relTo(dir, path string) string {
	if rel, err := filepath.Rel(dir, path); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return path
}
