// Package jinja renders Jinja2 templates the way ansible-core 2.14 does, on
// top of the gonja engine: Ansible's filters, tests and lookups, lazy
// variable scopes, native-type results and Ansible-style errors.
package jinja

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/nikolalohinski/gonja/v2/builtins"
	"github.com/nikolalohinski/gonja/v2/config"
	"github.com/nikolalohinski/gonja/v2/exec"

	"github.com/edxplay/edxplay/internal/taint"
)

// FindFunc locates a file for a lookup or include. kind is "template" (for
// {% include %} and lookup('template')) or "file" (lookup('file'),
// first_found); name is the name as written in the template. It returns the
// path of an existing file or an error.
type FindFunc func(kind, name string) (string, error)

// Options configures an Engine.
type Options struct {
	// Find resolves relative file names for includes and lookups. When nil,
	// names are resolved against the current directory.
	Find FindFunc
	// AnsibleManaged is the value of the ansible_managed variable in
	// RenderFile (Ansible's default is "Ansible managed").
	AnsibleManaged string
	// LookupEnv reads environment variables for lookup('env'); defaults to
	// os.LookupEnv.
	LookupEnv func(string) (string, bool)
	// BaseDir is the working directory of the pipe and lines lookups
	// (Ansible uses the playbook directory); empty means the current one.
	BaseDir string
	// Secrets are the known secret strings (vault values): a rendering that
	// reads one, or a value marked taint.Secret, has its result recorded
	// there as a secret too. nil records nothing.
	Secrets taint.Secrets
}

// Engine renders templates and expressions with Ansible semantics. It is
// safe for concurrent use.
type Engine struct {
	mu       sync.Mutex
	done     <-chan struct{}
	opts     Options
	filters  *exec.FilterSet
	tests    *exec.TestSet
	controls *exec.ControlStructureSet
	methods  exec.Methods
}

// New creates an engine.
func New(opts Options) *Engine {
	if opts.AnsibleManaged == "" {
		opts.AnsibleManaged = "Ansible managed"
	}
	if opts.LookupEnv == nil {
		opts.LookupEnv = os.LookupEnv
	}
	e := &Engine{opts: opts}
	e.filters = exec.NewFilterSet(map[string]exec.FilterFunction{}).Update(builtins.Filters)
	for name, fn := range e.filterTable() {
		registerFilter(e.filters, name, fn)
	}
	e.tests = exec.NewTestSet(map[string]exec.TestFunction{}).Update(builtins.Tests)
	for name, fn := range testTable() {
		registerTest(e.tests, name, fn)
	}
	e.controls = exec.NewControlStructureSet(map[string]parserFunc{}).Update(builtins.ControlStructures)
	registerControl(e.controls, "include", e.includeParser)
	registerControl(e.controls, "do", doParser)
	registerControl(e.controls, "macro", macroParser)
	e.methods = newMethods()
	return e
}

func registerFilter(set *exec.FilterSet, name string, fn exec.FilterFunction) {
	if set.Exists(name) {
		_ = set.Replace(name, fn)
		return
	}
	_ = set.Register(name, fn)
}

func registerTest(set *exec.TestSet, name string, fn exec.TestFunction) {
	if set.Exists(name) {
		_ = set.Replace(name, fn)
		return
	}
	_ = set.Register(name, fn)
}

func registerControl(set *exec.ControlStructureSet, name string, fn parserFunc) {
	if set.Exists(name) {
		_ = set.Replace(name, fn)
		return
	}
	_ = set.Register(name, fn)
}

// newConfig returns the gonja settings Ansible uses.
func newConfig() *config.Config {
	cfg := config.New()
	cfg.StrictUndefined = true
	cfg.TrimBlocks = true
	cfg.LeftStripBlocks = false
	cfg.KeepTrailingNewline = false
	return cfg
}

// RenderFile renders a template file like Ansible's template module
// (trim_blocks, no lstrip_blocks, trailing newlines preserved) with the
// template_* and ansible_managed variables. extra holds additional raw
// variables visible to this template only. Errors read "path:line: message".
func (e *Engine) RenderFile(path string, scope *Scope, extra map[string]any) (string, error) {
	return e.RenderFileWith(path, scope, extra, FileOptions{TrimBlocks: true})
}

// FileOptions are the template module's Jinja2 whitespace settings.
type FileOptions struct {
	TrimBlocks   bool
	LstripBlocks bool
}

// RenderFileWith is RenderFile with explicit whitespace settings.
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
	child := scope.With(vars)
	src := string(data)
	src, opts = templateHeader(src, opts)
	st := newState()
	st.file, st.fileOpts = abs, &opts
	out, read, err := e.render(src, abs, child, st)
	if err != nil {
		return "", err
	}
	e.recordSecret(read, out, src)
	return out, nil
}

// templateVars returns the variables the template module adds.
func templateVars(path, managed string) map[string]any {
	host, _ := os.Hostname()
	owner := fmt.Sprint(os.Getuid())
	if st, err := os.Stat(path); err == nil {
		owner = fileOwner(st)
	}
	return map[string]any{
		"ansible_managed":   managedString(managed, host, owner, path),
		"template_host":     host,
		"template_path":     path,
		"template_fullpath": path,
		"template_uid":      owner,
		"template_run_date": nowString(),
		"template_destpath": "",
	}
}

// preserveNewlines re-adds trailing newlines that rendering dropped, as
// Ansible's do_template does.
func preserveNewlines(src, out string) string {
	want := countTrailingNewlines(src)
	have := countTrailingNewlines(out)
	if want > have {
		out += strings.Repeat("\n", want-have)
	}
	return out
}

func countTrailingNewlines(s string) int {
	n := 0
	for i := len(s) - 1; i >= 0 && s[i] == '\n'; i-- {
		n++
	}
	return n
}

// templateHeader applies a first-line "#jinja2: trim_blocks: False, ..."
// override, as Ansible's template module does, and removes that line.
func templateHeader(src string, opts FileOptions) (string, FileOptions) {
	if !strings.HasPrefix(src, "#jinja2:") {
		return src, opts
	}
	line, rest, _ := strings.Cut(src, "\n")
	for _, pair := range strings.Split(strings.TrimPrefix(line, "#jinja2:"), ",") {
		k, v, ok := strings.Cut(pair, ":")
		if !ok {
			continue
		}
		on := strings.EqualFold(strings.Trim(strings.TrimSpace(v), `"'`), "true")
		switch strings.TrimSpace(k) {
		case "trim_blocks":
			opts.TrimBlocks = on
		case "lstrip_blocks":
			opts.LstripBlocks = on
		}
	}
	return rest, opts
}
