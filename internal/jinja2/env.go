package jinja2

import (
	"fmt"
	"sync"
)

// Config holds the Jinja2 environment options the engine honours.
type Config struct {
	BlockStart, BlockEnd       string
	VariableStart, VariableEnd string
	CommentStart, CommentEnd   string
	TrimBlocks                 bool
	LstripBlocks               bool
	KeepTrailingNewline        bool
	NewlineSequence            string
	// LineStatementPrefix, when set, starts a line statement: a line whose
	// first non-blank text is the prefix is a block tag to its end.
	LineStatementPrefix string
	// Do enables the jinja2.ext.do `{% do %}` statement (off in Ansible 2.14).
	Do bool
}

// AnsibleConfig returns the options of Ansible's AnsibleEnvironment:
// Jinja2's defaults with trim_blocks on.
func AnsibleConfig() Config {
	return Config{
		BlockStart: "{%", BlockEnd: "%}", VariableStart: "{{", VariableEnd: "}}",
		CommentStart: "{#", CommentEnd: "#}", TrimBlocks: true, NewlineSequence: "\n",
	}
}

// Loader returns the source of a template by name, for include, import and
// extends. It returns ErrTemplateNotFound (wrapped) when there is none.
type Loader interface {
	Load(name string) (string, error)
}

// MapLoader is a Loader over in-memory sources.
type MapLoader map[string]string

// Load returns the named source.
func (m MapLoader) Load(name string) (string, error) {
	if s, ok := m[name]; ok {
		return s, nil
	}
	return "", newError("TemplateNotFound", "%s", name)
}

// Environment compiles and renders templates with one configuration,
// filter set, test set and loader.
type Environment struct {
	cfg     Config
	loader  Loader
	filters map[string]FilterFunc
	tests   map[string]TestFunc
	globals map[string]Value
	// resolver supplies filters and tests not registered (nil: none).
	resolver Resolver
	mu       sync.Mutex
	cache    map[string]*Template // loaded templates, made on first load
}

// NewEnvironment returns an environment with Jinja2's builtin filters,
// tests and globals.
func NewEnvironment(cfg Config, loader Loader) *Environment {
	if cfg.NewlineSequence == "" {
		cfg.NewlineSequence = "\n"
	}
	e := &Environment{cfg: cfg, loader: loader, filters: builtinFilters(), tests: builtinTests(),
		globals: builtinGlobals()}
	return e
}

// AddFilter registers (or replaces) a filter.
func (e *Environment) AddFilter(name string, f FilterFunc) { e.filters[name] = f }

// AddTest registers (or replaces) a test.
func (e *Environment) AddTest(name string, t TestFunc) { e.tests[name] = t }

// Resolver supplies the filters and tests that an environment does not
// register: Ansible's plugin loader for a playbook's own plugin files.
// A name it does not know fails with Ansible's `Could not load "name"`.
type Resolver interface {
	ResolveFilter(name string) (FilterFunc, bool)
	ResolveTest(name string) (TestFunc, bool)
}

// SetResolver sets the resolver of names that are not registered.
func (e *Environment) SetResolver(r Resolver) { e.resolver = r }

// filter is the registered filter, else the resolver's.
func (e *Environment) filter(name string) (FilterFunc, bool) {
	if f, ok := e.filters[name]; ok {
		return f, true
	}
	if e.resolver != nil {
		return e.resolver.ResolveFilter(name)
	}
	return nil, false
}

// test is the registered test, else the resolver's.
func (e *Environment) test(name string) (TestFunc, bool) {
	if t, ok := e.tests[name]; ok {
		return t, true
	}
	if e.resolver != nil {
		return e.resolver.ResolveTest(name)
	}
	return nil, false
}

// AddGlobal registers (or replaces) a global.
func (e *Environment) AddGlobal(name string, v Value) { e.globals[name] = v }

// Template is a parsed template.
type Template struct {
	env  *Environment
	name string
	body []stmt
}

// Parse parses source as a template called name.
func (e *Environment) Parse(name, source string) (*Template, error) {
	body, err := parse(&e.cfg, name, source)
	if err != nil {
		return nil, err
	}
	if err := e.check(name, body); err != nil {
		return nil, err
	}
	return &Template{env: e, name: name, body: body}, nil
}

// Bind returns a template with t's parsed body that renders in e (its
// loader, filters, tests, globals and resolver). Rendering never changes a
// parsed body, so one parse serves any number of environments and
// goroutines; e must parse as t's environment does (same Config), and
// resolve at least the filters and tests t uses. A nil e detaches the body
// from its environment: such a template must be bound before it renders.
func (t *Template) Bind(e *Environment) *Template {
	return &Template{env: e, name: t.name, body: t.body}
}

// load returns a named template through the loader, parsed once.
func (e *Environment) load(name string) (*Template, error) {
	e.mu.Lock()
	t, ok := e.cache[name]
	e.mu.Unlock()
	if ok {
		return t, nil
	}
	if e.loader == nil {
		return nil, newError("TemplateNotFound", "%s", name)
	}
	src, err := e.loader.Load(name)
	if err != nil {
		if ErrorClass(err) != "" {
			return nil, err
		}
		return nil, fmt.Errorf("load template %s: %w", name, err)
	}
	if t, err = e.Parse(name, src); err != nil {
		return nil, err
	}
	e.mu.Lock()
	if e.cache == nil {
		e.cache = map[string]*Template{}
	}
	e.cache[name] = t
	e.mu.Unlock()
	return t, nil
}

// Filter returns a registered filter, nil when there is none.
func (e *Environment) Filter(name string) FilterFunc { return e.filters[name] }

// CheckSyntax parses source without compiling it: unknown filters and
// tests (compile errors, which Ansible reports when it templates) are not
// errors here.
func (e *Environment) CheckSyntax(name, source string) error {
	_, err := parse(&e.cfg, name, source)
	return err
}
