package inventory

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	iniSection   = regexp.MustCompile(`^\[([^:\]\s]+)(?::(` + wordChar + `+))?\]\s*(?:#.*)?$`)
	iniGroupName = regexp.MustCompile(`^([^:\]\s]+)\s*(?:#.*)?$`)
)

// pendingDecl records a group referenced before it was declared.
type pendingDecl struct {
	line    int
	state   string
	parents []string
}

// iniParser holds the state of one INI file parse, like ansible's ini
// inventory plugin.
type iniParser struct {
	inv     *Inventory
	path    string
	lineno  int
	pending map[string]*pendingDecl
	order   []string
}

// parseINI parses an INI inventory; errors carry "path:line: ".
func (inv *Inventory) parseINI(path string, data []byte) error {
	p := &iniParser{inv: inv, path: path, pending: map[string]*pendingDecl{}}
	group, state := "ungrouped", "hosts"
	for _, raw := range splitLines(string(data)) {
		p.lineno++
		line := strings.TrimSpace(raw)
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		if m := iniSection.FindStringSubmatch(line); m != nil {
			var err error
			if group, state, err = p.section(m[1], m[2]); err != nil {
				return err
			}
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			return p.errorf("Invalid section entry: '%s'. Please make sure that there are no spaces in the section entry, "+
				"and that there are no other invalid characters", line)
		}
		if err := p.definition(group, state, line); err != nil {
			return err
		}
	}
	return p.checkPending()
}

func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

func (p *iniParser) errorf(format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", p.path, p.lineno, fmt.Sprintf(format, args...))
}

// section handles a [name] / [name:children] / [name:vars] header.
func (p *iniParser) section(name, state string) (string, string, error) {
	name = p.inv.safeGroupName(name)
	if state == "" {
		state = "hosts"
	} else if state != "hosts" && state != "children" && state != "vars" {
		return "", "", p.errorf("Section [%s:%s] has unknown type: %s", name, state, state)
	}
	if _, ok := p.inv.groups[name]; !ok {
		if _, isPending := p.pending[name]; state == "vars" && !isPending {
			p.addPending(name, &pendingDecl{line: p.lineno, state: "vars"})
		}
		p.inv.addGroup(name)
	}
	if decl, ok := p.pending[name]; ok && state != "vars" {
		if decl.state == "children" {
			if err := p.addPendingChildren(name); err != nil {
				return "", "", p.errorf("%v", err)
			}
		} else {
			p.removePending(name)
		}
	}
	return name, state, nil
}

func (p *iniParser) addPending(name string, d *pendingDecl) {
	p.pending[name] = d
	p.order = append(p.order, name)
}

func (p *iniParser) removePending(name string) {
	delete(p.pending, name)
	for i, n := range p.order {
		if n == name {
			p.order = append(p.order[:i:i], p.order[i+1:]...)
			return
		}
	}
}

func (p *iniParser) addPendingChildren(group string) error {
	decl, ok := p.pending[group]
	if !ok {
		return nil
	}
	for _, parent := range decl.parents {
		if err := p.inv.addChildGroup(parent, group); err != nil {
			return err
		}
		if pd, ok := p.pending[parent]; ok && pd.state == "children" {
			if err := p.addPendingChildren(parent); err != nil {
				return err
			}
		}
	}
	p.removePending(group)
	return nil
}

// definition handles one non-header line in the given state.
func (p *iniParser) definition(group, state, line string) error {
	switch state {
	case "hosts":
		return p.hostDefinition(group, line)
	case "vars":
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return p.errorf("Expected key=value, got: %s", line)
		}
		if err := setGroupVar(p.inv.groups[group], strings.TrimSpace(k), parseINIValue(strings.TrimSpace(v))); err != nil {
			return p.errorf("%v", err)
		}
		return nil
	default: // children
		m := iniGroupName.FindStringSubmatch(line)
		if m == nil {
			return p.errorf("Expected group name, got: %s", line)
		}
		child := m[1]
		if _, ok := p.inv.groups[child]; ok {
			if err := p.inv.addChildGroup(group, child); err != nil {
				return p.errorf("%v", err)
			}
			return nil
		}
		if d, ok := p.pending[child]; ok {
			d.parents = append(d.parents, group)
		} else {
			p.addPending(child, &pendingDecl{line: p.lineno, state: "children", parents: []string{group}})
		}
		return nil
	}
}

func (p *iniParser) hostDefinition(group, line string) error {
	tokens, err := shlexSplit(line)
	if err != nil {
		return p.errorf("Error parsing host definition '%s': %v", line, err)
	}
	if len(tokens) == 0 {
		return nil
	}
	names, port, err := p.expandHost(tokens[0])
	if err != nil {
		return p.errorf("%v", err)
	}
	keys, vars := []string{}, map[string]any{}
	for _, t := range tokens[1:] {
		k, v, ok := strings.Cut(t, "=")
		if !ok {
			return p.errorf("Expected key=value host variable assignment, got: %s", t)
		}
		if _, seen := vars[k]; !seen {
			keys = append(keys, k)
		}
		vars[k] = parseINIValue(v)
	}
	for _, name := range names {
		h, err := p.inv.addHost(name, group, port, p.path)
		if err != nil {
			return p.errorf("%v", err)
		}
		for _, k := range keys {
			h.Vars[k] = vars[k]
		}
	}
	return nil
}

// expandHost applies the ini plugin's extra checks on a host pattern.
func (p *iniParser) expandHost(pattern string) ([]string, *int, error) {
	names, port, err := expandHostPattern(pattern)
	if err != nil {
		return nil, nil, err
	}
	if strings.HasSuffix(strings.TrimSpace(pattern), ":") && port == nil {
		return nil, nil, fmt.Errorf("Invalid host pattern '%s' supplied, ending in ':' is not allowed, "+
			"this character is reserved to provide a port.", pattern)
	}
	for _, n := range names {
		if strings.TrimSpace(n) == "---" {
			return nil, nil, fmt.Errorf("Invalid host pattern '%s' supplied, '---' is normally a sign this is a YAML file.", pattern)
		}
	}
	return names, port, nil
}

// checkPending reports the first group referenced but never declared.
func (p *iniParser) checkPending() error {
	if len(p.order) == 0 {
		return nil
	}
	name := p.order[0]
	d := p.pending[name]
	if d.state == "vars" {
		return fmt.Errorf("%s:%d: Section [%s:vars] not valid for undefined group: %s", p.path, d.line, name, name)
	}
	return fmt.Errorf("%s:%d: Section [%s:children] includes undefined group: %s",
		p.path, d.line, d.parents[len(d.parents)-1], name)
}

// setGroupVar mirrors Group.set_variable: ansible_group_priority sets the
// priority instead of a variable.
func setGroupVar(g *Group, key string, value any) error {
	if key != "ansible_group_priority" {
		g.Vars[key] = value
		return nil
	}
	prio, err := pyInt0(value)
	if err != nil {
		return err
	}
	g.Priority = prio
	return nil
}
