package playbook

import (
	"strings"
	"testing"
)

func TestShouldRun(t *testing.T) {
	split := func(s string) []string {
		if s == "" {
			return nil
		}
		return strings.Split(s, ",")
	}
	tests := []struct {
		tags, only, skip string
		want             bool
	}{
		{"", "", "", true},
		{"never", "", "", false},
		{"never,x", "x", "", true},
		{"always", "x", "", true},
		{"always", "", "always", false},
		{"always", "", "all", true},
		{"always", "", "all,always", false},
		{"a", "", "all", false},
		{"", "tagged", "", false},
		{"a", "tagged", "", true},
		{"never,a", "tagged", "", false},
		{"", "untagged", "", true},
		{"a", "untagged", "", false},
		{"a", "", "tagged", false},
		{"", "", "tagged", true},
		{"a,b", "b", "a", false},
		{"a", "all", "", true},
	}
	for _, tc := range tests {
		if got := ShouldRun(split(tc.tags), split(tc.only), split(tc.skip)); got != tc.want {
			t.Errorf("ShouldRun(%q, only %q, skip %q) = %v, want %v", tc.tags, tc.only, tc.skip, got, tc.want)
		}
	}
}

func TestAllHandlersAndRoleVarsDir(t *testing.T) {
	pb, err := Load("testdata/list/site.yml", testOpts)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, h := range pb.Plays[0].AllHandlers() {
		names = append(names, h.DisplayName())
	}
	if got, want := strings.Join(names, "|"), "web : restart web|restart"; got != want {
		t.Errorf("handlers: got %s, want %s", got, want)
	}
	db := pb.Plays[0].ImportedRoles[0].Role
	if db.Name != "db" || db.Vars["a"] != 1 {
		t.Errorf("db role vars from vars/main/: %+v", db.Vars)
	}
	imp, err := Load("testdata/list/import.yml", testOpts)
	if err != nil {
		t.Fatal(err)
	}
	if p := imp.Plays[0]; p.Name != "imported play" || strings.Join(p.Tags, ",") != "imp" || p.DisplayName() != "imported play" {
		t.Errorf("import_playbook play: %q tags %v", p.Name, p.Tags)
	}
	if p := imp.Plays[1]; p.DisplayName() != "db" {
		t.Errorf("unnamed play display name %q", p.DisplayName())
	}
}
