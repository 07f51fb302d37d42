package hostile

import (
	"fmt"
	"strings"
)

// markerTask touches out/marker: the first task of every playbook, so a
// marker on disk means that some task ran.
const markerTask = `    - name: marker
      file:
        path: "{{ out }}/marker"
        state: touch
`

// markerPlay is a one-play playbook: the marker, then tasks (indented
// four spaces), with vars (indented four spaces) when given.
func markerPlay(tasks string) string {
	return "- hosts: all\n  gather_facts: false\n  tasks:\n" + markerTask + tasks
}

// markerPlayVars is markerPlay with a play-level vars: section.
func markerPlayVars(vars, tasks string) string {
	return "- hosts: all\n  gather_facts: false\n  vars:\n" + vars + "  tasks:\n" + markerTask + tasks
}

// playbookCase is a case whose hostile input is the playbook's tasks.
func playbookCase(name, tasks string) hostileCase {
	return hostileCase{name: name, files: map[string]string{"site.yml": markerPlay(tasks)}}
}

// aliasBomb is a YAML "billion laughs" mapping under indent: level 0 is
// a string and each of the next levels a list of width aliases of the
// previous one, so the last expands to width^(levels-1) strings.
func aliasBomb(indent string, levels, width int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%slol0: &lol0 \"lol\"\n", indent)
	for i := 1; i < levels; i++ {
		refs := strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*lol%d, ", i-1), width), ", ")
		fmt.Fprintf(&b, "%slol%d: &lol%d [%s]\n", indent, i, i, refs)
	}
	return b.String()
}

// nestedFlowList is depth nested YAML/Jinja2 list brackets around 1.
func nestedFlowList(depth int) string {
	return strings.Repeat("[", depth) + "1" + strings.Repeat("]", depth)
}

// nestedFlowDict is depth nested YAML flow mappings {a: ...}.
func nestedFlowDict(depth int) string {
	return strings.Repeat("{a: ", depth) + "1" + strings.Repeat("}", depth)
}

// nestedJinjaDict is depth nested Jinja2 dict literals {'a': ...}.
func nestedJinjaDict(depth int) string {
	return strings.Repeat("{'a': ", depth) + "1" + strings.Repeat("}", depth)
}

// nestedBlockList is depth nested YAML block sequences ("- - - 1").
func nestedBlockList(depth int) string {
	var b strings.Builder
	for i := 0; i < depth; i++ {
		b.WriteString(strings.Repeat("  ", i) + "-\n")
	}
	b.WriteString(strings.Repeat("  ", depth) + "1\n")
	return b.String()
}

// nestedBlocks is depth nested task blocks around one debug task,
// indented as a task list item at four spaces.
func nestedBlocks(depth int) string {
	var b strings.Builder
	ind := "    "
	for i := 0; i < depth; i++ {
		b.WriteString(ind + "- block:\n")
		ind += "    "
	}
	b.WriteString(ind + "- debug:\n" + ind + "    msg: deep\n")
	return b.String()
}

// nestedIfs is depth nested {% if %} blocks in a template.
func nestedIfs(depth int) string {
	return strings.Repeat("{% if true %}", depth) + "x" + strings.Repeat("{% endif %}", depth) + "\n"
}

// debugMsg is a task printing msg (a YAML double-quoted scalar body).
func debugMsg(msg string) string {
	return "    - debug:\n        msg: \"" + msg + "\"\n"
}
