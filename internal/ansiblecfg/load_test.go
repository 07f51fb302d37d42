package ansiblecfg

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// write creates path (and its directory) with text.
func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSearchOrder checks find_ini_config_file's order: ANSIBLE_CONFIG
// (a file or a directory), ./ansible.cfg, ~/.ansible.cfg; first found wins.
func TestSearchOrder(t *testing.T) {
	tests := []struct {
		name  string
		files []string // relative to the test root: cwd/, home/, envdir/
		env   string   // ANSIBLE_CONFIG, relative to cwd
		want  string
	}{
		{"env file first", []string{"cwd/ansible.cfg", "home/.ansible.cfg", "cwd/my.cfg"}, "my.cfg", "cwd/my.cfg"},
		{"env directory", []string{"cwd/ansible.cfg", "envdir/ansible.cfg"}, "../envdir", "envdir/ansible.cfg"},
		{"env missing falls through", []string{"cwd/ansible.cfg"}, "nope.cfg", "cwd/ansible.cfg"},
		{"cwd before home", []string{"cwd/ansible.cfg", "home/.ansible.cfg"}, "", "cwd/ansible.cfg"},
		{"home", []string{"home/.ansible.cfg"}, "", "home/.ansible.cfg"},
		{"none", nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			for _, d := range []string{"cwd", "home", "envdir"} {
				if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			for _, f := range tt.files {
				write(t, filepath.Join(root, f), "[defaults]\n")
			}
			vars := envMap{}
			if tt.env != "" {
				vars["ANSIBLE_CONFIG"] = tt.env
			}
			got, _ := findFile(Env{Lookup: vars.lookup, Cwd: filepath.Join(root, "cwd"), Home: filepath.Join(root, "home")})
			if tt.want != "" {
				tt.want = filepath.Join(root, tt.want)
			}
			if got != tt.want && !(tt.want == "" && got == "/etc/ansible/ansible.cfg") {
				t.Errorf("found %q, want %q", got, tt.want)
			}
		})
	}
}

// TestWorldWritableCwdIgnored checks that ./ansible.cfg of a world-writable
// directory is skipped with Ansible's warning, unless ANSIBLE_CONFIG names it.
func TestWorldWritableCwdIgnored(t *testing.T) {
	root := t.TempDir()
	cwd := filepath.Join(root, "cwd")
	write(t, filepath.Join(cwd, "ansible.cfg"), "[defaults]\nforks = 3\n")
	if err := os.Chmod(cwd, 0o777); err != nil {
		t.Fatal(err)
	}
	got, warnings := findFile(Env{Lookup: envMap{}.lookup, Cwd: cwd, Home: filepath.Join(root, "home")})
	if got == filepath.Join(cwd, "ansible.cfg") {
		t.Errorf("world-writable cwd's ansible.cfg was used")
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "Ansible is being run in a world writable directory ("+cwd+")") {
		t.Errorf("warnings = %q", warnings)
	}
	got, warnings = findFile(Env{Lookup: envMap{"ANSIBLE_CONFIG": "ansible.cfg"}.lookup, Cwd: cwd})
	if got != filepath.Join(cwd, "ansible.cfg") || len(warnings) != 0 {
		t.Errorf("ANSIBLE_CONFIG in a world-writable cwd: got %q, warnings %q", got, warnings)
	}
}

