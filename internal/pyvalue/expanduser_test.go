package pyvalue

import "testing"

// TestExpandUser compares with Python's os.path.expanduser (HOME=/home/u).
func TestExpandUser(t *testing.T) {
	t.Setenv("HOME", "/home/u")
	for in, want := range map[string]string{
		"~": "/home/u", "~/a//b": "/home/u/a//b", "~other/x": "~other/x", "/abs/~": "/abs/~", "rel": "rel", "": "",
	} {
		if got := ExpandUser(in); got != want {
			t.Errorf("ExpandUser(%q) = %q, want %q", in, got, want)
		}
	}
}
