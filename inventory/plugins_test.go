package inventory

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestSafeGroupName checks to_safe_group_name under each
// TRANSFORM_INVALID_GROUP_CHARS mode: the name and the warning given.
func TestSafeGroupName(t *testing.T) {
	cases := []struct {
		mode, name, want, warning string
	}{
		{"", "web", "web", ""},
		{"", "local-", "local-", warnGroupsNotReplaced},
		{"never", "1st", "1st", warnGroupsNotReplaced},
		{"always", "local-", "local_", warnGroupsReplaced},
		{"always", "a.b c", "a_b_c", warnGroupsReplaced},
		{"always", "9lives", "_lives", warnGroupsReplaced},
		{"silently", "x-y", "x_y", ""},
		{"ignore", "x-y", "x-y", ""},
		{"always", "ünï_ok", "ünï_ok", ""},
	}
	for _, c := range cases {
		t.Run(c.mode+"/"+c.name, func(t *testing.T) {
			inv := newInventory()
			inv.plugins.TransformGroupChars = c.mode
			if got := inv.safeGroupName(c.name); got != c.want {
				t.Errorf("safeGroupName(%q) = %q, want %q", c.name, got, c.want)
			}
			var want []string
			if c.warning != "" {
				want = []string{c.warning}
			}
			if got := inv.Warnings(); !reflect.DeepEqual(got, want) {
				t.Errorf("warnings %q, want %q", got, want)
			}
		})
	}
}

// TestScriptErrors checks the script plugin's errors, worded as Ansible's.
func TestScriptErrors(t *testing.T) {
	cases := []struct {
		name, body, want string
	}{
		{"exit status", "echo oops >&2; exit 3", "Inventory script (SCRIPT) had an execution error: oops\n "},
		{"not json", "echo 'all: {}'", "failed to parse executable inventory script results from SCRIPT"},
		{"not a dict", "echo '[1, 2]'", "failed to parse executable inventory script results from SCRIPT: needs to be a json dict"},
		{"bad hosts", `echo '{"g": {"hosts": "h1"}}'`, "You defined a group 'g' with bad data for the host list:"},
		{"bad vars", `echo '{"g": {"hosts": ["h"], "vars": [1]}}'`, "You defined a group 'g' with bad data for variables:"},
		{"blank host answer", `[ "$1" = --list ] && echo '{"g": ["h"]}' || echo`, "Invalid data from file, expected dictionary and got:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			script := filepath.Join(t.TempDir(), "inv.sh")
			if err := os.WriteFile(script, []byte("#!/bin/sh\n"+c.body+"\n"), 0o755); err != nil {
				t.Fatal(err)
			}
			_, err := Load([]string{script}, Options{})
			want := strings.ReplaceAll(c.want, "SCRIPT", script)
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("error %v, want it to contain %q", err, want)
			}
		})
	}
}

// TestEnabledPlugins checks that INVENTORY_ENABLED decides which plugins
// read a source, in its order.
func TestEnabledPlugins(t *testing.T) {
	dir := t.TempDir()
	ini := filepath.Join(dir, "hosts")
	if err := os.WriteFile(ini, []byte("[web]\nw1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		enabled []string
		source  string
		hosts   []string
		fails   bool
	}{
		{nil, ini, []string{"w1"}, false},
		{[]string{"ansible.builtin.ini"}, ini, []string{"w1"}, false},
		{[]string{"yaml"}, ini, nil, true},
		{[]string{"ini"}, "a,b", nil, true},
		{[]string{"host_list"}, "a[1:2],b", []string{"a[1:2]", "b"}, false},
		{[]string{"advanced_host_list", "host_list"}, "a[1:2],b", []string{"a1", "a2", "b"}, false},
		{[]string{"advanced_host_list"}, "a[1:],b", []string{"a[1:]", "b"}, false},
		{[]string{"advanced_host_list"}, "a[1:j],b", nil, true},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.enabled, "+")+"/"+filepath.Base(c.source), func(t *testing.T) {
			inv, err := Load([]string{c.source}, Options{Plugins: PluginOptions{Enabled: c.enabled}})
			if c.fails {
				if err == nil {
					t.Fatalf("Load succeeded with hosts %v, want an error", inv.Hosts())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := inv.Hosts(); !reflect.DeepEqual(got, c.hosts) {
				t.Errorf("hosts %v, want %v", got, c.hosts)
			}
		})
	}
}
