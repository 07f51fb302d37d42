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
// task shows its name without a role prefix (ansible-core's
// IncludeRole.get_name).
func (t *Task) DisplayName() string {
	if t.Name == "" {
		return t.ActionName
	}
	if t.Action == "include_role" {
		return t.Name
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
func selectTasks(tasks []*Task, inherited, only, skip []string, tt *tagTemplating) ([]listedTask, error) {
	var out []listedTask
	for _, t := range tasks {
		tags, err := tt.render(InheritedTags(inherited, t))
		if err != nil {
			return nil, errorf(t.Pos, "tags: %v", err)
		}
		if t.IsBlock() {
			sub, err := selectTasks(t.Block, tags, only, skip, tt)
			if err != nil {
				return nil, err
			}
			out = append(out, sub...)
			continue
		}
		if ShouldRun(tags, only, skip) {
			out = append(out, listedTask{task: t, tags: tags})
		}
	}
	return out, nil
}

// ListTasks renders what `ansible-playbook --list-tasks` prints for the
// playbook with the given --tags and --skip-tags (tags as written).
func ListTasks(pb *Playbook, only, skip []string) string {
	out, _ := Lister{}.listPlaybook(pb, only, skip, true)
	return out
}

// ListTags renders what `ansible-playbook --list-tags` prints.
func ListTags(pb *Playbook, only, skip []string) string {
	out, _ := Lister{}.listPlaybook(pb, only, skip, false)
	return out
}

// Lister renders listings with templated tags, as ansible-playbook does:
// each play's tags and its tasks' tags are templated with the extra vars,
// the play's vars (vars_prompt defaults included) and its roles' defaults
// and vars.
type Lister struct {
	Templater Templater
	ExtraVars map[string]any
}

// ListTasks is ListTasks with templated tags.
func (l Lister) ListTasks(pb *Playbook, only, skip []string) (string, error) {
	return l.listPlaybook(pb, only, skip, true)
}

// ListTags is ListTags with templated tags.
func (l Lister) ListTags(pb *Playbook, only, skip []string) (string, error) {
	return l.listPlaybook(pb, only, skip, false)
}

func (l Lister) listPlaybook(pb *Playbook, only, skip []string, tasks bool) (string, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "\nplaybook: %s\n", pb.Path)
	for i, p := range pb.Plays {
		tt := l.templating(p)
		playTags, err := tt.render(sortedUnion(p.Tags))
		if err != nil {
			return "", errorf(p.Pos, "tags: %v", err)
		}
		fmt.Fprintf(&b, "\n  play #%d (%s): %s\tTAGS: [%s]\n", i+1, p.Hosts, p.DisplayName(), strings.Join(playTags, ","))
		selected, err := selectTasks(p.Compile(), playTags, only, skip, tt)
		if err != nil {
			return "", err
		}
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
	return b.String(), nil
}
