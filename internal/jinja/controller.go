package jinja

import (
	"context"
	"fmt"
	"os"

	"github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/lookups"
	"github.com/edxplay/edxplay/internal/taint"
	"github.com/edxplay/edxplay/internal/vault"
)

// controller is the lookups.Controller of one rendering: the lookup
// plugins of internal/lookups template, read variables and render
// template files through it.
type controller struct{ rc *renderCtx }

var _ lookups.Controller = controller{}

// Template templates v in the rendering's scope.
func (c controller) Template(_ context.Context, v jinja2.Value, failOnUndefined bool) (jinja2.Value, error) {
	out, flags, err := c.rc.engine.template(fromValue(v), c.rc.scope, c.rc.st)
	if err != nil {
		if !failOnUndefined && IsUndefined(err) {
			return v, nil
		}
		return jinja2.None, err
	}
	c.rc.reads.flags |= flags & taint.Inherited
	return jinja2.WithMarksOf(withFlags(toValue(out), flags), v), nil
}

// Var returns the raw value of a variable, with its marks.
func (c controller) Var(_ context.Context, name string) (jinja2.Value, bool, error) {
	if c.rc.scope == nil {
		return jinja2.None, false, nil
	}
	raw, ok := c.rc.scope.Raw(name)
	if !ok && name == "ansible_search_path" && c.rc.scope.searchPath != nil {
		raw, ok = stringList(c.rc.scope.searchPath()), true
	}
	if !ok {
		return jinja2.None, false, nil
	}
	if u, isUnavailable := raw.(Unavailable); isUnavailable {
		return jinja2.None, false, u.Err
	}
	return (&converter{rc: c.rc}).toValue(raw), true, nil
}

// VarNames lists the variables in scope.
func (c controller) VarNames(context.Context) []string {
	if c.rc.scope == nil {
		return nil
	}
	return c.rc.scope.Keys()
}

// BaseDir is the playbook directory.
func (c controller) BaseDir() string {
	if c.rc.engine.opts.BaseDir != "" {
		return c.rc.engine.opts.BaseDir
	}
	wd, _ := os.Getwd()
	return wd
}

// Getenv reads the controller's environment.
func (c controller) Getenv(name string) (string, bool) { return c.rc.engine.opts.LookupEnv(name) }

// RenderTemplate renders a template file for the template lookup.
func (c controller) RenderTemplate(_ context.Context, req lookups.TemplateRequest) (jinja2.Value, error) {
	vars := templateVars(req.Path, c.rc.engine.opts.AnsibleManaged)
	if req.TemplateVars != nil {
		fromDict(req.TemplateVars).Range(func(k string, v any) bool {
			vars[k] = v
			return true
		})
	}
	opts := FileOptions{TrimBlocks: true, Overrides: map[string]string{
		"variable_start_string": req.VariableStart, "variable_end_string": req.VariableEnd,
		"comment_start_string": req.CommentStart, "comment_end_string": req.CommentEnd}}
	// jinja2_native works only with the global setting; a lookup that
	// turns it off under the global setting keeps its text as it is.
	global := c.rc.engine.opts.Native
	native := req.Native && global
	mode := concatString
	switch {
	case native:
		mode = concatNative
	case req.ConvertData && !global:
		mode = concatEval
	}
	out, read, err := c.rc.engine.renderSource(req.Source, req.Path, c.rc.scope.With(vars), c.rc.st, fileConfig(opts), mode)
	if err != nil {
		return jinja2.None, err
	}
	c.rc.reads.merge(read)
	res := toValue(out).WithMark(marksOf(read.resultFlags(out)))
	if global && !native && res.Kind() == jinja2.StrKind {
		res = jinja2.AsNativeText(res) // text that native templating must not read as a literal
	}
	return res, nil
}

// Decrypt returns the plaintext of a vault-encrypted file (decrypted with
// the run's secrets, Options.Decrypt) and true; other data as it is.
func (c controller) Decrypt(_ context.Context, data []byte, path string) ([]byte, bool, error) {
	if !vault.IsEncrypted(data) {
		return data, false, nil
	}
	decrypt := c.rc.engine.opts.Decrypt
	if decrypt == nil {
		return nil, false, fmt.Errorf("%s is vault-encrypted and no vault secrets are available to this rendering", path)
	}
	plain, err := decrypt(data)
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", path, err)
	}
	return plain, true, nil
}

// Config reports no settings: ansible.cfg is not visible to templates.
func (c controller) Config(context.Context, string, string, string) (jinja2.Value, bool, error) {
	return jinja2.None, false, nil
}

// Warn shows a warning on stderr.
func (c controller) Warn(msg string) { fmt.Fprintln(os.Stderr, "[WARNING]: "+msg) }

func stringList(s []string) []any {
	out := make([]any, len(s))
	for i, e := range s {
		out[i] = e
	}
	return out
}
