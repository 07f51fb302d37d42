package pymodule_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/connection/local"
	"github.com/edxplay/edxplay/internal/connection/ssh"
	"github.com/edxplay/edxplay/modules"
	"github.com/edxplay/edxplay/modules/pymodule"
	"github.com/edxplay/edxplay/test/testhosts"
)

// vars is a HostContext holding fixed variables (the engine's templating
// is not exercised here: module arguments arrive templated).
type vars map[string]any

func (v vars) Var(name string) (any, bool, error)      { x, ok := v[name]; return x, ok, nil }
func (v vars) Template(x any) (any, error)             { return x, nil }
func (v vars) Eval(string) (any, error)                { return nil, errors.New("not supported") }
func (v vars) Condition(string) (bool, error)          { return false, errors.New("not supported") }
func (v vars) FindFile(string, string) (string, error) { return "", errors.New("not supported") }
func (v vars) ReadVars(string) (map[string]any, error) { return nil, errors.New("not supported") }
func (v vars) RenderFile(string, modules.TemplateOptions) ([]byte, error) {
	return nil, errors.New("not supported")
}

// needAnsible skips when the controller has no ansible-core (new-style
// modules are packaged with its module_utils).
func needAnsible(t *testing.T) {
	t.Helper()
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(py, "-c", "import ansible.module_utils.basic").Run() == nil {
			return
		}
	}
	t.Skip("ansible-core is not installed on the controller")
}

