package playbook

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDuplicateDictKey pins duplicate_dict_key; the messages are
// ansible-playbook 2.14's for the same file (yaml_parsing target).
func TestDuplicateDictKey(t *testing.T) {
	const site = "- hosts: localhost\n  gather_facts: false\n  vars:\n    foo: bar\n    foo: baz\n"
	const found = ", line 4, column 5, found a duplicate dict key (foo). Using last defined value only."
	cases := []struct {
		name, mode, site  string
		wantWarn, wantErr string
	}{
		{"warn by default", "", site, found, ""},
		{"warn", "warn", site, found, ""},
		{"error", "error", site, "", "site.yml:4:5: Syntax Error while loading YAML.\n  While constructing a mapping from "},
		{"ignore", "ignore", site, "", ""},
		{"yes and true are one key", "error", "- hosts: h\n  vars:\n    m: {yes: 1, true: 2}\n", "", "duplicate dict key (True)"},
		{"1 and '1' differ", "error", "- hosts: h\n  vars:\n    m: {1: a, '1': b}\n", "", ""},
		{"merged key overridden", "error", "- hosts: h\n  vars:\n    b: &b {x: 1}\n    m: {<<: *b, x: 2}\n", "", "line 4, column 8, found a duplicate dict key (x)"},
		{"merged keys only", "error", "- hosts: h\n  vars:\n    b: &b {x: 1}\n    m: {<<: *b, y: 2}\n", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "site.yml")
			if err := os.WriteFile(path, []byte(c.site), 0o644); err != nil {
				t.Fatal(err)
			}
			var warns []string
			opts := testOpts
			opts.DuplicateDictKey, opts.Warn = c.mode, func(m string) { warns = append(warns, m) }
			pb, err := Load(path, opts)
			switch {
			case c.wantErr == "" && err != nil:
				t.Fatalf("load: %v", err)
			case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
				t.Fatalf("got error %v, want one containing %q", err, c.wantErr)
			}
			if c.wantWarn == "" && len(warns) > 0 {
				t.Errorf("unexpected warnings %q", warns)
			}
			if c.wantWarn != "" {
				want := "While constructing a mapping from " + path + c.wantWarn
				if len(warns) != 1 || warns[0] != want {
					t.Errorf("warnings %q, want [%q]", warns, want)
				}
				if got := pb.Plays[0].Vars["foo"]; got != "baz" {
					t.Errorf("foo = %v, want the last value baz", got)
				}
			}
		})
	}
}
