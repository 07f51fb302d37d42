package modules_test

import (
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/modules"
)

// dirHost is a HostContext finding files under root/kind/ with fixed variables.
type dirHost struct {
	root string
	vars map[string]any
}

func (h dirHost) Var(name string) (any, bool, error) { v, ok := h.vars[name]; return v, ok, nil }
func (h dirHost) Template(v any) (any, error)        { return v, nil }
func (h dirHost) Eval(string) (any, error)           { return nil, fmt.Errorf("not supported") }
func (h dirHost) Condition(string) (bool, error)     { return false, fmt.Errorf("not supported") }
func (h dirHost) RenderFile(p string, _ modules.TemplateOptions) ([]byte, error) {
	return os.ReadFile(p)
}

// ReadVars decodes a vars file as the engine's loader does.
func (h dirHost) ReadVars(path string) (map[string]any, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	vars, err := playbook.DecodeVars(path, data)
	if errors.Is(err, playbook.ErrNotMapping) {
		return nil, fmt.Errorf("%w: %w", modules.ErrVarsNotMapping, err)
	}
	return vars, err
}

func (h dirHost) FindFile(kind, name string) (string, error) {
	p := filepath.Join(h.root, kind, name)
	if _, err := os.Stat(p); err != nil {
		return "", err
	}
	return p, nil
}

func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSlurpAndFetch(t *testing.T) {
	conn := hostConn(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "etc", "app.conf")
	writeFiles(t, dir, map[string]string{"etc/app.conf": "key=value\n"})
	res := applyModule(t, conn, "slurp", map[string]any{"src": src}, false)
	if got, _ := base64.StdEncoding.DecodeString(fmt.Sprint(res.Data["content"])); string(got) != "key=value\n" || res.Data["encoding"] != "base64" {
		t.Errorf("slurp = %v", res.Data)
	}
	if res := applyModule(t, conn, "slurp", map[string]any{"src": dir + "/nope"}, false); !res.Failed || res.Msg != "file not found: "+dir+"/nope" {
		t.Errorf("slurp missing = %+v", res)
	}
	out := t.TempDir()
	host := dirHost{root: out, vars: map[string]any{"inventory_hostname": "web1"}}
	want := filepath.Join(out, "web1", src)
	a := map[string]any{"src": src, "dest": out}
	if res := applyWithHost(t, conn, host, "fetch", a, true); !res.Skipped {
		t.Errorf("fetch check mode = %+v", res)
	}
	first := applyWithHost(t, conn, host, "fetch", a, false)
	if !first.Changed || first.Data["dest"] != want {
		t.Fatalf("fetch = %+v", first)
	}
	if got, _ := os.ReadFile(want); string(got) != "key=value\n" {
		t.Errorf("fetched %q", got)
	}
	if again := applyWithHost(t, conn, host, "fetch", a, false); again.Changed {
		t.Errorf("second fetch changed: %+v", again)
	}
	flat := applyWithHost(t, conn, host, "fetch", map[string]any{"src": src, "dest": out + "/flat/", "flat": true}, false)
	if flat.Data["dest"] != filepath.Join(out, "flat", "app.conf") {
		t.Errorf("flat dest = %v", flat.Data["dest"])
	}
	missing := applyWithHost(t, conn, host, "fetch", map[string]any{"src": dir + "/nope", "dest": out, "fail_on_missing": false}, false)
	if missing.Failed || missing.Msg != "the remote file does not exist, not transferring, ignored" {
		t.Errorf("missing, fail_on_missing=false: %+v", missing)
	}
}

