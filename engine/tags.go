package engine

import (
	"slices"

	"github.com/edxplay/edxplay/internal/playbook"
)

// shouldRun applies --tags/--skip-tags and --start-at-task to a task.
func (pr *playRun) shouldRun(t *playbook.Task, f frame) bool {
	tags := append(append([]string{}, f.kw.Tags...), t.Tags...)
	only := pr.run.opts.Tags
	if len(only) == 0 {
		only = []string{"all"}
	}
	if !evaluateTags(tags, only, pr.run.opts.SkipTags) {
		return false
	}
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if !pr.run.started {
		if t.Name != pr.run.opts.StartAtTask && taskTitle(t, f) != pr.run.opts.StartAtTask {
			return t.IsBlock() || t.Action == "include_tasks" || t.Action == "include_role"
		}
		pr.run.started = true
	}
	return true
}

// evaluateTags is Ansible's Taggable.evaluate_tags.
func evaluateTags(tags, only, skip []string) bool {
	if len(tags) == 0 {
		tags = []string{"untagged"}
	}
	has := func(set []string, x string) bool { return slices.Contains(set, x) }
	overlaps := func(a, b []string) bool {
		for _, x := range a {
			if has(b, x) {
				return true
			}
		}
		return false
	}
	tagged := !(len(tags) == 1 && tags[0] == "untagged")
	run := true
	if len(only) > 0 {
		switch {
		case has(tags, "always"):
		case has(only, "all") && !has(tags, "never"):
		case overlaps(tags, only):
		case has(only, "tagged") && tagged && !has(tags, "never"):
		default:
			run = false
		}
	}
	if run && len(skip) > 0 {
		switch {
		case has(skip, "all"):
			run = has(tags, "always") && !has(skip, "always")
		case overlaps(tags, skip):
			run = false
		case has(skip, "tagged") && tagged:
			run = false
		}
	}
	return run
}
