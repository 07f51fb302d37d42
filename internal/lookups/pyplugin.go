package lookups

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/edxplay/edxplay/internal/ctlpython"
	"github.com/edxplay/edxplay/internal/jinja2"
)

// pyPluginName is a lookup name that can be a plugin file's (no
// collection prefix, no path).
var pyPluginName = regexp.MustCompile(`^[A-Za-z0-9_]+$`)

// pyPluginTimeout bounds one run of a Python lookup plugin.
const pyPluginTimeout = 5 * time.Minute

// pyPluginMaxOutput bounds what a Python lookup plugin may return.
const pyPluginMaxOutput = 64 << 20

// findPyPlugin returns the <name>.py of a lookup plugin that is not built
// in, searched as Ansible's plugin loader does: each ANSIBLE_LOOKUP_PLUGINS
// directory and its subdirectories one and two levels down, then
// lookup_plugins/ beside the playbook and in the current role.
func findPyPlugin(ctx context.Context, ctrl Controller, name string) (string, bool) {
	if !pyPluginName.MatchString(name) {
		return "", false
	}
	for _, dir := range pyPluginDirs(ctx, ctrl) {
		p := filepath.Join(dir, name+".py")
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p, true
		}
	}
	return "", false
}

func pyPluginDirs(ctx context.Context, ctrl Controller) []string {
	var dirs []string
	if env, ok := ctrl.Getenv("ANSIBLE_LOOKUP_PLUGINS"); ok {
		for _, d := range filepath.SplitList(env) {
			if d == "" {
				continue
			}
			d, _ = filepath.Abs(d)
			dirs = append(dirs, d)
			for _, pat := range []string{"*", "*/*"} {
				sub, _ := filepath.Glob(filepath.Join(d, pat))
				for _, s := range sub {
					if st, err := os.Stat(s); err == nil && st.IsDir() {
						dirs = append(dirs, s)
					}
				}
			}
		}
	}
	dirs = append(dirs, filepath.Join(ctrl.BaseDir(), "lookup_plugins"))
	if rp, ok, _ := ctrl.Var(ctx, "role_path"); ok && rp.Kind() == jinja2.StrKind {
		dirs = append(dirs, filepath.Join(rp.StrValue(), "lookup_plugins"))
	}
	return dirs
}

// pyRunner loads the plugin file and runs LookupModule.run, terms,
// keywords and variables read as JSON from stdin, the result (or the
// error, as Ansible's class and message) written as JSON to stdout.
const pyRunner = `
import importlib.util, json, sys
req = json.load(sys.stdin)
def out(d):
    json.dump(d, sys.stdout)
    sys.exit(0)
try:
    import ansible
    from ansible.parsing.dataloader import DataLoader
    from ansible.template import Templar
except ImportError as e:
    out({"noansible": str(e)})
def plain(v):
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple, set, frozenset)):
        return [plain(x) for x in v]
    if v is None or isinstance(v, (bool, int, float)):
        return v
    return str(v)
try:
    spec = importlib.util.spec_from_file_location("ansible.plugins.lookup." + req["name"], req["path"])
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    loader = DataLoader()
    loader.set_basedir(req["basedir"])
    templar = Templar(loader=loader, variables=req["variables"])
    plugin = mod.LookupModule(loader=loader, templar=templar)
    ran = plugin.run(req["terms"], variables=req["variables"], **req["kwargs"])
except Exception as e:
    out({"error": type(e).__name__, "module": type(e).__module__, "msg": str(e)})
out({"result": plain(ran), "type": type(ran).__name__})
`

// pyResult is the runner's answer.
type pyResult struct {
	Error  string          `json:"error"`
	Module string          `json:"module"`
	Msg    string          `json:"msg"`
	Result json.RawMessage `json:"result"`
	Type   string          `json:"type"`
}

