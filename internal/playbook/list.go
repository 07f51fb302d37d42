package playbook

import (
	"fmt"
	"strings"
)

// DisplayName is the play's name, or its host pattern when unnamed.
func (p *Play) DisplayName() string {
	if p.Name != "" {
		return p.Name
	}
	return p.Hosts
}

// DisplayName is the name shown for a task: "role : name" for named role
// tasks, the name, or the action as written when unnamed. An include_role
// task shows its own name without a role prefix, or "include_role : NAME"
// (ansible-core's IncludeRole.get_name).
func (t *Task) DisplayName() string {
	if t.Action == "include_role" {
		if t.Name != "" {
			return t.Name
		}
		return fmt.Sprintf("%s : %v", t.ActionName, t.Args["name"])
	}
	if t.Name == "" {
		return t.ActionName
	}
	if t.Role != nil && t.Role.Role != nil {
		return t.Role.Role.Name + " : " + t.Name
	}
	return t.Name
}

// Compile returns the play's task blocks in run order: pre_tasks, one block
// per role (dependencies first), tasks and post_tasks. Handlers are not
// included.
func (p *Play) Compile() []*Task {
	out := append([]*Task{}, p.PreTasks...)
	for _, ref := range p.Roles {
		out = append(out, RoleBlocks(ref)...)
	}
	out = append(out, p.Tasks...)
	return append(out, p.PostTasks...)
}

// listedTask is a task selected by the tag filter, with its effective tags.
type listedTask struct {
	task *Task
	tags []string
}

// selectTasks walks tasks as `ansible-playbook --list-tasks` does: blocks'
// block sections recursively (rescue/always are not listed), keeping tasks
// whose effective tags pass the filter.
func selectTasks(tasks []*Task, inherited, only, skip []string) []listedTask {
	var out []listedTask
	for _, t := range tasks {
		tags := InheritedTags(inherited, t)
		if t.IsBlock() {
			out = append(out, selectTasks(t.Block, tags, only, skip)...)
			continue
		}
		if ShouldRun(tags, only, skip) {
			out = append(out, listedTask{task: t, tags: tags})
		}
	}
	return out
}

// ListTasks renders what `ansible-playbook --list-tasks` prints for the
// playbook with the given --tags and --skip-tags.
func ListTasks(pb *Playbook, only, skip []string) string {
	return listPlaybook(pb, only, skip, true)
}

// ListTags renders what `ansible-playbook --list-tags` prints.
func ListTags(pb *Playbook, only, skip []string) string {
	return listPlaybook(pb, only, skip, false)
}

func listPlaybook(pb *Playbook, only, skip []string, tasks bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nplaybook: %s\n", pb.Path)
	for i, p := range pb.Plays {
		playTags := sortedUnion(p.Tags)
		fmt.Fprintf(&b, "\n  play #%d (%s): %s\tTAGS: [%s]\n", i+1, p.Hosts, p.DisplayName(), strings.Join(playTags, ","))
		selected := selectTasks(p.Compile(), playTags, only, skip)
		if tasks {
			b.WriteString("    tasks:\n")
			for _, lt := range selected {
				fmt.Fprintf(&b, "      %s\tTAGS: [%s]\n", lt.task.DisplayName(), strings.Join(lt.tags, ", "))
			}
			continue
		}
		all := [][]string{playTags}
		for _, lt := range selected {
			all = append(all, lt.tags)
		}
		fmt.Fprintf(&b, "      TASK TAGS: [%s]\n", strings.Join(sortedUnion(all...), ", "))
	}
	return b.String()
}
