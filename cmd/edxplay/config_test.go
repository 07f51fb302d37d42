package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/ansiblecfg"
)

// loadTestConfig reads an ansible.cfg with text and the environment env.
func loadTestConfig(t *testing.T, text string, env map[string]string) *ansiblecfg.Config {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "ansible.cfg")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	lookup := func(name string) (string, bool) { v, ok := env[name]; return v, ok }
	cfg, err := ansiblecfg.LoadFile(path, ansiblecfg.Env{Lookup: lookup, Cwd: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

const testCfg = `[defaults]
forks = 7
remote_user = cfguser
gathering = explicit
any_errors_fatal = True
hash_behaviour = merge
[privilege_escalation]
become = True
become_user = edx
become_method = su
`

// TestConfigUnderFlags checks the precedence flag > ANSIBLE_* > ansible.cfg
// > default for the settings that reach engine.Options.
func TestConfigUnderFlags(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		env   map[string]string
		check func(t *testing.T, got string)
	}{
		{"file", nil, nil, want("forks=7 user=cfguser become=true edx su gathering=explicit fatal=true merge=true nohandler=false")},
		{"flags win", []string{"-f", "3", "-u", "admin", "--become-user", "root", "--become-method", "sudo"}, nil,
			want("forks=3 user=admin become=true root sudo gathering=explicit fatal=true merge=true nohandler=false")},
		{"env over file", nil, map[string]string{"ANSIBLE_FORKS": "9", "ANSIBLE_REMOTE_USER": "envuser",
			"ANSIBLE_GATHERING": "implicit", "ANSIBLE_HASH_BEHAVIOUR": "replace", "ANSIBLE_ERROR_ON_MISSING_HANDLER": "false"},
			want("forks=9 user=envuser become=true edx su gathering=implicit fatal=true merge=false nohandler=true")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := parseRun(t, append([]string{"site.yml"}, tt.args...)...)
			opts := engineOptions(o.selection(), o.outputFlags, nil, loadTestConfig(t, testCfg, tt.env))
			tt.check(t, strings.Join([]string{"forks=" + strconv.Itoa(opts.Forks), "user=" + opts.RemoteUser,
				"become=" + btoa(opts.Become), opts.BecomeUser, opts.BecomeMethod, "gathering=" + opts.Gathering,
				"fatal=" + btoa(opts.AnyErrorsFatal), "merge=" + btoa(opts.MergeVars),
				"nohandler=" + btoa(opts.IgnoreMissingHandler)}, " "))
		})
	}
}

func want(s string) func(*testing.T, string) {
	return func(t *testing.T, got string) {
		t.Helper()
		if got != s {
			t.Errorf("got  %s\nwant %s", got, s)
		}
	}
}

func btoa(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// TestNoConfigKeepsEdxplayDefaults checks that without ansible.cfg
// settings edxplay's own defaults stay (forks 100, not Ansible's 5).
func TestNoConfigKeepsEdxplayDefaults(t *testing.T) {
	o := parseRun(t, "site.yml")
	opts := engineOptions(o.selection(), o.outputFlags, nil, loadTestConfig(t, "[defaults]\n", nil))
	if opts.Forks != defaultForks || opts.Become || opts.BecomeUser != "" || opts.Gathering != "implicit" || opts.MergeVars {
		t.Errorf("defaults changed: %+v", opts)
	}
}

// TestHostKeyCheckingFromConfig checks the mapping of host_key_checking:
// False accepts and records unknown keys (accept-new), never "off".
func TestHostKeyCheckingFromConfig(t *testing.T) {
	tests := []struct {
		cfg, flag string
		env       map[string]string
		want      string
	}{
		{"", "", nil, ""},
		{"host_key_checking = False\n", "", nil, "accept-new"},
		{"host_key_checking = True\n", "", nil, "strict"},
		{"", "", map[string]string{"ANSIBLE_HOST_KEY_CHECKING": "false"}, "accept-new"},
		{"host_key_checking = False\n", "strict", nil, "strict"},
		{"host_key_checking = True\n", "off", nil, "off"},
	}
	for _, tt := range tests {
		cfg := loadTestConfig(t, "[defaults]\n"+tt.cfg, tt.env)
		got := configuredTransport(transportFlags{HostKeyChecking: tt.flag}, cfg)
		if got.HostKeyChecking != tt.want {
			t.Errorf("cfg %q env %v flag %q: host key checking %q, want %q", tt.cfg, tt.env, tt.flag, got.HostKeyChecking, tt.want)
		}
	}
}

// TestTransportFromConfig checks private_key_file (relative to the
// config file), timeout and become_ask_pass under their flags.
func TestTransportFromConfig(t *testing.T) {
	cfg := loadTestConfig(t, "[defaults]\nprivate_key_file = keys/id\ntimeout = 33\n[privilege_escalation]\nbecome_ask_pass = yes\n", nil)
	got := configuredTransport(transportFlags{}, cfg)
	if !strings.HasSuffix(got.PrivateKey, "/keys/id") || !filepath.IsAbs(got.PrivateKey) || got.Timeout != 33 || !got.AskBecomePass {
		t.Errorf("from config: %+v", got)
	}
	got = configuredTransport(transportFlags{PrivateKey: "/flag/key", Timeout: 5}, cfg)
	if got.PrivateKey != "/flag/key" || got.Timeout != 5 {
		t.Errorf("flags lost: %+v", got)
	}
}

// TestIgnoredSettingsNotedAtVerbose checks that a changed setting edxplay
// does not act on is named, with its origin, at -v and not without.
func TestIgnoredSettingsNotedAtVerbose(t *testing.T) {
	cfg := loadTestConfig(t, "[defaults]\nstdout_callback = yaml\n", nil)
	var quiet, verbose strings.Builder
	noteIgnoredSettings(&quiet, cfg, 0)
	noteIgnoredSettings(&verbose, cfg, 1)
	if quiet.Len() != 0 {
		t.Errorf("noted without -v: %q", quiet.String())
	}
	if s := verbose.String(); !strings.Contains(s, "DEFAULT_STDOUT_CALLBACK (from ") || !strings.Contains(s, "--output") ||
		strings.Count(s, "\n") != 1 {
		t.Errorf("-v note = %q", s)
	}
}

// TestVaultSecretsFromConfig checks vault_password_file (a path, relative
// to the config file) and vault_identity_list (a list whose sources, as in
// Ansible, are relative to the working directory) of ansible.cfg.
func TestVaultSecretsFromConfig(t *testing.T) {
	tests := []struct {
		name, cfg string
		inCfgDir  bool // run in the config file's directory
		want      int
	}{
		{"none", "", false, 0},
		{"password file", "vault_password_file = pw.txt\n", false, 1},
		{"identity list", "vault_identity_list = dev@pw.txt, prod@pw.txt\n", true, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := loadTestConfig(t, "[defaults]\n"+tt.cfg, nil)
			dir := filepath.Dir(cfg.File)
			if err := os.WriteFile(filepath.Join(dir, "pw.txt"), []byte("secret\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			if tt.inCfgDir {
				t.Chdir(dir)
			} else {
				t.Chdir(t.TempDir())
			}
			secrets, err := loadSecrets(context.Background(), nil, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if secrets.Len() != tt.want {
				t.Errorf("%d secrets, want %d", secrets.Len(), tt.want)
			}
		})
	}
}
