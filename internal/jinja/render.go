package jinja

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/taint"
)

// renderCtx carries one template rendering: the scope its variables come
// from and what it read. It is the rendering's jinja2.Vars and Loader.
type renderCtx struct {
	engine *Engine
	scope  *Scope
	st     *state
	name   string // template path, or "" for an inline string
	dir    string // directory of the template file (includes)
	// reads is what the rendering read: its result carries the marks
	// (Ansible's AnsibleContext.unsafe).
	reads reads
	// expr is set when the source is a bare expression (Eval): errors
	// name the expression, not the template around it.
	expr bool
	// lookups are lookup(), query() and q() of this rendering.
	lookups map[string]jinja2.Value
	// fatal is a variable whose templating failed with an error that is
	// not an undefined variable: the rendering fails with it.
	fatal error
}

func (e *Engine) newRenderCtx(scope *Scope, st *state, name string) *renderCtx {
	rc := &renderCtx{engine: e, scope: scope, st: st, name: name}
	if name != "" {
		rc.dir = filepath.Dir(name)
	}
	return rc
}

// Lookup implements jinja2.Vars: a variable is templated when first read
// (Ansible's AnsibleJ2Vars). A variable whose templating meets an undefined
// value is itself undefined, with that hint.
func (rc *renderCtx) Lookup(name string) (jinja2.Value, bool) {
	if rc.scope == nil {
		if lookupNames[name] {
			return rc.lookupGlobal(name), true
		}
		return jinja2.None, false
	}
	if err := rc.interrupted(); err != nil {
		rc.fatal = err
		return jinja2.UndefinedHint(err.Error()), true
	}
	r, ok := rc.scope.resolveMarked(name, rc.st)
	if !ok {
		if lookupNames[name] {
			return rc.lookupGlobal(name), true
		}
		return jinja2.None, false
	}
	return rc.expose(rc.scope, name, r), true
}

// LookupGlobal implements jinja2.GlobalVars: lookup, query and q are
// Ansible's environment globals, visible to templates imported without
// context too.
func (rc *renderCtx) LookupGlobal(name string) (jinja2.Value, bool) {
	if lookupNames[name] {
		return rc.lookupGlobal(name), true
	}
	return jinja2.None, false
}

// expose converts a resolved variable for the template, noting the read.
func (rc *renderCtx) expose(s *Scope, name string, r resolution) jinja2.Value {
	if r.err != nil {
		if !IsUndefined(r.err) {
			rc.fatal = r.err
		}
		return jinja2.UndefinedHint(r.err.Error())
	}
	rc.reads.note(r)
	return s.converted(name, r, rc)
}

// environment returns the jinja2 environment of this rendering with cfg.
func (rc *renderCtx) environment(cfg jinja2.Config) *jinja2.Environment {
	return rc.environmentIn(cfg, rc.pluginRoleDir())
}

// environmentIn is environment with the role_path whose plugins resolve
// unknown filter and test names (pluginRoleDir).
func (rc *renderCtx) environmentIn(cfg jinja2.Config, roleDir string) *jinja2.Environment {
	env := rc.engine.env.Derive(cfg, rc)
	if p := rc.engine.opts.Plugins; p != nil {
		env.SetResolver(p.Resolver(roleDir))
	}
	return env
}

// pluginRoleDir is the role_path that selects the rendering's plugin
// resolver: roleDir with Options.Plugins, else "" (no resolver).
func (rc *renderCtx) pluginRoleDir() string {
	if rc.engine.opts.Plugins == nil {
		return ""
	}
	return rc.roleDir()
}

// roleDir is the role_path in the rendering's scope, "" when none.
func (rc *renderCtx) roleDir() string {
	if rc.scope == nil {
		return ""
	}
	raw, ok := rc.scope.Raw("role_path")
	if !ok {
		return ""
	}
	if s, ok := raw.(string); ok {
		return s
	}
	if v := toValue(raw); v.Kind() == jinja2.StrKind {
		return v.StrValue()
	}
	return ""
}

