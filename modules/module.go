// Package modules holds edxplay's task modules. Each module runs on the
// controller and reaches the target only through a connection.Conn (POSIX
// sh commands and file transfer), so targets need no Python.
package modules

import (
	"context"
	"errors"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/modspec"
)

// HostContext gives modules access to engine services for the current host
// and task: variables, templating and file lookup in role/playbook paths.
type HostContext interface {
	// Var returns the fully templated value of a variable.
	Var(name string) (any, bool, error)
	// Template renders a value (string, list, map) with Ansible's rules.
	Template(value any) (any, error)
	// Eval evaluates a bare Jinja2 expression such as a `when` condition or `var:` of debug.
	Eval(expr string) (any, error)
	// Condition evaluates a conditional exactly as `when` does (templated
	// first, then Python truthiness of the expression's value).
	Condition(expr string) (bool, error)
	// RenderFile renders a template file (template module semantics: trim_blocks, ansible_managed).
	RenderFile(path string, opts TemplateOptions) ([]byte, error)
	// FindFile resolves a relative src against the role's and playbook's search
	// paths; kind is "files", "templates" or "vars".
	FindFile(kind, name string) (string, error)
	// ReadVars reads a YAML or JSON variables file on the controller as the
	// playbook loader does (YAML 1.1 values, key order, vaulted data); a
	// document that is not a mapping gives an error wrapping ErrVarsNotMapping.
	ReadVars(path string) (map[string]any, error)
}

// TemplateOptions are the template module's Jinja2 settings.
type TemplateOptions struct {
	// TrimBlocks (default true) and LstripBlocks are Jinja2's whitespace options.
	TrimBlocks   bool
	LstripBlocks bool
	// Dest is the destination path (template_destpath).
	Dest string
	// NewlineSequence is Jinja2's newline_sequence ("" is "\n").
	NewlineSequence string
	// Overrides are the delimiter options (variable_start_string, ...).
	Overrides map[string]string
}

// ErrVarsNotMapping marks a variables file that is not a mapping.
var ErrVarsNotMapping = errors.New("variables file is not a mapping")

// Call is one invocation of a module on one host.
type Call struct {
	// Args are templated, validated and converted per the Spec, with defaults applied.
	Args map[string]any
	// Conn reaches the target host.
	Conn connection.Conn
	// Become is non-nil when the task runs with privilege escalation.
	Become *connection.Become
	// Check is true in check mode: the module must change nothing.
	Check bool
	// Diff asks the module to report before/after differences.
	Diff bool
	// NoLog means the module must not put secret content in its result.
	NoLog bool
	// Env is the task's environment.
	Env map[string]string
	// Host gives access to variables, templating and file lookup.
	Host HostContext
	// Async is true when the module runs as an async job (ansible-core's
	// async_wrapper, which keeps a module's stderr in its result).
	Async bool
}

// Result is what a module reports.
type Result struct {
	Changed bool
	Failed  bool
	Skipped bool
	Msg     string
	// Diffs are shown with --diff.
	Diffs []modspec.Diff
	// Data holds the module's return values (stdout, rc, stat, ...), merged into
	// the registered result alongside changed/failed/msg.
	Data map[string]any
	// Facts are set on the host (set_fact, include_vars, setup).
	Facts map[string]any
	// CacheableFacts marks Facts as facts (setup) rather than set_fact vars.
	CacheableFacts bool
	// IncludedVars marks Facts as variables read from files (include_vars),
	// which rank below set_fact in Ansible's precedence.
	IncludedVars bool
}

// Module is a task action.
type Module interface {
	// Spec describes the module's arguments.
	Spec() modspec.Spec
	// Run performs the action. A returned error is a failure of the task
	// (connection errors wrapped with connection.ErrUnreachable mark the host unreachable).
	Run(ctx context.Context, call *Call) (*Result, error)
}
