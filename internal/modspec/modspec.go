// Package modspec declares what a task module accepts and reports: its
// argument spec (names, types, defaults, constraints) and its before/after
// diffs. It is a leaf: the playbook loader validates tasks against specs,
// reporters print diffs, and neither needs the modules themselves.
package modspec

// ArgType is the declared type of a module argument.
type ArgType int

// Argument types. Values are converted to these Go types before Run:
// String->string, Bool->bool, Int->int, List->[]any, Dict->map[string]any,
// Path->string (with ~ kept as given), Mode->string (octal or symbolic), Raw->any.
const (
	String ArgType = iota
	Bool
	Int
	List
	Dict
	Path
	Mode
	Raw
)

// Arg declares one argument a module accepts.
type Arg struct {
	Name     string
	Type     ArgType
	Required bool
	Default  any
	Choices  []string
	Aliases  []string
	Doc      string
	// NoLog marks the argument's value as secret (redacted in all output).
	NoLog bool
}

// Spec describes a module: its name, arguments and documentation.
type Spec struct {
	// Name is the short name ("copy"); "ansible.builtin.copy" resolves to it.
	Name string
	// Short is a one-line description.
	Short string
	// Args are the accepted arguments.
	Args []Arg
	// FreeForm modules accept a free-form string, passed as the "_raw_params" argument.
	FreeForm bool
	// AnyArgs modules (set_fact) accept arguments of any name besides Args;
	// such values are templated but neither validated nor converted.
	AnyArgs bool
	// Example is a YAML task snippet shown by `edxplay doc`.
	Example string
	// MutuallyExclusive lists argument sets of which at most one may be given.
	MutuallyExclusive [][]string
	// RequiredOneOf lists argument sets of which at least one must be given.
	RequiredOneOf [][]string
	// Controller modules run on the controller only and need no connection.
	Controller bool
}

// AnsibleName is the type's name in Ansible's argument specs.
func (t ArgType) AnsibleName() string {
	switch t {
	case Bool:
		return "bool"
	case Int:
		return "int"
	case List:
		return "list"
	case Dict:
		return "dict"
	case Path:
		return "path"
	case Mode:
		return "raw (mode)"
	case Raw:
		return "raw"
	}
	return "str"
}

// Diff is a before/after pair for --diff output.
type Diff struct {
	BeforeHeader string
	AfterHeader  string
	Before       string
	After        string
	// Redacted marks a diff of a secret file that names what changed and
	// holds no content (safe to show for no_log results).
	Redacted bool
}
