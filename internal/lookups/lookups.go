// Package lookups holds ansible-core 2.14's lookup plugins
// (ansible/plugins/lookup/*.py) and the templar's lookup()/query()
// semantics (Templar._lookup), on internal/jinja2 values. What a lookup
// needs from the controller (variables, search paths, templating, vault,
// configuration) comes through Controller, which the templar implements.
package lookups

import (
	"context"
	"sort"

	"github.com/edxplay/edxplay/internal/jinja2"
)

// Controller is the templar context a lookup runs in.
type Controller interface {
	// Template templates a value as Templar.template does: strings holding
	// template syntax are rendered (unsafe ones are not), containers item
	// by item. With failOnUndefined false an undefined variable leaves the
	// string as it was instead of failing.
	Template(ctx context.Context, v jinja2.Value, failOnUndefined bool) (jinja2.Value, error)
	// Var returns the raw (untemplated) value of an available variable:
	// variables[name], else hostvars[inventory_hostname][name].
	Var(ctx context.Context, name string) (jinja2.Value, bool, error)
	// VarNames returns the names of the available variables, in order.
	VarNames(ctx context.Context) []string
	// BaseDir is the loader's base directory (the playbook's directory).
	BaseDir() string
	// Getenv returns a variable of the controller's environment.
	Getenv(name string) (string, bool)
	// RenderTemplate renders a template file for the template lookup.
	RenderTemplate(ctx context.Context, req TemplateRequest) (jinja2.Value, error)
	// Decrypt returns the plaintext of vault-encrypted data and true, or
	// data itself and false when it is not vault-encrypted.
	Decrypt(ctx context.Context, data []byte, path string) ([]byte, bool, error)
	// Config returns an Ansible setting by its constant name
	// (DEFAULT_ROLES_PATH...), or with pluginType and pluginName set the
	// setting of that plugin; ok is false for an unknown setting.
	Config(ctx context.Context, pluginType, pluginName, name string) (v jinja2.Value, ok bool, err error)
	// Warn shows a warning as Ansible's display.warning.
	Warn(msg string)
}

// TemplateRequest is one template lookup term to render with
// Templar.template(preserve_trailing_newlines=True, escape_backslashes=False).
type TemplateRequest struct {
	// Term is the name as given, Path the file found, Source its text.
	Term, Path, Source string
	// SearchPath is where includes and imports are looked up.
	SearchPath []string
	// TemplateVars (template_vars) override the available variables, which
	// also get the template_* variables of Path.
	TemplateVars *jinja2.Dict
	// Delimiter overrides; empty means Jinja2's default.
	VariableStart, VariableEnd, CommentStart, CommentEnd string
	// ConvertData is convert_data: false renders as the template module does
	// (the result stays a string).
	ConvertData bool
	// Native is jinja2_native (with DEFAULT_JINJA2_NATIVE).
	Native bool
}

// runner carries the controller and the loop's subdir through one run.
type runner struct {
	ctrl   Controller
	subdir string // first_found's search subdir: files, templates or vars
}

// lookupFunc is one lookup plugin's run(terms, variables, **kwargs).
// terms is a list, except in a loop where it is what the loop templated
// to (a dict stays a dict).
type lookupFunc func(ctx context.Context, r *runner, terms jinja2.Value, kw *jinja2.Dict) ([]jinja2.Value, error)

// table is the one list of lookup plugins.
func table() map[string]lookupFunc {
	return map[string]lookupFunc{
		"config":              lookupConfig,
		"csvfile":             lookupCSVFile,
		"dict":                lookupDict,
		"env":                 lookupEnv,
		"file":                lookupFile,
		"fileglob":            lookupFileglob,
		"first_found":         lookupFirstFound,
		"flattened":           lookupFlattened,
		"indexed_items":       lookupIndexedItems,
		"inventory_hostnames": lookupInventoryHostnames,
		"ini":                 lookupINI,
		"items":               lookupItems,
		"lines":               lookupLines,
		"list":                lookupList,
		"nested":              lookupNested,
		"password":            lookupPassword,
		"pipe":                lookupPipe,
		"random_choice":       lookupRandomChoice,
		"sequence":            lookupSequence,
		"subelements":         lookupSubelements,
		"template":            lookupTemplate,
		"together":            lookupTogether,
		"unvault":             lookupUnvault,
		"url":                 lookupURL,
		"varnames":            lookupVarnames,
		"vars":                lookupVars,
	}
}

// Names returns the lookup plugins there are, sorted.
func Names() []string {
	var out []string
	for name := range table() {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// Has reports whether a lookup plugin exists (ansible.builtin.NAME too).
func Has(name string) bool {
	_, ok := table()[shortName(name)]
	return ok
}

// shortName strips the ansible.builtin. (or ansible.legacy.) prefix.
func shortName(name string) string {
	for _, p := range []string{"ansible.builtin.", "ansible.legacy."} {
		if len(name) > len(p) && name[:len(p)] == p {
			return name[len(p):]
		}
	}
	return name
}
