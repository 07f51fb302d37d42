package inventory

import (
	"path/filepath"
	"reflect"
	"testing"
)

func TestHostVarLayersOrder(t *testing.T) {
	dir := filepath.Join("testdata", "sources")
	inv := loadCase(t, []string{filepath.Join(dir, "invdir"), filepath.Join(dir, "second", "extra.ini")},
		Options{PlaybookDir: filepath.Join(dir, "play")})
	layers, err := inv.HostVarLayers("w1")
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ name, file string }
	want := []row{
		{"inventory group all", ""},
		{"inventory group extra", ""},
		{"inventory group web", ""},
		{"inventory group_vars/all", "invdir/group_vars/all.yml"},
		{"playbook group_vars/all", "play/group_vars/all.yml"},
		{"inventory group_vars/web", "invdir/group_vars/web.yml"},
		{"inventory group_vars/web", "second/group_vars/web.yml"},
		{"playbook group_vars/web", "play/group_vars/web.yml"},
		{"inventory host w1", ""},
		{"inventory host_vars/w1", "invdir/host_vars/w1.yml"},
	}
	var got []row
	for _, l := range layers {
		file := ""
		if l.File != "" {
			abs, _ := filepath.Abs(dir)
			file, _ = filepath.Rel(abs, l.File)
		}
		got = append(got, row{l.Name, file})
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("layers:\n got %v\nwant %v", got, want)
	}
	vars, err := inv.HostVars("w1")
	if err != nil {
		t.Fatal(err)
	}
	if vars["level"] != "inv_host_w1" || vars["only_play_all"] != 1 || vars["only_inv_all"] != 1 {
		t.Errorf("merged vars = %v", vars)
	}
}

func TestGroupsAndMagicVars(t *testing.T) {
	inv := loadCase(t, []string{"testdata/ini/children.ini"}, Options{})
	groups := inv.Groups()
	wantGroups := map[string][]string{
		"all":       {"web1", "web2", "db1"},
		"ungrouped": {},
		"dc1":       {"web1", "web2", "db1"},
		"prod":      {"web1", "web2", "db1"},
		"staging":   {"web1", "web2"},
		"web":       {"web1", "web2"},
		"db":        {"db1"},
		"lonely":    {},
	}
	for g, want := range wantGroups {
		if got := groups[g]; !reflect.DeepEqual(append([]string{}, got...), want) {
			t.Errorf("groups[%s] = %v, want %v", g, got, want)
		}
	}
	if got, want := inv.GroupNames("web1"), []string{"dc1", "prod", "staging", "web"}; !reflect.DeepEqual(got, want) {
		t.Errorf("GroupNames(web1) = %v, want %v", got, want)
	}
	magic := inv.MagicVars("web1")
	if magic["inventory_hostname"] != "web1" || magic["inventory_hostname_short"] != "web1" {
		t.Errorf("MagicVars = %v", magic)
	}
	if got := inv.MagicVars("10.1.2.3")["inventory_hostname_short"]; got != "10.1.2.3" {
		t.Errorf("short name of an IP = %v", got)
	}
	if got := inv.MagicVars("a.b.c")["inventory_hostname_short"]; got != "a" {
		t.Errorf("short name of a.b.c = %v", got)
	}
}

func TestImplicitLocalhost(t *testing.T) {
	inv := loadCase(t, []string{"testdata/ini/vars_only.ini"}, Options{})
	if got, err := inv.Match("all"); err != nil || !reflect.DeepEqual(got, []string{"w1"}) {
		t.Fatalf("all = %v, %v (implicit localhost must not match all)", got, err)
	}
	got, err := inv.Match("localhost")
	if err != nil || !reflect.DeepEqual(got, []string{"localhost"}) {
		t.Fatalf("localhost = %v, %v", got, err)
	}
	h, ok := inv.Host("localhost")
	if !ok || !h.Implicit {
		t.Fatalf("Host(localhost) = %v, %v", h, ok)
	}
	vars, err := inv.HostVars("localhost")
	if err != nil {
		t.Fatal(err)
	}
	if vars["ansible_connection"] != "local" || vars["ntp"] != "pool.ntp.org" {
		t.Errorf("implicit localhost vars = %v", vars)
	}
	if names := inv.GroupNames("localhost"); len(names) != 0 {
		t.Errorf("implicit localhost groups = %v", names)
	}
	if _, ok := inv.Host("nothere"); ok {
		t.Error("Host(nothere) found")
	}
}

func TestLoadErrors(t *testing.T) {
	if _, err := Load([]string{"testdata/does-not-exist.ini"}, Options{}); err == nil {
		t.Error("missing source: no error")
	}
	inv := loadCase(t, []string{"a,b:2200,"}, Options{})
	if got := inv.Hosts(); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("host list hosts = %v", got)
	}
	h, _ := inv.Host("b")
	if h.Vars["ansible_port"] != 2200 {
		t.Errorf("b vars = %v", h.Vars)
	}
}
