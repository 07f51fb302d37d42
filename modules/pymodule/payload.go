package pymodule

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/edxplay/edxplay/internal/ctlpython"
)

// depScanner runs on the controller under the Python of its ansible-core.
// It reads a request (the module's source and fully qualified name, the
// module_utils and collection directories) as JSON on stdin, walks the
// module's imports of ansible.module_utils and of collections'
// plugins/module_utils with Python's own parser, transitively, and
// answers the files the payload needs: zip name → source file (or inline
// text for generated package files), with ansible-core's version.
const depScanner = `
import ast, json, os, sys
req = json.load(sys.stdin)
def answer(d):
    json.dump(d, sys.stdout)
    sys.exit(0)
try:
    import ansible
    from ansible import release
except ImportError as e:
    answer({"noansible": str(e)})
core = os.path.join(os.path.dirname(ansible.__file__), "module_utils")
mu_paths = [p for p in req["mu_paths"] if os.path.isdir(p)] + [core]
files = {}
files["ansible/__init__.py"] = [None, "from pkgutil import extend_path\n__path__=extend_path(__path__,__name__)\n__version__=%r\n__author__=%r\n" % (release.__version__, release.__author__)]
files["ansible/module_utils/__init__.py"] = [None, "from pkgutil import extend_path\n__path__=extend_path(__path__,__name__)\n"]
done = {("ansible",), ("ansible", "module_utils")}

def wanted(mod):
    if mod == "ansible.module_utils" or mod.startswith("ansible.module_utils."):
        return True
    return mod.startswith("ansible_collections.") and (mod.endswith(".plugins.module_utils") or ".plugins.module_utils." in mod)

def scan(source, fqn, is_pkg):
    try:
        tree = ast.parse(source)
    except SyntaxError as e:
        answer({"error": "Unable to import %s due to %s" % (fqn, e.msg)})
    found = []
    def walk(node, top):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                for a in child.names:
                    if a.name.startswith("ansible.module_utils.") or a.name.startswith("ansible_collections."):
                        found.append((tuple(a.name.split(".")), not top, False))
            elif isinstance(child, ast.ImportFrom):
                mod = child.module or ""
                if child.level:
                    parts = fqn.split(".")
                    keep = len(parts) - child.level + (1 if is_pkg else 0)
                    mod = ".".join(parts[:keep] + ([child.module] if child.module else []))
                if wanted(mod):
                    for a in child.names:
                        found.append((tuple(mod.split(".")) + (a.name,), not top, True))
            else:
                walk(child, False)
    walk(tree, True)
    return found

def locate(parts):
    if parts[:2] == ("ansible", "module_utils"):
        rest = parts[2:]
        if rest and rest[0] == "six":
            rest = ("six",)
        for base in mu_paths:
            d = os.path.join(base, *rest)
            if os.path.isfile(os.path.join(d, "__init__.py")):
                return ("ansible", "module_utils") + rest, os.path.join(d, "__init__.py"), True
            if os.path.isfile(d + ".py"):
                return ("ansible", "module_utils") + rest, d + ".py", False
        return None
    if len(parts) < 6:
        return parts, None, True
    for base in req["collection_paths"]:
        d = os.path.join(base, *parts)
        if os.path.isfile(os.path.join(d, "__init__.py")):
            return parts, os.path.join(d, "__init__.py"), True
        if os.path.isfile(d + ".py"):
            return parts, d + ".py", False
    return None

def add(parts, optional, ambiguous):
    candidates = [parts]
    if ambiguous and len(parts) > 3:
        candidates.append(parts[:-1])
    for c in candidates:
        if c in done:
            return
        hit = locate(c)
        if hit:
            break
    else:
        if optional:
            return
        answer({"error": "Could not find imported module support code for %s.  Looked for (%s)" % (req["fqn"], ", ".join(".".join(c) for c in candidates))})
    name, path, is_pkg = hit
    if name in done:
        return
    done.add(name)
    zname = "/".join(name + (("__init__",) if is_pkg else ())) + ".py"
    source = ""
    if path:
        with open(path, "rb") as f:
            source = f.read()
    files[zname] = [path, None if path else ""]
    queue.extend(scan(source, ".".join(name), is_pkg))
    for i in range(1, len(name)):
        queue.append((name[:i], optional, False))

queue = scan(req["source"], req["fqn"], False)
queue.append((("ansible", "module_utils", "basic"), False, False))
while queue:
    queue.sort()
    parts, optional, ambiguous = queue.pop(0)
    add(parts, optional, ambiguous)
answer({"files": files, "version": release.__version__})
`

