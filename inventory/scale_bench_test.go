package inventory

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// scaleINI writes an INI inventory of n hosts in n/100 groups of 100 (each
// host with three variables), two parent groups and group vars, as a
// large fleet's inventory looks.
func scaleINI(tb testing.TB, n int) string {
	tb.Helper()
	var b strings.Builder
	for g := 0; g < (n+99)/100; g++ {
		fmt.Fprintf(&b, "[rack%d]\n", g)
		for i := g * 100; i < min(n, (g+1)*100); i++ {
			fmt.Fprintf(&b, "h%d.example.org ansible_host=10.%d.%d.%d ansible_port=22 rack_slot=%d\n",
				i, i>>16&255, i>>8&255, i&255, i%100)
		}
		fmt.Fprintf(&b, "[rack%d:vars]\nrack_name=rack%d\n", g, g)
	}
	b.WriteString("[web:children]\n")
	for g := 0; g < (n+99)/100; g += 2 {
		fmt.Fprintf(&b, "rack%d\n", g)
	}
	b.WriteString("[fleet:children]\nweb\n")
	for g := 1; g < (n+99)/100; g += 2 {
		fmt.Fprintf(&b, "rack%d\n", g)
	}
	b.WriteString("[all:vars]\nansible_user=deploy\n")
	path := filepath.Join(tb.TempDir(), "hosts.ini")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkLoadINI10000 parses a 10,000-host inventory and resolves every
// host's variables and groups, as a run does before it starts (target:
// well under a second).
func BenchmarkLoadINI10000(b *testing.B) {
	path := scaleINI(b, 10000)
	b.ReportAllocs()
	for b.Loop() {
		inv, err := Load([]string{path}, Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, h := range inv.Hosts() {
			if _, err := inv.HostVarLayers(h); err != nil {
				b.Fatal(err)
			}
			_ = inv.GroupNames(h)
		}
		_ = inv.Groups()
	}
}

// TestScaleInventoryShape checks the benchmark's inventory is what it
// claims: every host, in its rack and in all, with its variables.
func TestScaleInventoryShape(t *testing.T) {
	inv, err := Load([]string{scaleINI(t, 1000)}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(inv.Hosts()); got != 1000 {
		t.Fatalf("hosts = %d, want 1000", got)
	}
	groups := inv.Groups()
	if len(groups["all"]) != 1000 || len(groups["rack3"]) != 100 || len(groups["fleet"]) != 1000 || len(groups["web"]) != 500 {
		t.Fatalf("group sizes: all %d rack3 %d fleet %d web %d", len(groups["all"]), len(groups["rack3"]),
			len(groups["fleet"]), len(groups["web"]))
	}
	vars, err := inv.HostVars("h342.example.org")
	if err != nil {
		t.Fatal(err)
	}
	if vars["rack_name"] != "rack3" || vars["ansible_user"] != "deploy" || vars["ansible_host"] != "10.0.1.86" {
		t.Fatalf("vars of h342: %v", vars)
	}
}
