// Package jinja renders Jinja2 templates the way ansible-core 2.14's
// templar does, on our own Jinja2 engine (internal/jinja2): Ansible's
// filters, tests and lookups, lazy variable scopes, native-type results,
// the unsafe and secret marks, and Ansible-style errors.
package jinja

import (
	"os"
	"sync"

	"github.com/edxplay/edxplay/internal/ansiblefilters"
	"github.com/edxplay/edxplay/internal/ansibletests"
	"github.com/edxplay/edxplay/internal/jinja2"
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
	// Decrypt returns the plaintext of a vault-encrypted file with the
	// run's vault secrets, for the lookups that read files (file, template,
	// unvault...). nil refuses vaulted files.
	Decrypt func(data []byte) ([]byte, error)
	// Native is Ansible's jinja2_native setting (DEFAULT_JINJA2_NATIVE):
	// templated values keep the type of a lone expression
	// (ansible_native_concat) instead of reading text as literals.
	Native bool
	// Plugins resolves the filter and test names that Ansible's own set
	// lacks (a playbook's Python plugins); nil resolves none.
	Plugins PluginResolver
}

// PluginResolver gives a rendering its resolver of unknown filter and
// test names; roleDir is the role_path in scope ("" outside a role).
type PluginResolver interface {
	Resolver(roleDir string) jinja2.Resolver
}

// Engine renders templates and expressions with Ansible semantics. It is
// safe for concurrent use.
type Engine struct {
	mu   sync.Mutex
	done <-chan struct{}
	opts Options
	// env holds the filters, tests and globals; every rendering derives
	// its own environment from it (options, loader).
	env *jinja2.Environment
	// parses caches the parsed strings of all renderings (parsecache.go).
	parses *parseCache
}

// New creates an engine.
func New(opts Options) *Engine {
	if opts.AnsibleManaged == "" {
		opts.AnsibleManaged = "Ansible managed"
	}
	if opts.LookupEnv == nil {
		opts.LookupEnv = os.LookupEnv
	}
	e := &Engine{opts: opts, parses: newParseCache(parseCacheEntries, parseCacheBytes)}
	e.env = jinja2.NewEnvironment(ansibleConfig(), nil)
	e.register(e.env)
	return e
}

// ansibleConfig is Ansible's AnsibleEnvironment with edxplay's {% do %}.
func ansibleConfig() jinja2.Config {
	cfg := jinja2.AnsibleConfig()
	cfg.Do = true
	return cfg
}

// register adds Ansible's filters, tests and globals to env.
func (e *Engine) register(env *jinja2.Environment) {
	ansiblefilters.Register(env)
	ansibletests.Register(env)
	ansiblefilters.RegisterGlobals(env)
	for _, name := range env.FilterNames() {
		env.AddFilter(name, plainArgs(name, env.Filter(name)))
	}
	env.AddGlobal("omit", jinja2.Str(OmitPlaceholder))
	env.AddGlobal("none", jinja2.None)
}