func TestIncludeVars(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"vars/main.yml":       "a: 1\nlist: [x, y]\n",
		"vars/d/10-base.yml":  "port: 80\nname: base\n",
		"vars/d/20-over.yaml": "port: 8080\n",
		"vars/d/notes.txt":    "ignored",
		"vars/bad.yml":        "- not a dict\n",
	})
	host := dirHost{root: root}
	tests := []struct {
		name    string
		args    map[string]any
		want    map[string]any
		failMsg string
	}{
		{"file", map[string]any{"file": "main.yml"}, map[string]any{"a": 1, "list": []any{"x", "y"}}, ""},
		{"free form with name", map[string]any{"_raw_params": "main.yml", "name": "cfg"}, map[string]any{"cfg": map[string]any{"a": 1, "list": []any{"x", "y"}}}, ""},
		{"free form loses its folded newline", map[string]any{"_raw_params": "main.yml\n"}, map[string]any{"a": 1, "list": []any{"x", "y"}}, ""},
		{"empty file name", map[string]any{"file": ""}, nil, "Could not find file on the Ansible Controller.\n" +
			"If you are using a module and expect the file to exist on the remote, see the remote_src option"},
		{"dir in order", map[string]any{"dir": "d", "ignore_unknown_extensions": true}, map[string]any{"port": 8080, "name": "base"}, ""},
		{"dir unknown extension", map[string]any{"dir": "d"}, nil, filepath.Join(root, "vars/d/notes.txt") + " does not have a valid extension: json, yaml, yml"},
		{"not a dict", map[string]any{"file": "bad.yml"}, nil, filepath.Join(root, "vars/bad.yml") + " must be stored as a dictionary/hash"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := applyWithHost(t, nil, host, "include_vars", tt.args, false)
			if tt.failMsg != "" {
				if !res.Failed || res.Msg != tt.failMsg {
					t.Fatalf("got failed=%v msg=%q, want %q", res.Failed, res.Msg, tt.failMsg)
				}
				return
			}
			if res.Failed || !reflect.DeepEqual(res.Facts, tt.want) {
				t.Fatalf("facts = %#v (failed=%v %s), want %#v", res.Facts, res.Failed, res.Msg, tt.want)
			}
		})
	}
}

func TestSetupFacts(t *testing.T) {
	res := applyModule(t, hostConn(t), "setup", nil, false)
	if !res.CacheableFacts {
		t.Fatal("setup facts are not cacheable")
	}
	for _, k := range []string{"ansible_distribution", "ansible_os_family", "ansible_hostname", "ansible_architecture", "ansible_kernel",
		"ansible_user_id", "ansible_pkg_mgr", "ansible_service_mgr"} {
		if s, _ := res.Facts[k].(string); s == "" {
			t.Errorf("%s is empty", k)
		}
	}
	if n, _ := res.Facts["ansible_processor_vcpus"].(int); n < 1 {
		t.Errorf("ansible_processor_vcpus = %v", res.Facts["ansible_processor_vcpus"])
	}
	nested, _ := res.Facts["ansible_facts"].(map[string]any)
	if nested["distribution"] != res.Facts["ansible_distribution"] || nested["env"] == nil {
		t.Errorf("ansible_facts does not mirror the facts: %v", nested["distribution"])
	}
	filtered := applyModule(t, hostConn(t), "gather_facts", map[string]any{"filter": []any{"ansible_dist*"}}, false)
	for k := range filtered.Data["ansible_facts"].(map[string]any) {
		if !strings.HasPrefix(k, "ansible_distribution") && k != "gather_subset" && k != "module_setup" {
			t.Errorf("filter kept %s", k)
		}
	}
}

func TestPauseAndDoc(t *testing.T) {
	res := applyModule(t, nil, "pause", map[string]any{"seconds": 1}, false)
	if res.Data["stdout"] != "Paused for 1.0 seconds" && !strings.HasPrefix(fmt.Sprint(res.Data["stdout"]), "Paused for 1.0") {
		t.Errorf("pause stdout = %v", res.Data["stdout"])
	}
	for _, name := range modules.Names() {
		mod, _ := modules.Lookup(name)
		if spec := mod.Spec(); spec.Short == "" || spec.Example == "" {
			t.Errorf("module %s lacks Short or Example", name)
		}
		doc, err := modules.Doc("ansible.builtin." + name)
		if err != nil || !strings.Contains(doc, "EXAMPLES:") {
			t.Errorf("Doc(%s) = %q, %v", name, doc, err)
		}
	}
	if !strings.Contains(modules.DocList(), "apt ") {
		t.Error("DocList lacks apt")
	}
	if _, err := modules.Doc("no_such_module"); err == nil {
		t.Error("Doc of an unknown module succeeded")
	}
}
