package modules_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/edxplay/edxplay/internal/connection/local"
)

// TestAuthorizedKeyConverges adds, re-options and removes a key in a
// file whose directory the module makes (manage_dir): each change is
// predicted by check mode, made once, and not again.
func TestAuthorizedKeyConverges(t *testing.T) {
	conn, err := local.New()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), ".ssh")
	file := filepath.Join(dir, "authorized_keys")
	key := "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeyOne one@host"
	state := func() string {
		data, _ := os.ReadFile(file)
		st, _ := os.Stat(dir)
		if st == nil {
			return "no dir"
		}
		return st.Mode().String() + "\n" + string(data)
	}
	steps := []struct {
		args map[string]any
		want string
	}{
		{map[string]any{"key": key}, key + "\n"},
		{map[string]any{"key": key, "key_options": "no-pty"}, "no-pty " + key + "\n"},
		{map[string]any{"key": key, "state": "absent"}, ""},
	}
	for _, s := range steps {
		s.args["user"], s.args["path"] = "root", file
		assertConverges(t, conn, "authorized_key", s.args, state)
		if got, _ := os.ReadFile(file); string(got) != s.want {
			t.Errorf("%v: file = %q, want %q", s.args, got, s.want)
		}
		if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o700 {
			t.Errorf("%s: %v %v, want mode 0700", dir, st, err)
		}
	}
}
