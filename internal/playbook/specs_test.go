package playbook

import "github.com/edxplay/edxplay/modules"

// fakeSpecs is a module spec table for tests (the real registry is filled
// by the modules package).
type fakeSpecs map[string]modules.Spec

func (f fakeSpecs) Spec(name string) (modules.Spec, bool) {
	s, ok := f[name]
	return s, ok
}

func arg(name string, t modules.ArgType) modules.Arg { return modules.Arg{Name: name, Type: t} }

func required(a modules.Arg) modules.Arg { a.Required = true; return a }

func choices(a modules.Arg, c ...string) modules.Arg { a.Choices = c; return a }

func aliases(a modules.Arg, al ...string) modules.Arg { a.Aliases = al; return a }

var cmdArgs = []modules.Arg{
	arg("cmd", modules.String), arg("argv", modules.List), arg("chdir", modules.Path),
	arg("creates", modules.Path), arg("removes", modules.Path), arg("stdin", modules.String),
	arg("executable", modules.Path), arg("strip_empty_ends", modules.Bool),
}

var testSpecs = fakeSpecs{
	"debug": {Name: "debug", Args: []modules.Arg{arg("msg", modules.Raw), arg("var", modules.String),
		arg("verbosity", modules.Int)}, MutuallyExclusive: [][]string{{"msg", "var"}}},
	"command": {Name: "command", FreeForm: true, Args: cmdArgs},
	"shell":   {Name: "shell", FreeForm: true, Args: cmdArgs},
	"raw":     {Name: "raw", FreeForm: true, Args: []modules.Arg{arg("executable", modules.Path)}},
	"script":  {Name: "script", FreeForm: true, Args: cmdArgs},
	"copy": {Name: "copy", Args: []modules.Arg{arg("src", modules.Path), required(arg("dest", modules.Path)),
		arg("content", modules.String), arg("mode", modules.Mode), arg("owner", modules.String),
		arg("force", modules.Bool), arg("backup", modules.Bool)},
		MutuallyExclusive: [][]string{{"src", "content"}}},
	"file": {Name: "file", Args: []modules.Arg{required(aliases(arg("path", modules.Path), "dest", "name")),
		choices(arg("state", modules.String), "absent", "directory", "file", "hard", "link", "touch"),
		arg("mode", modules.Mode), arg("owner", modules.String), arg("recurse", modules.Bool)}},
	"template": {Name: "template", Args: []modules.Arg{required(arg("src", modules.Path)),
		required(arg("dest", modules.Path)), arg("mode", modules.Mode)}},
	"set_fact":     {Name: "set_fact", Args: []modules.Arg{arg("cacheable", modules.Bool)}},
	"include_vars": {Name: "include_vars", FreeForm: true, Args: []modules.Arg{arg("file", modules.Path), arg("name", modules.String)}},
	"apt": {Name: "apt", Args: []modules.Arg{aliases(arg("name", modules.List), "pkg"),
		choices(arg("state", modules.String), "present", "absent", "latest"), arg("update_cache", modules.Bool),
		arg("cache_valid_time", modules.Int)}, RequiredOneOf: [][]string{{"name", "update_cache"}}},
}

var testOpts = Options{Modules: testSpecs}
