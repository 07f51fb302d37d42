package ansiblecfg

import (
	"fmt"
	"strings"
	"unicode"
)

// iniFile is an ansible.cfg parsed as Ansible parses it: Python's
// configparser.ConfigParser(inline_comment_prefixes=(';',)), read with
// raw=True (no %(name)s interpolation).
type iniFile struct {
	sections map[string]map[string]string
	defaults map[string]string
}

// get is ConfigParser.get(section, key, raw=True): the section's value,
// else [DEFAULT]'s; ok is false when the section or key is missing.
func (f *iniFile) get(section, key string) (string, bool) {
	sect, ok := f.sections[section]
	if !ok {
		return "", false
	}
	if v, ok := sect[key]; ok {
		return v, true
	}
	v, ok := f.defaults[key]
	return v, ok
}

// iniParser holds configparser's state while it reads lines.
type iniParser struct {
	name     string
	f        *iniFile
	cur      map[string][]string // the current section's values, by line
	section  string
	option   string
	indent   int
	seenSect map[string]bool
	seenOpt  map[[2]string]bool
	errs     []string
	// lines are each section's values, line by line, until joined.
	lines map[string]map[string][]string
}

// parseINI parses text (the file name is for errors) with configparser's
// rules: '#' and ';' start full-line comments, ';' after whitespace an
// inline one; "key = value" or "key: value"; keys are lower-cased;
// indented lines continue a value; duplicate sections or keys are errors.
func parseINI(name, text string) (*iniFile, error) {
	p := &iniParser{name: name, f: &iniFile{sections: map[string]map[string]string{}, defaults: map[string]string{}},
		seenSect: map[string]bool{}, seenOpt: map[[2]string]bool{}, lines: map[string]map[string][]string{}}
	for i, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if err := p.line(i+1, line); err != nil {
			return nil, err
		}
	}
	if len(p.errs) > 0 {
		return nil, fmt.Errorf("%s: source contains parsing errors:\n%s", name, strings.Join(p.errs, "\n"))
	}
	for sect, opts := range p.lines {
		dst := p.f.defaults
		if sect != "DEFAULT" {
			dst = p.f.sections[sect]
		}
		for k, lines := range opts {
			dst[k] = strings.TrimRight(strings.Join(lines, "\n"), "\n")
		}
	}
	return p.f, nil
}

// line handles one line (lineno counts from 1).
func (p *iniParser) line(lineno int, line string) error {
	start := commentStart(line)
	value := strings.TrimSpace(line[:start])
	if value == "" {
		if start == len(line) && p.cur != nil && p.option != "" {
			p.cur[p.option] = append(p.cur[p.option], "")
		}
		return nil
	}
	indent := len(line) - len(strings.TrimLeftFunc(line, unicode.IsSpace))
	if p.cur != nil && p.option != "" && indent > p.indent {
		p.cur[p.option] = append(p.cur[p.option], value)
		return nil
	}
	p.indent = indent
	if strings.HasPrefix(value, "[") && strings.LastIndex(value, "]") > 1 {
		return p.header(lineno, value[1:strings.LastIndex(value, "]")])
	}
	if p.cur == nil {
		return fmt.Errorf("%s:%d: file contains no section headers: %q", p.name, lineno, line)
	}
	eq := strings.IndexAny(value, "=:")
	if eq < 0 || strings.TrimSpace(value[:eq]) == "" {
		p.errs = append(p.errs, fmt.Sprintf("\t[line %2d]: %q", lineno, line))
		return nil
	}
	key := strings.ToLower(strings.TrimRightFunc(value[:eq], unicode.IsSpace))
	if p.seenOpt[[2]string{p.section, key}] {
		return fmt.Errorf("%s:%d: option %q in section %q already exists", p.name, lineno, key, p.section)
	}
	p.seenOpt[[2]string{p.section, key}] = true
	p.option = key
	p.cur[key] = []string{strings.TrimSpace(value[eq+1:])}
	return nil
}

// header starts section name.
func (p *iniParser) header(lineno int, name string) error {
	if p.seenSect[name] {
		return fmt.Errorf("%s:%d: section %q already exists", p.name, lineno, name)
	}
	p.seenSect[name] = true
	if name != "DEFAULT" {
		p.f.sections[name] = map[string]string{}
	}
	p.section, p.option = name, ""
	p.cur = map[string][]string{}
	p.lines[name] = p.cur
	return nil
}

// commentStart is where line's comment starts (len(line) if none): a
// full line starting with '#' or ';', or ';' at the start or after
// whitespace.
func commentStart(line string) int {
	trimmed := strings.TrimSpace(line)
	if strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, ";") {
		return 0
	}
	for i := 0; i < len(line); i++ {
		if line[i] == ';' && (i == 0 || unicode.IsSpace(rune(line[i-1]))) {
			return i
		}
	}
	return len(line)
}