// Load implements jinja2.Loader for include, import and extends: names
// are resolved against the template's directory and the search paths.
func (rc *renderCtx) Load(name string) (string, error) {
	path, err := rc.find("template", name, rc.dir)
	if err != nil {
		return "", jinja2.NewError("TemplateNotFound", "%s", name)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read included template: %w", err)
	}
	return string(data), nil
}

// parse compiles source with cfg, through the engine's parse cache: a
// string already parsed with the same options, name and plugin role is
// bound to this rendering's environment instead of parsed again.
func (rc *renderCtx) parse(source string, cfg jinja2.Config) (*jinja2.Template, error) {
	roleDir := rc.pluginRoleDir()
	env := rc.environmentIn(cfg, roleDir)
	key := parseKey{cfg: cfg, name: orString(rc.name), roleDir: roleDir, source: source}
	if t, ok := rc.engine.parses.get(key); ok {
		if err := rc.interrupted(); err != nil {
			return nil, err
		}
		return t.Bind(env), nil // checkNesting passed when it was parsed
	}
	if err := checkNesting(source); err != nil {
		return nil, err
	}
	if err := rc.interrupted(); err != nil {
		return nil, err
	}
	t, err := env.Parse(key.name, source)
	if err != nil {
		return nil, rc.wrapError(err, source)
	}
	rc.engine.parses.put(key, t.Bind(nil))
	return t, nil
}

// finish turns a rendering's outcome into Go data or a located error.
func (rc *renderCtx) finish(v jinja2.Value, err error, source string) (any, error) {
	return rc.finishAs(v, err, source, false)
}

// finishAs is finish; with keep, the strings inside lists and dicts keep
// their types (fromValueAs).
func (rc *renderCtx) finishAs(v jinja2.Value, err error, source string, keep bool) (any, error) {
	if rc.fatal != nil {
		return nil, rc.wrapError(rc.fatal, source)
	}
	if err != nil {
		return nil, rc.wrapError(err, source)
	}
	if v.IsUnsafe() {
		rc.reads.flags |= taint.Unsafe
	}
	return fromValueAs(v, keep), nil
}

// FileOptions are the template module's Jinja2 settings.
type FileOptions struct {
	TrimBlocks   bool
	LstripBlocks bool
	// NewlineSequence is Jinja2's newline_sequence ("" is "\n").
	NewlineSequence string
	// Overrides are the delimiter options by Ansible's names
	// (variable_start_string, block_end_string, comment_start_string, ...);
	// empty values keep Jinja2's defaults.
	Overrides map[string]string
}

// RenderFile renders a template file like Ansible's template module
// (trim_blocks, no lstrip_blocks, trailing newlines preserved) with the
// template_* and ansible_managed variables. extra holds additional raw
// variables visible to this template only. Errors read
// "path:line:col: message".
func (e *Engine) RenderFile(path string, scope *Scope, extra map[string]any) (string, error) {
	return e.RenderFileWith(path, scope, extra, FileOptions{TrimBlocks: true})
}

// RenderFileWith is RenderFile with explicit settings.
func (e *Engine) RenderFileWith(path string, scope *Scope, extra map[string]any, opts FileOptions) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read template: %w", err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	vars := templateVars(abs, e.opts.AnsibleManaged)
	for k, v := range extra {
		vars[k] = v
	}
	out, read, err := e.renderFile(string(data), abs, scope.With(vars), newState(), fileConfig(opts))
	if err != nil {
		return "", withExceptionClass(err)
	}
	e.recordSecret(read, out, string(data))
	return out, nil
}

// renderFile renders a template file's source as the template module
// does, returning what it read.
func (e *Engine) renderFile(source, path string, scope *Scope, st *state, cfg jinja2.Config) (string, *reads, error) {
	rc := e.newRenderCtx(scope, st, path)
	if err := checkNesting(source); err != nil {
		return "", nil, err
	}
	v, err := rc.environment(cfg).RenderFile(path, source, rc)
	out, err := rc.finish(v, err, source)
	if err != nil {
		return "", nil, err
	}
	s, _ := out.(string)
	return s, &rc.reads, nil
}

