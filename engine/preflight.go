package engine

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/edxplay/edxplay/internal/jinja"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/internal/pyvalue"
)

// Preflight checks the Jinja2 syntax of every templated task argument,
// condition and template file a playbook references, so that a broken
// template stops the run before any host is touched.
func Preflight(pb *playbook.Playbook, j *jinja.Engine) error {
	for _, p := range pb.Plays {
		c := &syntaxChecker{j: j, dir: p.Dir, seen: map[string]bool{}}
		for _, list := range [][]*playbook.Task{p.Compile(), p.AllHandlers()} {
			if err := c.tasks(list, false); err != nil {
				return err
			}
		}
	}
	return nil
}

type syntaxChecker struct {
	j    *jinja.Engine
	dir  string
	seen map[string]bool
}

// tasks checks a task list. A task whose error is ignored or rescued
// (tolerant) is not checked: ansible-playbook fails it when it runs,
// and the play goes on.
func (c *syntaxChecker) tasks(list []*playbook.Task, tolerant bool) error {
	for _, t := range list {
		tolerant := tolerant || ignoresErrors(t)
		if !tolerant {
			if err := c.task(t); err != nil {
				return err
			}
		}
		for i, sub := range [][]*playbook.Task{t.Block, t.Rescue, t.Always} {
			if err := c.tasks(sub, tolerant || (i == 0 && len(t.Rescue) > 0)); err != nil {
				return err
			}
		}
	}
	return nil
}

// ignoresErrors reports whether a task sets ignore_errors to a true
// literal (a templated value is decided when the task runs).
func ignoresErrors(t *playbook.Task) bool {
	if s, ok := t.IgnoreErrors.(string); ok && jinja.IsTemplate(s) {
		return true
	}
	b, ok := pyvalue.Boolean(t.IgnoreErrors)
	return ok && b
}

// task checks one task's arguments, conditions and template file.
func (c *syntaxChecker) task(t *playbook.Task) error {
	if err := c.value(t, t.Args); err != nil {
		return err
	}
	if t.Loop != nil {
		if err := c.value(t, t.Loop.Items); err != nil {
			return err
		}
	}
	for _, expr := range expressions(t) {
		if !jinja.IsTemplate(expr) {
			// a bare expression; one holding {{ }} is templated first (with
			// Ansible's warning), so it is checked as the template it is
			expr = "{{ " + expr + " }}"
		}
		if err := c.j.CheckSyntax(expr, ""); err != nil {
			return fmt.Errorf("%s: %w", t.Pos, err)
		}
	}
	if t.Action != "template" {
		return nil
	}
	src, ok := t.Args["src"].(string)
	if !ok || jinja.IsTemplate(src) {
		return nil
	}
	return c.file(t, src)
}

// expressions are the task's bare Jinja2 expressions: its conditions,
// until and debug's var.
func expressions(t *playbook.Task) []string {
	out := append(append(append([]string{}, t.When...), t.ChangedWhen...), t.FailedWhen...)
	if t.Until != "" {
		out = append(out, t.Until)
	}
	if v, ok := t.Args["var"].(string); ok && t.Action == "debug" && !jinja.IsTemplate(v) {
		out = append(out, v)
	}
	return out
}

// value checks every templated string in an argument tree.
func (c *syntaxChecker) value(t *playbook.Task, v any) error {
	switch x := v.(type) {
	case string:
		if err := c.j.CheckSyntax(x, ""); err != nil {
			return fmt.Errorf("%s: %w", t.Pos, err)
		}
	case []any:
		for _, e := range x {
			if err := c.value(t, e); err != nil {
				return err
			}
		}
	case map[string]any:
		for _, e := range x {
			if err := c.value(t, e); err != nil {
				return err
			}
		}
	case *odict.Map:
		for _, e := range x.All() {
			if err := c.value(t, e); err != nil {
				return err
			}
		}
	}
	return nil
}

// file checks a template file found the way the template module finds it.
func (c *syntaxChecker) file(t *playbook.Task, src string) error {
	var dirs []string
	if t.Role != nil && t.Role.Role != nil && t.Role.Role.FS == nil {
		dirs = append(dirs, filepath.Join(t.Role.Role.Path, "templates"), t.Role.Role.Path)
	}
	dirs = append(dirs, filepath.Join(c.dir, "templates"), c.dir)
	for _, d := range dirs {
		path := src
		if !filepath.IsAbs(src) {
			path = filepath.Join(d, src)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		if c.seen[path] {
			return nil
		}
		c.seen[path] = true
		if err := c.j.CheckSyntax(string(data), path); err != nil {
			return fmt.Errorf("%s: template %s: %w", t.Pos, strings.TrimPrefix(path, c.dir+"/"), err)
		}
		return nil
	}
	return nil
}
