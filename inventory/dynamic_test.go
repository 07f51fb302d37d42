package inventory

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestDynamicChanges follows ansible-core's add_dynamic_host and
// add_dynamic_group on one inventory, step by step: what each change
// reports and the groups it leaves.
func TestDynamicChanges(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "hosts")
	if err := os.WriteFile(src, []byte("h1\n[web]\nh2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	inv, err := Load([]string{src}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name    string
		do      func() (bool, error)
		changed bool
		groups  map[string][]string
	}{
		{"new host", func() (bool, error) { return inv.AddDynamicHost("d1", nil, nil) }, true,
			map[string][]string{"ungrouped": {"h1", "d1"}}},
		{"same host", func() (bool, error) { return inv.AddDynamicHost("d1", nil, nil) }, false, nil},
		{"new var", func() (bool, error) { return inv.AddDynamicHost("d1", nil, map[string]any{"a": 1}) }, true, nil},
		{"same var", func() (bool, error) { return inv.AddDynamicHost("d1", nil, map[string]any{"a": 1}) }, false, nil},
		{"into a new group", func() (bool, error) { return inv.AddDynamicHost("d1", []string{"dyn"}, nil) }, true,
			map[string][]string{"ungrouped": {"h1"}, "dyn": {"d1"}}},
		{"group_by", func() (bool, error) { return inv.AddDynamicGroup("h1", "by", []string{"all"}) }, true,
			map[string][]string{"ungrouped": {}, "by": {"h1"}}},
		{"group_by again", func() (bool, error) { return inv.AddDynamicGroup("h1", "by", []string{"all"}) }, false, nil},
		{"new parent", func() (bool, error) { return inv.AddDynamicGroup("h1", "by", []string{"p"}) }, true,
			map[string][]string{"p": {"h1"}}},
		{"existing parent", func() (bool, error) { return inv.AddDynamicGroup("h2", "sub", []string{"web"}) }, true,
			map[string][]string{"web": {"h2"}, "sub": {"h2"}}},
	}
	for _, s := range steps {
		changed, err := s.do()
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if changed != s.changed {
			t.Errorf("%s: changed = %v, want %v", s.name, changed, s.changed)
		}
		groups := inv.Groups()
		for g, want := range s.groups {
			if got := groups[g]; !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
				t.Errorf("%s: groups[%s] = %v, want %v", s.name, g, got, want)
			}
		}
	}
	if _, err := inv.AddDynamicGroup("nosuch", "g", nil); err == nil {
		t.Error("group_by of a host not in the inventory: no error")
	}
	if got := inv.GroupNames("h1"); !reflect.DeepEqual(got, []string{"by", "p"}) {
		t.Errorf("group_names of h1 = %v", got)
	}
}

// TestReload reads the sources again: a host the file no longer has is
// gone, dynamic hosts are not kept (the caller replays them).
func TestReload(t *testing.T) {
	src := filepath.Join(t.TempDir(), "hosts")
	if err := os.WriteFile(src, []byte("one\ntwo\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	inv, err := Load([]string{src}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := inv.AddDynamicHost("dyn", nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(src, []byte("two\nthree\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fresh, err := inv.Reload()
	if err != nil {
		t.Fatal(err)
	}
	if got := fresh.Hosts(); !reflect.DeepEqual(got, []string{"two", "three"}) {
		t.Errorf("hosts after reload = %v", got)
	}
}