// concatMode selects how a rendering's output becomes a value.
type concatMode int

const (
	concatString concatMode = iota // ansible_concat: text
	concatEval                     // ansible_eval_concat: text or literal data
	concatNative                   // ansible_native_concat
)

// renderSource renders a template file's source with cfg and mode (the
// template lookup), trailing newlines preserved, returning what it read.
func (e *Engine) renderSource(source, path string, scope *Scope, st *state, cfg jinja2.Config, mode concatMode) (any, *reads, error) {
	rc := e.newRenderCtx(scope, st, path)
	t, err := rc.parse(source, cfg)
	if err != nil {
		return nil, nil, err
	}
	var v jinja2.Value
	switch mode {
	case concatEval:
		v, err = t.Eval(rc)
	case concatNative:
		v, err = t.Native(rc)
	default:
		v, err = t.Render(rc)
	}
	out, err := rc.finish(v, err, source)
	if err != nil {
		return nil, nil, err
	}
	if s, ok := out.(string); ok {
		out = preserveNewlines(source, s)
	}
	return out, &rc.reads, nil
}

// fileConfig is the Jinja2 configuration of a template module call.
func fileConfig(opts FileOptions) jinja2.Config {
	cfg := ansibleConfig()
	cfg.TrimBlocks, cfg.LstripBlocks = opts.TrimBlocks, opts.LstripBlocks
	if opts.NewlineSequence != "" {
		cfg.NewlineSequence = opts.NewlineSequence
	}
	for key, p := range map[string]*string{"block_start_string": &cfg.BlockStart, "block_end_string": &cfg.BlockEnd,
		"variable_start_string": &cfg.VariableStart, "variable_end_string": &cfg.VariableEnd,
		"comment_start_string": &cfg.CommentStart, "comment_end_string": &cfg.CommentEnd} {
		if v := opts.Overrides[key]; v != "" {
			*p = v
		}
	}
	return cfg
}

// find resolves a file name: absolute paths as is, then relative to dir (the
// including template's directory), then through Options.Find.
func (e *Engine) find(kind, name, dir string) (string, error) {
	if filepath.IsAbs(name) {
		if _, err := os.Stat(name); err != nil {
			return "", fmt.Errorf("could not find or access '%s'", name)
		}
		return name, nil
	}
	if dir != "" && dir != "." {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	if e.opts.Find != nil {
		return e.opts.Find(kind, name)
	}
	if _, err := os.Stat(name); err != nil {
		return "", fmt.Errorf("could not find or access '%s'", name)
	}
	return name, nil
}

// find resolves a file for an include or lookup: the scope's finder first
// (after the including template's directory), then the engine's.
func (rc *renderCtx) find(kind, name, dir string) (string, error) {
	if rc.scope != nil && rc.scope.find != nil && !filepath.IsAbs(name) {
		if dir != "" && dir != "." {
			if p := filepath.Join(dir, name); fileExists(p) {
				return p, nil
			}
		}
		if p, err := rc.scope.find(kind, name); err == nil {
			return p, nil
		}
	}
	return rc.engine.find(kind, name, dir)
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// CheckSyntax parses source (a template file's content or a templated
// string) without rendering it, returning a located syntax error. name is
// the template path, or "" for an inline string.
func (e *Engine) CheckSyntax(source, name string) error {
	if name == "" && !IsTemplate(source) {
		return nil
	}
	rc := e.newRenderCtx(e.NewScope(map[string]any{}), newState(), name)
	if name == "" {
		source = escapeBackslashes(source) // as templateString parses it
	} else if len(source) > 8 && source[:8] == "#jinja2:" {
		// the override line is the template module's, not Jinja2 syntax
		if i := strings.IndexByte(source, '\n'); i >= 0 {
			source = "\n" + source[i+1:]
		}
	}
	if err := checkNesting(source); err != nil {
		return err
	}
	if err := rc.environment(ansibleConfig()).CheckSyntax(orString(name), source); err != nil {
		return rc.wrapError(err, source)
	}
	return nil
}

func orString(name string) string {
	if name == "" {
		return "string"
	}
	return name
}
