// Package engine runs loaded playbooks against inventory hosts: it layers
// variables in Ansible's precedence order, walks plays, blocks, loops and
// handlers, calls modules over each host's connection and reports events.
package engine

import (
	"context"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/pymodule"
)

// Options control a playbook run.
type Options struct {
	// Check and Diff are --check and --diff.
	Check bool
	Diff  bool
	// Forks bounds how many hosts run a task at once.
	Forks int
	// Tags and SkipTags filter tasks (empty Tags means "all").
	Tags     []string
	SkipTags []string
	// Limit further restricts each play's hosts (a host pattern).
	Limit string
	// Slice runs one slice of the hosts (see Slice); the zero value runs all.
	Slice Slice
	// ExtraVars are -e layers in command-line order (later wins).
	ExtraVars []map[string]any
	// Verbosity is the number of -v flags.
	Verbosity int
	// OwnModules are the settings of a playbook's own modules (library/,
	// collections): interpreter_python, module_utils and collection paths.
	OwnModules pymodule.Options
	// StartAtTask skips tasks until one with this name.
	StartAtTask string
	// Become forces privilege escalation (-b); BecomeUser/BecomeMethod override defaults.
	Become         bool
	BecomeUser     string
	BecomeMethod   string
	BecomePassword string
	// RemoteUser is -u.
	RemoteUser string
	// Connection is -c: the connection of hosts whose variables and play
	// keywords set no ansible_connection.
	Connection string
	// Strategy overrides the play strategy when set ("linear" or "free").
	Strategy string
	// ForceHandlers runs notified handlers even on hosts that failed
	// (--force-handlers or ansible.cfg's force_handlers, as the play
	// keyword force_handlers does).
	ForceHandlers bool
	// Render, when set, runs in render mode: no host is contacted; files
	// that template and copy-with-content tasks would write go to Render.
	Render RenderFunc
	// RenderFacts are the facts assumed in render mode.
	RenderFacts map[string]any
	// Recorder, when set, receives every task result (plans).
	Recorder Recorder
	// Guard, when set, approves each task's change on a host right before
	// it is made (apply of a plan); it turns off batched file probes.
	Guard ChangeGuard
	// NoProbeCache turns off batched file probes (for comparison runs).
	NoProbeCache bool
	// Gathering is ansible.cfg's gathering: "explicit" makes plays without
	// gather_facts skip fact gathering ("implicit" and "smart" gather).
	Gathering string
	// AnyErrorsFatal is ansible.cfg's any_errors_fatal: the default of the
	// any_errors_fatal keyword.
	AnyErrorsFatal bool
	// IgnoreMissingHandler is error_on_missing_handler=false: a notify of
	// no handler is a warning instead of the end of the run.
	IgnoreMissingHandler bool
	// MergeVars is hash_behaviour=merge: dictionaries defined in more than
	// one variable source are merged recursively instead of replaced.
	MergeVars bool
}

// TaskRecord is one task's (or loop item's) result on a host, as a plan
// records it.
type TaskRecord struct {
	// ID identifies the task: file:line:col, and #N for loop item N.
	ID     string
	Task   string
	Module string
	Status Status
	// Args are the module arguments the task ran with (nil for includes).
	Args  map[string]any
	Diffs []modspec.Diff
	// Result is the module's result.
	Result map[string]any
	NoLog  bool
}

// ChangeGuard approves changes in a run that applies a plan: before a
// module task runs on a host, the engine has the module describe its
// change (one read of the host) and passes the description, as a record,
// to Approve; an error stops that host with the error's message, and the
// module is not run. It must be safe for concurrent use.
type ChangeGuard interface {
	Approve(ctx context.Context, host string, rec TaskRecord) error
}

// Recorder receives task records; it must be safe for concurrent use.
type Recorder interface {
	Record(host string, r TaskRecord)
}

// Dialer opens a connection to a host. vars holds the host's templated
// connection variables (ansible_host, ansible_port, ansible_user,
// ansible_connection, ansible_ssh_private_key_file, ...).
type Dialer interface {
	Dial(ctx context.Context, host string, vars map[string]any) (connection.Conn, error)
}

// connVarNames are the variables passed to the Dialer.
var connVarNames = []string{
	"ansible_connection", "ansible_host", "ansible_ssh_host", "ansible_port", "ansible_ssh_port",
	"ansible_user", "ansible_ssh_user", "ansible_password", "ansible_ssh_pass",
	"ansible_ssh_private_key_file", "ansible_private_key_file", "ansible_ssh_common_args",
	"ansible_ssh_extra_args", "ansible_become_password", "ansible_become_pass",
	"ansible_shell_executable", "ansible_timeout", "ansible_ssh_timeout",
}
