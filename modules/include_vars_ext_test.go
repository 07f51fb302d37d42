package modules

import "testing"

// TestIncludeVarsValidExt pins extensions against Python's splitext (the
// include_vars target loads a file without extension, listing the empty
// extension).
func TestIncludeVarsValidExt(t *testing.T) {
	cases := []struct {
		name string
		exts []any
		want bool
	}{
		{"vars.yml", []any{"yml"}, true},
		{"vars.yml", []any{"json"}, false},
		{"file_without_extension", []any{"", "yml"}, true},
		{"file_without_extension", []any{"yml"}, false},
		{".bashrc", []any{""}, true},
		{".bashrc", []any{"bashrc"}, false},
		{"dir/a.b.json", []any{"json"}, true},
		{"trailing.", []any{""}, true},
	}
	for _, c := range cases {
		l := varsLoader{a: args{"extensions": c.exts}}
		if got := l.validExt(c.name); got != c.want {
			t.Errorf("validExt(%q) with %v = %v, want %v", c.name, c.exts, got, c.want)
		}
	}
}
