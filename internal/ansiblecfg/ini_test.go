package ansiblecfg

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestINIMatchesConfigparser compares the parser with Python's
// configparser as ansible-core sets it up, on the cases under
// testdata/ini recorded by testdata/regen-ini.py.
func TestINIMatchesConfigparser(t *testing.T) {
	cases, err := filepath.Glob("testdata/ini/*.cfg")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, path := range cases {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var want map[string]any
			js, err := os.ReadFile(strings.TrimSuffix(path, ".cfg") + ".json")
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(js, &want); err != nil {
				t.Fatal(err)
			}
			f, err := parseINI(path, string(data))
			if want["error"] == true {
				if err == nil {
					t.Errorf("configparser refuses this file; parsed as %v", f.sections)
				}
				return
			}
			if err != nil {
				t.Fatalf("configparser reads this file; got %v", err)
			}
			got := map[string]any{}
			for name, sect := range f.sections {
				vals := map[string]any{}
				for k := range f.defaults {
					vals[k], _ = f.get(name, k)
				}
				for k, v := range sect {
					vals[k] = v
				}
				got[name] = vals
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %v\nwant %v", got, want)
			}
		})
	}
}