// scanAnswer is depScanner's output.
type scanAnswer struct {
	Error string `json:"error"`
	// Files maps a zip name to [source path or null, inline text or null].
	Files   map[string][2]*string `json:"files"`
	Version string                `json:"version"`
}

// payload is a new-style module's zip (base64 in the wrapper) and the
// ansible-core version whose module_utils it holds.
type payload struct {
	zip     []byte
	version string
}

// payloads caches built payloads by module file, fqn and search paths:
// the same module runs on many hosts and many times.
var payloads sync.Map

// payloadTimeout bounds one run of the dependency scanner.
const payloadTimeout = 2 * time.Minute

// buildPayload returns the zip holding the module (as fqn) and every
// module_utils file it imports.
func buildPayload(ctx context.Context, m *Module, source []byte, fqn string, muPaths, collPaths []string) (*payload, error) {
	key := strings.Join(append([]string{m.Path, fqn}, append(muPaths, collPaths...)...), "\x00")
	if p, ok := payloads.Load(key); ok {
		return p.(*payload), nil
	}
	ans, err := scanDeps(ctx, source, fqn, muPaths, collPaths)
	if err != nil {
		return nil, err
	}
	zipData, err := zipFiles(ans.Files, fqn, source)
	if err != nil {
		return nil, fmt.Errorf("build the payload of %s: %w", m.Path, err)
	}
	p := &payload{zip: zipData, version: ans.Version}
	payloads.Store(key, p)
	return p, nil
}

// scanDeps runs depScanner with the first controller Python that has
// ansible-core.
func scanDeps(ctx context.Context, source []byte, fqn string, muPaths, collPaths []string) (*scanAnswer, error) {
	req, err := json.Marshal(map[string]any{"source": string(source), "fqn": fqn,
		"mu_paths": nonNil(muPaths), "collection_paths": nonNil(collPaths)})
	if err != nil {
		return nil, fmt.Errorf("encode the scanner's request: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, payloadTimeout)
	defer cancel()
	out, err := ctlpython.Run(ctx, ctlpython.Program{Source: depScanner, Stdin: req, MaxOutput: maxScanAnswer})
	if err != nil {
		return nil, fmt.Errorf("%w (new-style Python modules are packaged with the module_utils of the controller's ansible-core): %w", ErrNoAnsible, err)
	}
	var ans scanAnswer
	if err := json.Unmarshal(out, &ans); err != nil {
		return nil, fmt.Errorf("unreadable answer of the module_utils scanner: %w", err)
	}
	if ans.Error != "" {
		return nil, errors.New(ans.Error)
	}
	return &ans, nil
}

// maxScanAnswer bounds the module_utils scanner's answer (the sources of
// the module_utils a module imports).
const maxScanAnswer = 256 << 20

// ErrNoAnsible is the failure to find ansible-core on the controller.
var ErrNoAnsible = errors.New("ansible-core is not installed on the controller")

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// zipFiles writes the scanned files and the module (at fqn's path, with
// the package files leading to it) into a zip with fixed timestamps.
func zipFiles(files map[string][2]*string, fqn string, source []byte) ([]byte, error) {
	contents := map[string][]byte{}
	for name, f := range files {
		if f[0] == nil {
			contents[name] = []byte(deref(f[1]))
			continue
		}
		data, err := os.ReadFile(*f[0])
		if err != nil {
			return nil, fmt.Errorf("read module_utils file: %w", err)
		}
		contents[name] = data
	}
	parts := strings.Split(fqn, ".")
	contents[strings.Join(parts, "/")+".py"] = source
	for i := 1; i < len(parts); i++ {
		pkg := strings.Join(parts[:i], "/") + "/__init__.py"
		if _, ok := contents[pkg]; !ok {
			contents[pkg] = nil
		}
	}
	names := make([]string, 0, len(contents))
	for n := range contents {
		names = append(names, n)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	stamp := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, n := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store, Modified: stamp})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(contents[n]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
