package playbook

import "github.com/edxplay/edxplay/internal/modspec"

// fakeSpecs is a module spec table for tests (the real registry is filled
// by the modules package).
type fakeSpecs map[string]modspec.Spec

func (f fakeSpecs) Spec(name string) (modspec.Spec, bool) {
	s, ok := f[name]
	return s, ok
}

func arg(name string, t modspec.ArgType) modspec.Arg { return modspec.Arg{Name: name, Type: t} }

func required(a modspec.Arg) modspec.Arg { a.Required = true; return a }

func choices(a modspec.Arg, c ...string) modspec.Arg { a.Choices = c; return a }

func aliases(a modspec.Arg, al ...string) modspec.Arg { a.Aliases = al; return a }

var cmdArgs = []modspec.Arg{
	arg("cmd", modspec.String), arg("argv", modspec.List), arg("chdir", modspec.Path),
	arg("creates", modspec.Path), arg("removes", modspec.Path), arg("stdin", modspec.String),
	arg("executable", modspec.Path), arg("strip_empty_ends", modspec.Bool),
}

var testSpecs = fakeSpecs{
	"debug": {Name: "debug", Args: []modspec.Arg{arg("msg", modspec.Raw), arg("var", modspec.String),
		arg("verbosity", modspec.Int)}, MutuallyExclusive: [][]string{{"msg", "var"}}},
	"command": {Name: "command", FreeForm: true, Args: cmdArgs},
	"shell":   {Name: "shell", FreeForm: true, Args: cmdArgs},
	"raw":     {Name: "raw", FreeForm: true, Args: []modspec.Arg{arg("executable", modspec.Path)}},
	"script":  {Name: "script", FreeForm: true, Args: cmdArgs},
	"copy": {Name: "copy", Args: []modspec.Arg{arg("src", modspec.Path), required(arg("dest", modspec.Path)),
		arg("content", modspec.String), arg("mode", modspec.Mode), arg("owner", modspec.String),
		arg("force", modspec.Bool), arg("backup", modspec.Bool)},
		MutuallyExclusive: [][]string{{"src", "content"}}},
	"file": {Name: "file", Args: []modspec.Arg{required(aliases(arg("path", modspec.Path), "dest", "name")),
		choices(arg("state", modspec.String), "absent", "directory", "file", "hard", "link", "touch"),
		arg("mode", modspec.Mode), arg("owner", modspec.String), arg("recurse", modspec.Bool)}},
	"template": {Name: "template", Args: []modspec.Arg{required(arg("src", modspec.Path)),
		required(arg("dest", modspec.Path)), arg("mode", modspec.Mode)}},
	"set_fact":     {Name: "set_fact", Args: []modspec.Arg{arg("cacheable", modspec.Bool)}},
	"include_vars": {Name: "include_vars", FreeForm: true, Args: []modspec.Arg{arg("file", modspec.Path), arg("name", modspec.String)}},
	"apt": {Name: "apt", Args: []modspec.Arg{aliases(arg("name", modspec.List), "pkg"),
		choices(arg("state", modspec.String), "present", "absent", "latest"), arg("update_cache", modspec.Bool),
		arg("cache_valid_time", modspec.Int)}, RequiredOneOf: [][]string{{"name", "update_cache"}}},
}

var testOpts = Options{Modules: testSpecs}
