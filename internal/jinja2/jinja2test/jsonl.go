// Package jinja2test holds what the golden suites of internal/jinja2 and
// of the packages registering Ansible's filters, tests and lookups on it
// share: reading the JSON-lines files their regen scripts write.
package jinja2test

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

// LoadJSONL reads path, one JSON document per line, into cases of type T;
// any error, or a file without cases, fails t.
func LoadJSONL[T any](t testing.TB, path string) []T {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var c T
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(out) == 0 {
		t.Fatalf("%s holds no cases: regenerate it", path)
	}
	return out
}
