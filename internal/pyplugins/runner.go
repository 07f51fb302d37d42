package pyplugins

// workerScript is the long-lived Python worker. It reads one JSON request
// a line from stdin and writes one JSON answer a line to stdout:
//
//	{"op":"has","kind":"filter","name":N,"dirs":[...],"colls":[...]}
//	  -> {"found":bool,"warnings":[...]}
//	{"op":"call","kind":"filter","name":N,"dirs":[...],"colls":[...],
//	 "input":V,"args":[...],"kwargs":{...}}
//	  -> {"result":V,"type":T} | {"error":C,"module":M,"msg":S} | {"missing":true}
//
// Plugin files are found as Ansible's Jinja2Loader finds them: each dir's
// *.py sorted by name, a file name seen in an earlier dir skipped, the
// first plugin of a name kept; a module is named
// ansible.plugins.<kind>.<hash>_<file>. A dotted name ns.coll.leaf is
// looked up in plugins/<kind>/*.py of the collection under the colls
// roots, the last file defining leaf winning. Files that fail to load
// are warned about as Ansible does.
const workerScript = `
import glob, importlib.util, json, os, sys
try:
    import ansible
    from ansible.module_utils.common.text.converters import to_text
except ImportError as e:
    sys.stdout.write(json.dumps({"noansible": str(e)}) + "\n")
    sys.stdout.flush()
    sys.exit(0)
OUT = sys.stdout
sys.stdout = sys.stderr
OUT.write(json.dumps({"ready": True}) + "\n")
OUT.flush()
CLS = {"filter": ("FilterModule", "filters"), "test": ("TestModule", "tests")}
modules = {}
maps = {}
def load(path, full):
    if path not in modules:
        spec = importlib.util.spec_from_file_location(full, path)
        mod = importlib.util.module_from_spec(spec)
        sys.modules[full] = mod
        spec.loader.exec_module(mod)
        modules[path] = mod
    return modules[path]
def local_map(kind, dirs, warnings):
    key = (kind, tuple(dirs))
    if key in maps:
        return maps[key]
    cls, meth = CLS[kind]
    out, seen = {}, set()
    for d in dirs:
        for path in sorted(glob.glob(os.path.join(d, "*.py")), key=os.path.basename):
            base = os.path.splitext(os.path.basename(path))[0]
            if base == "__init__" or base in seen:
                continue
            seen.add(base)
            try:
                mod = load(path, "ansible.plugins.%s.%d_%s" % (kind, abs(hash(path)), base))
            except Exception as e:
                warnings.append("Skipping plugin (%s), cannot load: %s" % (path, to_text(e)))
                continue
            try:
                obj = getattr(mod, cls)
            except AttributeError as e:
                warnings.append("Skipping plugin (%s) as it seems to be invalid: %s" % (path, to_text(e)))
                continue
            try:
                fns = getattr(obj(), meth)()
            except Exception:
                continue
            for n, f in fns.items():
                if "." not in n and n not in out:
                    out[n] = f
    maps[key] = out
    return out
def coll_func(kind, name, colls, warnings):
    parts = name.split(".")
    if len(parts) < 3:
        return None
    ns, coll, leaf = parts[0], parts[1], parts[-1]
    sub = parts[2:-1]
    cls, meth = CLS[kind]
    for root in colls:
        d = os.path.join(root, "ansible_collections", ns, coll, "plugins", kind, *sub)
        if not os.path.isdir(d):
            continue
        found = None
        for f in sorted(os.listdir(d)):
            if not f.endswith(".py") or f == "__init__.py":
                continue
            base = f[:-3]
            mname = ".".join([ns, coll] + sub + [base])
            try:
                mod = load(os.path.join(d, f), ".".join(["ansible_collections", ns, coll, "plugins", kind] + sub + [base]))
                fns = getattr(getattr(mod, cls)(), meth)()
            except Exception as e:
                warnings.append("Skipping %s plugins in %s'; an error occurred while loading: %s" % (kind, mname, to_text(e)))
                continue
            if leaf in fns:
                found = fns[leaf]
        return found
    return None
def find(req, warnings):
    name = req["name"]
    if name.startswith("ansible.legacy."):
        name = name[len("ansible.legacy."):]
    fn = local_map(req["kind"], req["dirs"], warnings).get(name)
    if fn is None and "." in name:
        fn = coll_func(req["kind"], name, req["colls"], warnings)
    return fn
def plain(v):
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple, set, frozenset)) or type(v).__name__ in ("generator", "map", "filter", "dict_keys", "dict_values", "dict_items", "zip", "range"):
        return [plain(x) for x in v]
    if v is None or isinstance(v, (bool, int, float)):
        return v
    return str(v)
J2 = []
def passed(fn):
    # what a @pass_context/@pass_eval_context/@pass_environment plugin
    # gets first: a bare Jinja2 environment's, as no template is at hand
    how = getattr(fn, "jinja_pass_arg", None)
    if how is None:
        return []
    if not J2:
        from jinja2 import Environment
        from jinja2.nodes import EvalContext
        env = Environment()
        J2.append((env, EvalContext(env), env.from_string("").new_context({})))
    env, ectx, ctx = J2[0]
    return [{"context": ctx, "eval_context": ectx, "environment": env}.get(getattr(how, "name", ""), ctx)]
def answer(req):
    warnings = []
    fn = find(req, warnings)
    if req["op"] == "has":
        return {"found": fn is not None, "warnings": warnings}
    if fn is None:
        return {"missing": True, "warnings": warnings}
    try:
        r = fn(*(passed(fn) + [req["input"]] + req["args"]), **req["kwargs"])
        return {"result": plain(r), "type": type(r).__name__, "warnings": warnings}
    except Exception as e:
        return {"error": type(e).__name__, "module": type(e).__module__, "msg": to_text(e), "warnings": warnings}
for line in sys.stdin:
    try:
        out = answer(json.loads(line))
    except Exception as e:
        out = {"error": type(e).__name__, "module": type(e).__module__, "msg": str(e)}
    OUT.write(json.dumps(out) + "\n")
    OUT.flush()
`
