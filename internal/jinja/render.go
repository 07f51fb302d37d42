package jinja

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/nikolalohinski/gonja/v2/builtins"
	"github.com/nikolalohinski/gonja/v2/exec"
	"github.com/nikolalohinski/gonja/v2/loaders"
)

// renderCtx carries one template rendering: the variables bound so far and
// the scope they come from.
type renderCtx struct {
	engine *Engine
	scope  *Scope
	st     *state
	ctx    *exec.Context
	env    *exec.Environment
	name   string // template path, or "" for an inline string
	// calls is how deeply macro calls and includes nest (maxTemplateDepth).
	calls int
	// reads is what the rendering read: its result carries the marks
	// (Ansible's AnsibleContext.unsafe).
	reads reads
}

// newRenderCtx prepares the gonja environment for a rendering.
func (e *Engine) newRenderCtx(scope *Scope, st *state, name string) *renderCtx {
	rc := &renderCtx{engine: e, scope: scope, st: st, name: name}
	rc.ctx = exec.EmptyContext().Update(builtins.GlobalFunctions)
	for k, v := range rc.globals() {
		rc.ctx.Set(k, v)
	}
	rc.ctx.Set(loopBudgetVar, st.budget(e.doneChan()))
	rc.env = &exec.Environment{
		Context:           rc.ctx,
		Filters:           e.filters,
		Tests:             e.tests,
		ControlStructures: e.controls,
		Methods:           e.methods,
	}
	return rc
}

// bind makes the scope variables referenced by a template visible to it.
// Undefined variables stay unbound so gonja reports them; variables whose
// templating fails are bound to the error, which surfaces only when used.
func (rc *renderCtx) bind(names map[string]bool) {
	if rc.scope == nil {
		return
	}
	for name := range names {
		if rc.ctx.Has(name) && !rc.scope.Has(name) {
			continue
		}
		r, ok := rc.scope.resolveMarked(name, rc.st)
		switch {
		case r.err != nil:
			rc.ctx.Set(name, r.err)
		case ok:
			rc.reads.note(r)
			rc.ctx.Set(name, rc.expose(r.value))
		}
	}
}

// expose converts a resolved value for gonja, keeping lazy maps tied to the
// current resolution state.
func (rc *renderCtx) expose(v any) any {
	out := fromGo(v)
	if lm, ok := out.(*lazyMap); ok {
		return &lazyMap{scope: lm.scope, st: rc.st, reads: &rc.reads}
	}
	if d, ok := out.(pyDict); ok {
		for k, val := range d {
			if lm, ok := val.(*lazyMap); ok {
				d[k] = &lazyMap{scope: lm.scope, st: rc.st, reads: &rc.reads}
			}
		}
	}
	return out
}

// parse compiles source into a prepared gonja template.
func (rc *renderCtx) parse(source, name string) (*exec.Template, error) {
	id := name
	if id == "" {
		id = "string"
	}
	source = protectBackslashes(source)
	loader := &sourceLoader{rc: rc, id: id, source: source, dir: filepath.Dir(name)}
	cfg := newConfig()
	if rc.st != nil && rc.st.fileOpts != nil && name == rc.st.file {
		cfg.TrimBlocks, cfg.LeftStripBlocks = rc.st.fileOpts.TrimBlocks, rc.st.fileOpts.LstripBlocks
	}
	tpl, err := newTemplate(id, cfg, loader, rc.env, source)
	if err != nil {
		return nil, rc.wrapError(err, source)
	}
	info := prepareAST(tpl.Root())
	rc.bind(info.names)
	return tpl, nil
}

// execute renders a prepared template into a string.
func (rc *renderCtx) execute(tpl *exec.Template, source string) (string, error) {
	var buf bytes.Buffer
	if err := executeTemplate(tpl, &buf); err != nil {
		return "", rc.wrapError(err, source)
	}
	return buf.String(), nil
}

// render renders a whole template source (string or file) to text and
// returns what it read.
func (e *Engine) render(source, name string, scope *Scope, st *state) (string, *reads, error) {
	rc := e.newRenderCtx(scope, st, name)
	tpl, err := rc.parse(source, name)
	if err != nil {
		return "", nil, err
	}
	out, err := rc.execute(tpl, source)
	if err != nil {
		return "", nil, err
	}
	return preserveNewlines(source, out), &rc.reads, nil
}

// sourceLoader serves the template being rendered and resolves includes.
type sourceLoader struct {
	rc     *renderCtx
	id     string
	source string
	dir    string
	// extended are the templates that extend this one, through {% extends %}.
	extended []string
}

// Read implements loaders.Loader.
func (l *sourceLoader) Read(path string) (io.Reader, error) {
	if path == l.id {
		return strings.NewReader(rewriteConditionals(l.source)), nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return strings.NewReader(rewriteConditionals(string(data))), nil
}

// Resolve implements loaders.Loader.
func (l *sourceLoader) Resolve(path string) (string, error) {
	if path == l.id {
		return path, nil
	}
	return l.rc.find("template", path, l.dir)
}

// Inherit implements loaders.Loader.
func (l *sourceLoader) Inherit(from string) (loaders.Loader, error) {
	chain := append(append([]string{l.id}, l.extended...), from)
	if slices.Contains(chain[:len(chain)-1], from) || len(chain) > maxTemplateDepth {
		return nil, fmt.Errorf("%s:1: {%% extends %%} loop or nesting past %d levels (recursion limit): %s",
			from, maxTemplateDepth, strings.Join(chain, " extends "))
	}
	return &sourceLoader{rc: l.rc, id: l.id, source: l.source, dir: filepath.Dir(from), extended: chain[1:]}, nil
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
	if name != "" {
		source, _ = templateHeader(source, FileOptions{})
	} else {
		source = escapeBackslashes(source) // as templateString parses it
	}
	source = protectBackslashes(source)
	_, err := newTemplate(orString(name), newConfig(), &sourceLoader{rc: rc, id: orString(name), source: source, dir: filepath.Dir(name)}, rc.env, source)
	if err != nil {
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
