package pymodule

import (
	"context"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/modules"
)

// interpreter is the program a module runs under on the target.
type interpreter struct {
	path string
	// discovered is set when the path was found by interpreter discovery
	// on this run: it is returned as the discovered_interpreter_python fact.
	discovered bool
}

// pythonFallback is ansible-core 2.14's INTERPRETER_PYTHON_FALLBACK: the
// interpreters discovery looks for, in order.
var pythonFallback = []string{"python3.11", "python3.10", "python3.9", "python3.8", "python3.7", "python3.6",
	"python3.5", "/usr/bin/python3", "/usr/libexec/platform-python", "python2.7", "/usr/bin/python", "python"}

// resolveInterpreter is _get_shebang: a module's #! interpreter replaced
// by ansible_NAME_interpreter; for python, ansible_python_interpreter,
// else the configured one (interpreter_python), discovered on the target
// when "auto" (the default).
func resolveInterpreter(ctx context.Context, call *modules.Call, interp, configured string) (interpreter, error) {
	name := interpreterName(interp)
	if name != "python" {
		if v := varString(call.Host, "ansible_"+name+"_interpreter"); strings.TrimSpace(v) != "" {
			return interpreter{path: strings.TrimSpace(v)}, nil
		}
		return interpreter{path: interp}, nil
	}
	want := strings.TrimSpace(varString(call.Host, "ansible_python_interpreter"))
	if want == "" {
		want = strings.TrimSpace(configured)
	}
	switch want {
	case "", "auto", "auto_legacy", "auto_silent", "auto_legacy_silent":
	default:
		return interpreter{path: want}, nil
	}
	if p := discoveredFact(call.Host); p != "" {
		return interpreter{path: p}, nil
	}
	p, err := discoverPython(ctx, call)
	if err != nil {
		return interpreter{}, err
	}
	return interpreter{path: p, discovered: true}, nil
}

// discoveredFact is the host's discovered_interpreter_python fact.
func discoveredFact(host modules.HostContext) string {
	if host == nil {
		return ""
	}
	facts, ok, err := host.Var("ansible_facts")
	if err != nil || !ok {
		return ""
	}
	var v any
	switch f := facts.(type) {
	case map[string]any:
		v = f["discovered_interpreter_python"]
	case *odict.Map:
		v, _ = f.Get("discovered_interpreter_python")
	}
	if s, ok := v.(string); ok {
		return s
	}
	return ""
}

// discoverPython finds the target's Python as Ansible's discovery does:
// the interpreters of pythonFallback that exist, /usr/bin/python3 (the
// platform's Python of every Linux distribution Ansible maps) first if
// it is among them, else the first found.
func discoverPython(ctx context.Context, call *modules.Call) (string, error) {
	var script strings.Builder
	script.WriteString("echo FOUND; ")
	for _, p := range pythonFallback {
		script.WriteString("command -v '" + p + "'; ")
	}
	script.WriteString("echo ENDFOUND")
	res, err := call.Conn.Run(ctx, connection.Command{Cmd: script.String(), Become: call.Become})
	if err != nil {
		return "", err
	}
	var found []string
	in := false
	for _, line := range strings.Split(res.Stdout, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "FOUND":
			in = true
		case line == "ENDFOUND":
			in = false
		case in && strings.HasPrefix(line, "/"):
			found = append(found, line)
		}
	}
	for _, p := range found {
		if p == "/usr/bin/python3" {
			return p, nil
		}
	}
	if len(found) == 0 {
		return "", fmt.Errorf("%w: interpreter discovery found no Python on the target (looked for %s); set ansible_python_interpreter or install Python there",
			ErrNoInterpreter, strings.Join(pythonFallback, ", "))
	}
	return found[0], nil
}
