package inventory

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// listHostsText formats hosts like `ansible PATTERN --list-hosts`.
func listHostsText(hosts []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "  hosts (%d):", len(hosts))
	for _, h := range hosts {
		b.WriteString("\n    " + h)
	}
	return b.String()
}

func TestMatchGolden(t *testing.T) {
	goldens, err := filepath.Glob("testdata/patterns/*.patterns.golden")
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no pattern goldens: %v", err)
	}
	for _, golden := range goldens {
		name := strings.TrimSuffix(golden, ".patterns.golden")
		headers, bodies := parseBlocks(t, golden)
		for _, h := range headers {
			parts := strings.Split(h, "\t")
			if len(parts) != 3 {
				t.Fatalf("bad golden header %q", h)
			}
			pattern, limit, rc := parts[0], parts[1], parts[2]
			t.Run(filepath.Base(name)+"/"+pattern+"/"+limit, func(t *testing.T) {
				// A fresh inventory per pattern: each golden is a separate
				// ansible process (the implicit localhost is created lazily).
				inv := loadCase(t, []string{name + ".ini"}, Options{})
				got, err := matchInDir(inv, filepath.Dir(golden), pattern, limit)
				if bodies[h] == "  hosts (0):" {
					// ansible's ad-hoc CLI turns errors into an empty list.
					if len(got) > 0 {
						t.Fatalf("ansible matched nothing but got %v", got)
					}
					return
				}
				if rc != "0" {
					// ansible fails on errors and on empty selections.
					if err == nil && len(got) > 0 {
						t.Fatalf("ansible failed (rc %s) but got %v", rc, got)
					}
					return
				}
				if err != nil {
					t.Fatalf("Match: %v", err)
				}
				if text, want := listHostsText(got), bodies[h]; text != want {
					t.Errorf("got\n%s\nwant\n%s", text, want)
				}
			})
		}
	}
}

// matchInDir runs MatchLimit with the working directory set for @files.
func matchInDir(inv *Inventory, dir, pattern, limit string) ([]string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	if err := os.Chdir(dir); err != nil {
		return nil, err
	}
	hosts, err := inv.MatchLimit(pattern, limit)
	if cerr := os.Chdir(wd); cerr != nil {
		return nil, cerr
	}
	return hosts, err
}

func TestSplitHostPattern(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"a,b[1], c[2:3] , d", []string{"a", "b[1]", "c[2:3]", "d"}},
		{"web:&db:!x", []string{"web", "&db", "!x"}},
		{"web[0:2]", []string{"web[0:2]"}},
		{"fe80::1", []string{"fe80::1"}},
		{"host:22", []string{"host:22"}},
		{"web*:db[1]", []string{"web*", "db[1]"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := splitHostPattern(tt.in); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("splitHostPattern(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