// TestPrecedenceAndTypes checks env over file over default, and the
// conversions of ensure_type, including relative paths: against the
// config file's directory from the file, against the cwd from the env.
func TestPrecedenceAndTypes(t *testing.T) {
	root := t.TempDir()
	cfg := filepath.Join(root, "etc", "ansible.cfg")
	write(t, cfg, "[defaults]\nforks = 4\nroles_path = roles:/abs\nprivate_key_file = keys/id\n"+
		"host_key_checking = nonsense\ntimeout = 7\n[privilege_escalation]\nbecome = Yes\n")
	cwd := filepath.Join(root, "work")
	tests := []struct {
		name, setting string
		env           envMap
		want          Value
	}{
		{"file int", "DEFAULT_FORKS", nil, Value{4, cfg}},
		{"env over file", "DEFAULT_FORKS", envMap{"ANSIBLE_FORKS": "9"}, Value{9, "env: ANSIBLE_FORKS"}},
		{"empty env int falls to default", "DEFAULT_TIMEOUT", envMap{"ANSIBLE_TIMEOUT": ""}, Value{10, "default"}},
		{"file pathspec", "DEFAULT_ROLES_PATH", nil, Value{[]string{root + "/etc/roles", "/abs"}, cfg}},
		{"env pathspec from cwd", "DEFAULT_ROLES_PATH", envMap{"ANSIBLE_ROLES_PATH": "r1:r2"},
			Value{[]string{cwd + "/r1", cwd + "/r2"}, "env: ANSIBLE_ROLES_PATH"}},
		{"file path", "DEFAULT_PRIVATE_KEY_FILE", nil, Value{root + "/etc/keys/id", cfg}},
		{"non-strict boolean", "HOST_KEY_CHECKING", nil, Value{false, cfg}},
		{"boolean yes", "DEFAULT_BECOME", nil, Value{true, cfg}},
		{"env boolean", "HOST_KEY_CHECKING", envMap{"ANSIBLE_HOST_KEY_CHECKING": "True"}, Value{true, "env: ANSIBLE_HOST_KEY_CHECKING"}},
		{"default string", "DEFAULT_BECOME_USER", nil, Value{"root", "default"}},
		{"default none", "DEFAULT_REMOTE_USER", nil, Value{nil, "default"}},
		{"last env alias wins", "CALLBACKS_ENABLED", envMap{"ANSIBLE_CALLBACK_WHITELIST": "a", "ANSIBLE_CALLBACKS_ENABLED": "b"},
			Value{[]string{"b"}, "env: ANSIBLE_CALLBACKS_ENABLED"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := LoadFile(cfg, Env{Lookup: tt.env.lookup, Cwd: cwd}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Get(tt.setting); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%s = %#v, want %#v", tt.setting, got, tt.want)
			}
		})
	}
}

// TestBadConfigErrors checks that bad files and values fail with the file
// and line or the setting and its origin named.
func TestBadConfigErrors(t *testing.T) {
	tests := []struct {
		name, text string
		env        envMap
		want       string
	}{
		{"no section", "forks = 3\n", nil, "ansible.cfg:1: file contains no section headers"},
		{"duplicate section", "[defaults]\n[defaults]\n", nil, "ansible.cfg:2: section \"defaults\" already exists"},
		{"duplicate option", "[defaults]\nforks=1\nFORKS=2\n", nil, "ansible.cfg:3: option \"forks\" in section \"defaults\" already exists"},
		{"no value", "[defaults]\nforks\n", nil, "[line  2]: \"forks\""},
		{"bad int", "[defaults]\nforks = many\n", nil, "DEFAULT_FORKS (from "},
		{"bad env int", "[defaults]\n", envMap{"ANSIBLE_FORKS": "x"}, "DEFAULT_FORKS (from env: ANSIBLE_FORKS)"},
		{"bad choice", "[defaults]\ngathering = sometimes\n", nil, "valid values are: implicit, explicit, smart"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "ansible.cfg")
			write(t, path, tt.text)
			_, err := LoadFile(path, Env{Lookup: tt.env.lookup}, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestINISyntax checks configparser's comment, delimiter, continuation
// and [DEFAULT] rules, and that %(name)s is not interpolated.
func TestINISyntax(t *testing.T) {
	f, err := parseINI("x.cfg", "; comment\n[DEFAULT]\nshared = s\n[a]\n# c\nk1 = v ; c\nk2 = v;v\nk3: x = y\n"+
		"k4 = one\n  two\n\n  three\n# not a value line\nK5 = %(shared)s\n  ; indented comment\nk6 =\n")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ key, want string }{
		{"k1", "v"}, {"k2", "v;v"}, {"k3", "x = y"}, {"k4", "one\ntwo\n\nthree"}, {"k5", "%(shared)s"}, {"k6", ""}, {"shared", "s"},
	}
	for _, tt := range tests {
		if got, ok := f.get("a", tt.key); !ok || got != tt.want {
			t.Errorf("[a] %s = %q (%v), want %q", tt.key, got, ok, tt.want)
		}
	}
	if _, ok := f.get("missing", "shared"); ok {
		t.Errorf("a missing section read [DEFAULT]")
	}
}
