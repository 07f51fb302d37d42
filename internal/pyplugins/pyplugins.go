// Package pyplugins runs a playbook's own Python filter and test plugins
// (filter_plugins/*.py with FilterModule.filters, test_plugins/*.py with
// TestModule.tests, and those of collections) on the controller, as
// Ansible's plugin loader does. One Python worker per run, started at the
// first name the engine does not know, answers JSON lines; values cross
// as JSON.
//
// Known differences from Ansible: a plugin does not shadow a filter or
// test the engine has (Ansible lets it); results cross as JSON (tuples
// and sets become lists, other objects their str()); @pass_context
// plugins get an empty Jinja2 context, not the template's.
package pyplugins

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/edxplay/edxplay/internal/ctlpython"
	"github.com/edxplay/edxplay/internal/jinja2"
)

// Options configures a Bridge.
type Options struct {
	// BaseDir is the playbook directory: its filter_plugins/,
	// test_plugins/ and collections/ are searched.
	BaseDir string
	// FilterPaths and TestPaths are the configured plugin paths
	// (DEFAULT_FILTER_PLUGIN_PATH, DEFAULT_TEST_PLUGIN_PATH).
	FilterPaths, TestPaths []string
	// CollectionsPaths are the roots holding ansible_collections/.
	CollectionsPaths []string
	// Warn shows a warning as Ansible's display.warning (each once).
	Warn func(string)
	// Pythons are the interpreters to try; nil means ctlpython.Candidates.
	Pythons []string
}

// Bridge finds and runs Python filter and test plugins. It is safe for
// concurrent use; requests to the worker are serialized.
type Bridge struct {
	ctx  context.Context
	opts Options

	mu       sync.Mutex
	w        *worker
	startErr error
	roles    []string
	known    map[string]bool
	warned   map[string]bool
	searches map[string]searched
}

// New returns a bridge whose worker lives at most as long as ctx.
func New(ctx context.Context, opts Options) *Bridge {
	if opts.Pythons == nil {
		opts.Pythons = ctlpython.Candidates()
	}
	return &Bridge{ctx: ctx, opts: opts, known: map[string]bool{}, warned: map[string]bool{},
		searches: map[string]searched{}}
}

// Close ends the worker, if one was started.
func (b *Bridge) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.w != nil {
		b.w.close()
		b.w = nil
	}
	return nil
}

// Resolver returns the jinja2.Resolver of a rendering in the role at
// roleDir ("" outside roles). Like Ansible, which adds a role's plugin
// directories when the role is loaded, the bridge keeps searching a
// role's directories once a rendering in it was seen.
func (b *Bridge) Resolver(roleDir string) jinja2.Resolver {
	b.AddRoleDir(roleDir)
	return resolver{b: b}
}

// resolver is the jinja2.Resolver of the bridge.
type resolver struct{ b *Bridge }

// ResolveFilter implements jinja2.Resolver.
func (r resolver) ResolveFilter(name string) (jinja2.FilterFunc, bool) {
	if !r.b.has("filter", name) {
		return nil, false
	}
	return func(_ *jinja2.CallContext, v jinja2.Value, args []jinja2.Value, kw *jinja2.Dict) (jinja2.Value, error) {
		return r.b.call("filter", name, v, args, kw)
	}, true
}

// ResolveTest implements jinja2.Resolver.
func (r resolver) ResolveTest(name string) (jinja2.TestFunc, bool) {
	if !r.b.has("test", name) {
		return nil, false
	}
	return func(_ *jinja2.CallContext, v jinja2.Value, args []jinja2.Value, kw *jinja2.Dict) (bool, error) {
		res, err := r.b.call("test", name, v, args, kw)
		if err != nil {
			return false, err
		}
		return jinja2.Truth(res)
	}, true
}

// has reports whether a plugin file defines the name, asking the worker
// only when there are plugin files to look at.
func (b *Bridge) has(kind, name string) bool {
	dirs, colls := b.search(kind, name)
	if len(dirs) == 0 && len(colls) == 0 {
		return false
	}
	key := kind + "\x00" + name + "\x00" + strings.Join(dirs, "\x00") + "\x01" + strings.Join(colls, "\x00")
	b.mu.Lock()
	defer b.mu.Unlock()
	if found, ok := b.known[key]; ok {
		return found
	}
	a, err := b.askLocked(map[string]any{"op": "has", "kind": kind, "name": name, "dirs": dirs, "colls": colls})
	if err != nil {
		b.warnLocked(fmt.Sprintf("%s plugin files were not loaded: %s", kind, err))
		return false
	}
	b.known[key] = a.Found
	return a.Found
}

// call runs the plugin function on the worker.
func (b *Bridge) call(kind, name string, v jinja2.Value, args []jinja2.Value, kw *jinja2.Dict) (jinja2.Value, error) {
	input, err := toPlain(v, 0)
	if err != nil {
		return jinja2.None, err
	}
	pargs, err := listPlain(args, 0)
	if err != nil {
		return jinja2.None, err
	}
	pkw, err := toPlain(jinja2.DictValue(kw), 0)
	if err != nil {
		return jinja2.None, err
	}
	dirs, colls := b.search(kind, name)
	b.mu.Lock()
	defer b.mu.Unlock()
	a, err := b.askLocked(map[string]any{"op": "call", "kind": kind, "name": name, "dirs": dirs, "colls": colls,
		"input": input, "args": pargs, "kwargs": pkw})
	switch {
	case err != nil:
		return jinja2.None, fmt.Errorf("%s plugin %s: %w", kind, name, err)
	case a.Missing:
		return jinja2.None, jinja2.NewError("TemplateSyntaxError", "Could not load %q: %q", name, name)
	case a.Error != "":
		return jinja2.None, jinja2.NewError(exceptionClass(a.Module, a.Error), "%s", a.Msg)
	}
	res, err := fromJSON(a.Result)
	if err != nil {
		return jinja2.None, fmt.Errorf("%s plugin %s: result: %w", kind, name, err)
	}
	return res, nil
}

// askLocked sends a request to the worker, starting it first if needed;
// b.mu is held.
func (b *Bridge) askLocked(req map[string]any) (*answer, error) {
	if b.startErr != nil {
		return nil, b.startErr
	}
	if b.w == nil {
		w, err := startWorker(b.ctx, b.opts.Pythons)
		if err != nil {
			b.startErr = fmt.Errorf("they need a Python with ansible-core on the controller (%s): %w", ctlpython.Env, err)
			return nil, b.startErr
		}
		b.w = w
	}
	a, err := b.w.ask(b.ctx, req)
	if err != nil {
		return nil, err
	}
	for _, w := range a.Warnings {
		b.warnLocked(w)
	}
	return a, nil
}

func (b *Bridge) warnLocked(msg string) {
	if b.warned[msg] || b.opts.Warn == nil {
		return
	}
	b.warned[msg] = true
	b.opts.Warn(msg)
}

// exceptionClass names a plugin's exception as Ansible's messages do:
// builtin and Ansible exceptions by their name, others with their module.
func exceptionClass(module, name string) string {
	if module == "builtins" || module == "" || strings.HasPrefix(module, "ansible.") {
		return name
	}
	return module + "." + name
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// AddRoleDir adds a role's directory to the search (its filter_plugins/
// and test_plugins/), after those added before.
func (b *Bridge) AddRoleDir(dir string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if dir != "" && !contains(b.roles, dir) {
		b.roles = append(b.roles, dir)
	}
}
