package jinja2

import (
	"fmt"
	"strings"
)

// overridePrefix starts a first line of environment overrides in a
// template file (Ansible's JINJA2_OVERRIDE).
const overridePrefix = "#jinja2:"

// RenderFile renders a template file as Ansible's template module does
// (Templar.do_template with convert_data off): a first `#jinja2:` line
// overrides environment options for this template, and the trailing
// newlines of the source are kept.
func (e *Environment) RenderFile(name, src string, vars Vars) (Value, error) {
	env := e
	if strings.HasPrefix(src, overridePrefix) {
		eol := strings.IndexByte(src, '\n')
		if eol < 0 {
			eol = len(src)
		}
		cfg, err := applyOverrides(e.cfg, src[len(overridePrefix):eol])
		if err != nil {
			return None, err
		}
		env = e.derive(cfg)
		src = src[min(eol+1, len(src)):]
	}
	t, err := env.Parse(name, src)
	if err != nil {
		return None, err
	}
	out, err := t.Render(vars)
	if err != nil {
		return None, err
	}
	if missing := trailingNewlines(src) - trailingNewlines(out.s); missing > 0 {
		out = withMarks(Str(out.s+strings.Repeat(env.cfg.NewlineSequence, missing)), out)
	}
	return out, nil
}

// Derive returns an environment with other options and another loader, and
// the same filters, tests and globals (which must not change afterwards).
func (e *Environment) Derive(cfg Config, loader Loader) *Environment {
	d := e.derive(cfg)
	d.loader = loader
	return d
}

// Config returns the environment's options.
func (e *Environment) Config() Config { return e.cfg }

// derive returns an environment with other options and the same
// filters, tests, globals and loader.
func (e *Environment) derive(cfg Config) *Environment {
	return &Environment{cfg: cfg, loader: e.loader, filters: e.filters, tests: e.tests,
		globals: e.globals, resolver: e.resolver}
}

// trailingNewlines is Ansible's _count_newlines_from_end.
func trailingNewlines(s string) int {
	n := 0
	for n < len(s) && s[len(s)-1-n] == '\n' {
		n++
	}
	return n
}

// applyOverrides parses `key: value, key: value` (values are Python
// literals) onto cfg.
func applyOverrides(cfg Config, line string) (Config, error) {
	for _, pair := range strings.Split(line, ",") {
		key, val, ok := strings.Cut(pair, ":")
		if !ok {
			return cfg, fmt.Errorf("failed to parse jinja2 override '%s'. Did you use something different from colon as key-value separator?", strings.TrimSpace(pair))
		}
		v, err := literalEval(strings.TrimSpace(val), false)
		if err != nil {
			return cfg, fmt.Errorf("jinja2 override %s: malformed value %s", strings.TrimSpace(key), strings.TrimSpace(val))
		}
		setOption(&cfg, strings.TrimSpace(key), v)
	}
	return cfg, nil
}

func setOption(cfg *Config, key string, v Value) {
	flags := map[string]*bool{"trim_blocks": &cfg.TrimBlocks, "lstrip_blocks": &cfg.LstripBlocks,
		"keep_trailing_newline": &cfg.KeepTrailingNewline}
	strs := map[string]*string{"block_start_string": &cfg.BlockStart, "block_end_string": &cfg.BlockEnd,
		"variable_start_string": &cfg.VariableStart, "variable_end_string": &cfg.VariableEnd,
		"comment_start_string": &cfg.CommentStart, "comment_end_string": &cfg.CommentEnd,
		"newline_sequence": &cfg.NewlineSequence, "line_statement_prefix": &cfg.LineStatementPrefix}
	if p, ok := flags[key]; ok {
		t, _ := Truth(v)
		*p = t
	}
	if p, ok := strs[key]; ok && v.kind == StrKind {
		*p = v.s
	}
}