func localConn(t *testing.T) connection.Conn {
	t.Helper()
	c, err := local.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// writeModule writes a module file at dir/rel and returns its path.
func writeModule(t *testing.T, dir, rel, body string) string {
	t.Helper()
	p := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func run(t *testing.T, conn connection.Conn, path, name string, args map[string]any, check bool, host vars) *modules.Result {
	t.Helper()
	if host == nil {
		host = vars{"ansible_python_interpreter": "/usr/bin/python3"}
	}
	m := pymodule.New(path, name, pymodule.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := m.Run(ctx, &modules.Call{Args: args, Conn: conn, Check: check, Host: host})
	if err != nil {
		t.Fatalf("%s %v (check=%v): %v", name, args, check, err)
	}
	return res
}

// touchModule is a new-style module that creates a file: changed only
// when it was missing, nothing done in check mode.
const touchModule = `#!/usr/bin/python
from ansible.module_utils.basic import AnsibleModule
import os

def main():
    m = AnsibleModule(argument_spec=dict(path=dict(type='path', required=True), mode=dict(type='str', default='0644')),
                      supports_check_mode=True)
    p = m.params['path']
    if os.path.exists(p):
        m.exit_json(changed=False, path=p, msg='exists')
    if not m.check_mode:
        with open(p, 'w'):
            pass
    m.exit_json(changed=True, path=p, msg='created', ansible_facts={'touched': p})

if __name__ == '__main__':
    main()
`

// TestNewStyleConverges runs a new-style module in check mode (predicts
// the change, changes nothing), for real (changes), and again (no change).
func TestNewStyleConverges(t *testing.T) {
	needAnsible(t)
	conn := localConn(t)
	dir := t.TempDir()
	mod := writeModule(t, dir, "library/touch.py", touchModule)
	target := filepath.Join(dir, "made")
	args := map[string]any{"path": target}
	exists := func() bool { _, err := os.Stat(target); return err == nil }

	check := run(t, conn, mod, "touch", args, true, nil)
	if !check.Changed || check.Failed || exists() {
		t.Fatalf("check mode: %+v (file exists: %v)", check, exists())
	}
	first := run(t, conn, mod, "touch", args, false, nil)
	if !first.Changed || first.Failed || first.Msg != "created" || !exists() {
		t.Fatalf("first run: %+v", first)
	}
	if first.Facts["touched"] != target || !first.CacheableFacts {
		t.Errorf("facts %v", first.Facts)
	}
	if _, ok := first.Data["invocation"]; ok {
		t.Errorf("invocation kept below -vvv: %v", first.Data)
	}
	second := run(t, conn, mod, "touch", args, false, nil)
	if second.Changed || second.Failed || second.Msg != "exists" {
		t.Fatalf("second run: %+v", second)
	}
	bad := run(t, conn, mod, "touch", map[string]any{"path": target, "nope": 1}, false, nil)
	if !bad.Failed || !strings.Contains(bad.Msg, "Unsupported parameters for (touch) module: nope") {
		t.Fatalf("unknown argument: %+v", bad)
	}
}

// TestStyles runs one module of each style and checks what it returns.
func TestStyles(t *testing.T) {
	needAnsible(t)
	conn := localConn(t)
	dir := t.TempDir()
	writeModule(t, dir, "module_utils/answer.py", "def forty_two():\n    return 42\n")
	cases := []struct {
		name, file, body string
		args             map[string]any
		check            bool
		want             map[string]any
		failed           bool
	}{
		{name: "no_check", file: "library/no_check.py", check: true,
			body: "#!/usr/bin/python\nfrom ansible.module_utils.basic import AnsibleModule\nAnsibleModule({}).exit_json(changed=True)\n",
			want: map[string]any{"skipped": true, "msg": "remote module (no_check) does not support check mode"}},
		{name: "relative_utils", file: "library/relative_utils.py",
			body: "#!/usr/bin/python\nfrom ..module_utils.basic import AnsibleModule\nfrom ..module_utils.answer import forty_two\nAnsibleModule({}).exit_json(answer=forty_two())\n",
			want: map[string]any{"answer": 42, "changed": false}},
		{name: "hello_old", file: "library/hello_old.sh", args: map[string]any{"name": "it's me", "n": 3},
			body: "#!/bin/sh\n. \"$1\"\necho \"{\\\"msg\\\": \\\"Hello, $name x$n\\\", \\\"check\\\": \\\"$_ansible_check_mode\\\"}\"\n",
			want: map[string]any{"msg": "Hello, it's me x3", "check": "False"}},
		{name: "want_json", file: "library/want_json.py", args: map[string]any{"list": []any{"a", 1}},
			body: "#!/usr/bin/python\n# WANT_JSON\nimport json, sys\nd = json.load(open(sys.argv[1]))\n" +
				"print(json.dumps(dict(got=d['list'], name=d['_ansible_module_name'], check=d['_ansible_check_mode'], tmp=bool(d['_ansible_tmpdir']))))\n",
			want: map[string]any{"got": []any{"a", 1}, "name": "want_json", "check": false, "tmp": true}},
		{name: "binary", file: "library/binary", args: map[string]any{"x": "y"},
			body: "#!/bin/sh\n# \x01 makes this file binary for Ansible's test\necho \"{\\\"args\\\": $(cat \"$1\")}\"\n",
			want: map[string]any{"changed": false}},
		{name: "junk", file: "library/junk.py",
			body: "#!/usr/bin/python\n# WANT_JSON\nprint('before')\nprint('{\"changed\": true, \"rc\": 0}')\nprint('after')\n",
			want: map[string]any{"changed": true, "warnings": []any{"Module invocation had junk after the JSON data: after"}}},
		{name: "rc", file: "library/rc.py", body: "#!/usr/bin/python\n# WANT_JSON\nprint('{\"rc\": 3, \"stdout\": \"a\\\\nb\"}')\n",
			want: map[string]any{"rc": 3, "stdout_lines": []any{"a", "b"}}, failed: true},
		{name: "garbage", file: "library/garbage.py", body: "#!/usr/bin/python\n# WANT_JSON\nprint('not json')\n",
			want: map[string]any{"module_stdout": "not json\n", "msg": "MODULE FAILURE\nSee stdout/stderr for the exact error", "rc": 0}, failed: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mod := writeModule(t, dir, c.file, c.body)
			for i := 0; i < 2; i++ { // the same result twice: none of these changes anything
				res := run(t, conn, mod, c.name, c.args, c.check, nil)
				if res.Failed != c.failed {
					t.Fatalf("failed=%v, want %v: %+v", res.Failed, c.failed, res)
				}
				for k, v := range c.want {
					if got := fmt.Sprint(res.Data[k]); got != fmt.Sprint(v) {
						t.Errorf("%s = %s, want %v (%v)", k, got, v, res.Data)
					}
				}
			}
		})
	}
}

// TestInternalArgs checks the _ansible_* arguments a new-style module gets.
func TestInternalArgs(t *testing.T) {
	needAnsible(t)
	conn := localConn(t)
	mod := writeModule(t, t.TempDir(), "library/echo_args.py", `#!/usr/bin/python
from ansible.module_utils import basic
import json
raw = json.loads(basic._ANSIBLE_ARGS)['ANSIBLE_MODULE_ARGS']
print(json.dumps(dict(keys=sorted(k for k in raw if k.startswith('_ansible_')), check=raw['_ansible_check_mode'],
                      version=raw['_ansible_version'], name=raw['_ansible_module_name'])))
raise SystemExit(0)
`)
	res := run(t, conn, mod, "echo_args", map[string]any{"a": 1}, true, nil)
	want := "[_ansible_check_mode _ansible_debug _ansible_diff _ansible_keep_remote_files _ansible_module_name _ansible_no_log " +
		"_ansible_remote_tmp _ansible_selinux_special_fs _ansible_shell_executable _ansible_socket _ansible_string_conversion_action " +
		"_ansible_syslog_facility _ansible_tmpdir _ansible_verbosity _ansible_version]"
	if got := fmt.Sprint(res.Data["keys"]); got != want {
		t.Errorf("internal args %s, want %s", got, want)
	}
	if res.Data["check"] != true || res.Data["name"] != "echo_args" || !strings.HasPrefix(fmt.Sprint(res.Data["version"]), "2.") {
		t.Errorf("data %v", res.Data)
	}
}

// TestDiscovery runs a module with interpreter discovery over SSH to a
// loopback host (which has Python) and to a chroot host (which has none).
func TestDiscovery(t *testing.T) {
	needAnsible(t)
	dir := t.TempDir()
	mod := writeModule(t, dir, "library/which.py",
		"#!/usr/bin/python\nimport sys\nfrom ansible.module_utils.basic import AnsibleModule\nAnsibleModule({}).exit_json(python=sys.executable)\n")
	conn := sshConn(t, testhosts.Loopback, "pymodlo")
	res := run(t, conn, mod, "which", nil, false, vars{})
	if res.Failed || res.Facts["discovered_interpreter_python"] != "/usr/bin/python3" || res.Data["python"] != "/usr/bin/python3" {
		t.Fatalf("discovery: %+v", res)
	}
	again := run(t, conn, mod, "which", nil, false, vars{"ansible_facts": map[string]any{"discovered_interpreter_python": "/usr/bin/python3"}})
	if again.Failed || again.Facts != nil {
		t.Fatalf("a known interpreter is not discovered again: %+v", again)
	}
	bare := sshConn(t, testhosts.Chroot, "pymodch")
	m := pymodule.New(mod, "which", pymodule.Options{})
	_, err := m.Run(context.Background(), &modules.Call{Conn: bare, Host: vars{}})
	if !errors.Is(err, pymodule.ErrNoInterpreter) || !strings.Contains(err.Error(), "found no Python on the target") {
		t.Fatalf("a target without Python: %v", err)
	}
}

func sshConn(t *testing.T, mode testhosts.Mode, prefix string) connection.Conn {
	t.Helper()
	fleet := testhosts.StartT(t, testhosts.Options{N: 1, Mode: mode, Prefix: prefix})
	h := fleet.Hosts[0]
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := ssh.Dial(ctx, ssh.HostConfig{Host: h.Addr, Port: h.Port, User: "root", ConfigFile: "none",
		PrivateKeyFiles: []string{fleet.ClientKeyFile}, KnownHostsFiles: []string{fleet.KnownHostsFile}, DisableAgent: true})
	if err != nil {
		t.Fatalf("connect to the test host: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// TestGuardedApplyRunsTheModule describes a playbook's own module as a
// plan's apply does (modules.DescribeToApply, then Apply): a module that
// predicts a change, and one that skips itself in check mode for want of
// support, are run for real by Apply; the second apply changes nothing.
func TestGuardedApplyRunsTheModule(t *testing.T) {
	needAnsible(t)
	conn := localConn(t)
	dir := t.TempDir()
	noCheck := strings.Replace(touchModule, "supports_check_mode=True", "supports_check_mode=False", 1)
	for _, c := range []struct{ name, source string }{{"touch", touchModule}, {"touch_nocheck", noCheck}} {
		t.Run(c.name, func(t *testing.T) {
			m := pymodule.New(writeModule(t, dir, "library/"+c.name+".py", c.source), c.name, pymodule.Options{})
			target := filepath.Join(dir, c.name+".made")
			apply := func() *modules.Result {
				call := &modules.Call{Args: map[string]any{"path": target}, Conn: conn,
					Host: vars{"ansible_python_interpreter": "/usr/bin/python3"}}
				d, err := modules.DescribeToApply(context.Background(), m, call)
				if err != nil {
					t.Fatal(err)
				}
				defer d.Release()
				res, err := d.Apply(context.Background(), m, call)
				if err != nil {
					t.Fatal(err)
				}
				return res
			}
			if res := apply(); !res.Changed || res.Failed {
				t.Fatalf("first apply: %+v", res)
			}
			if _, err := os.Stat(target); err != nil {
				t.Fatalf("the apply reported a change it did not make: %v", err)
			}
			if res := apply(); res.Changed || res.Failed {
				t.Fatalf("second apply: %+v", res)
			}
		})
	}
}