// runPyPlugin runs the plugin file on the controller under the first
// Python that has ansible-core (ctlpython.Candidates) and returns what its
// run() returned.
func runPyPlugin(ctx context.Context, ctrl Controller, name, path string, terms []jinja2.Value, kw *jinja2.Dict) (jinja2.Value, string, error) {
	req := map[string]any{"name": name, "path": path, "basedir": ctrl.BaseDir(),
		"terms": plainList(terms), "kwargs": plainValue(jinja2.DictValue(kw)), "variables": pyVariables(ctx, ctrl)}
	in, err := json.Marshal(req)
	if err != nil {
		return jinja2.None, "", errorf("lookup plugin %s: encode its input: %s", path, err)
	}
	ctx, cancel := context.WithTimeout(ctx, pyPluginTimeout)
	defer cancel()
	out, err := ctlpython.Run(ctx, ctlpython.Program{Source: pyRunner, Stdin: in, MaxOutput: pyPluginMaxOutput})
	if err != nil {
		return jinja2.None, "", setupError{errorf("lookup plugin (%s) is the Python plugin %s, which needs %s", name, path, err)}
	}
	var res pyResult
	if err := json.Unmarshal(out, &res); err != nil {
		return jinja2.None, "", setupError{errorf("lookup plugin %s: unreadable answer: %s", path, err)}
	}
	if res.Error != "" {
		class := res.Error
		if !strings.HasPrefix(res.Module, "ansible.") {
			class = res.Module + "." + res.Error
		}
		return jinja2.None, "", ansibleError(class, "%s", res.Msg)
	}
	v, err := decodeJSONValue(res.Result)
	return v, res.Type, err
}

// setupError is a failure to run a Python plugin at all (no python3, no
// ansible-core): reported as it is, as Ansible reports a missing plugin,
// whatever the lookup's errors option.
type setupError struct{ error }

func (e setupError) Unwrap() error { return e.error }

// pyVariables are the available variables for the plugin's run(), as
// plain data (hostvars and vars, which hold every variable again, and
// values with no JSON form are left out).
func pyVariables(ctx context.Context, ctrl Controller) map[string]any {
	out := map[string]any{}
	for _, name := range ctrl.VarNames(ctx) {
		if name == "hostvars" || name == "vars" {
			continue
		}
		if v, ok, err := ctrl.Var(ctx, name); ok && err == nil {
			if p, ok := plainOK(v); ok {
				out[name] = p
			}
		}
	}
	return out
}

func plainList(vs []jinja2.Value) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = plainValue(v)
	}
	return out
}

// plainValue converts a template value to JSON-encodable data; values
// without a JSON form become their str().
func plainValue(v jinja2.Value) any {
	if p, ok := plainOK(v); ok {
		return p
	}
	s, _ := jinja2.ToString(v)
	return s
}

func plainOK(v jinja2.Value) (any, bool) {
	switch v.Kind() {
	case jinja2.NoneKind:
		return nil, true
	case jinja2.BoolKind:
		return v.BoolValue(), true
	case jinja2.IntKind:
		return json.Number(v.BigValue().String()), true
	case jinja2.FloatKind:
		return v.FloatValue(), true
	case jinja2.StrKind:
		return v.StrValue(), true
	case jinja2.ListKind, jinja2.TupleKind:
		return plainList(v.Items()), true
	case jinja2.DictKind:
		d := map[string]any{}
		for i, k := range v.DictOf().Keys() {
			ks, _ := jinja2.ToString(k)
			d[ks] = plainValue(v.DictOf().Values()[i])
		}
		return d, true
	}
	return nil, false
}

// decodeJSONValue converts the runner's JSON to a template value
// (jinja2.DecodeJSON: dict key order and big integers kept).
func decodeJSONValue(raw json.RawMessage) (jinja2.Value, error) {
	v, err := jinja2.DecodeJSON(raw)
	if err != nil {
		return jinja2.None, errorf("lookup plugin result: %s", err)
	}
	return v, nil
}

// shapePy is Templar._lookup's handling of what a plugin's run()
// returned (typ is its Python type): falsy results as they are; with
// wantlist the result; else a list's strings joined with commas (its only
// item, or the list, when they are not all strings), a dict's keys joined
// (Ansible's KeyError fallback), a str's characters joined. Anything else
// is "did not return a list". Results are unsafe.
func shapePy(name string, ran jinja2.Value, typ string, wantlist bool) (jinja2.Value, error) {
	if truth, _ := jinja2.Truth(ran); !truth {
		return ran, nil
	}
	if wantlist {
		return wrapVar(ran), nil
	}
	switch ran.Kind() {
	case jinja2.ListKind:
		if typ == "set" || typ == "frozenset" {
			break
		}
		return shape(ran.Items(), false), nil
	case jinja2.DictKind:
		keys := ran.DictOf().Keys()
		return shape(keys, false), nil
	case jinja2.StrKind:
		var parts []jinja2.Value
		for _, r := range ran.StrValue() {
			parts = append(parts, jinja2.Str(string(r)))
		}
		return shape(parts, false), nil
	}
	return jinja2.None, errorf("The lookup plugin '%s' did not return a list.", name)
}
