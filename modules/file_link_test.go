package modules_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/edxplay/edxplay/internal/connection/local"
)

// TestFileLinkFollow checks what Ansible's file does with an existing
// link: with follow (the default) mode goes to the link's target and a
// missing src reuses the current target; a dangling link gets a warning
// and nothing set; an absent path without src fails.
func TestFileLinkFollow(t *testing.T) {
	conn, err := local.New()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	target, link, dangling := filepath.Join(dir, "t"), filepath.Join(dir, "l"), filepath.Join(dir, "d")
	if err := os.WriteFile(target, []byte("x\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(target, 0o666); err != nil {
		t.Fatal(err)
	}
	for _, l := range [][2]string{{"./t", link}, {"nope", dangling}} {
		if err := os.Symlink(l[0], l[1]); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		name          string
		args          map[string]any
		check         bool
		changed, fail bool
		mode          os.FileMode
		src           any
	}{
		{"no state, follow: check", map[string]any{"path": link, "mode": "0644"}, true, true, false, 0o666, "./t"},
		{"no state, follow", map[string]any{"path": link, "mode": "0644"}, false, true, false, 0o644, "./t"},
		{"again", map[string]any{"path": link, "mode": "0644"}, false, false, false, 0o644, "./t"},
		{"state link, no src", map[string]any{"path": link, "state": "link", "mode": "0600"}, false, true, false, 0o600, "./t"},
		{"link itself", map[string]any{"path": link, "state": "link", "mode": "0640", "follow": false}, false, false, false, 0o600, nil},
		{"dangling", map[string]any{"path": dangling, "state": "link", "mode": "0600"}, false, false, false, 0o600, nil},
		{"absent, no src", map[string]any{"path": filepath.Join(dir, "new"), "state": "link"}, false, false, true, 0o600, nil},
	} {
		res := applyModule(t, conn, "file", tt.args, tt.check)
		if res.Changed != tt.changed || res.Failed != tt.fail {
			t.Errorf("%s: changed=%v failed=%v (%s), want %v %v", tt.name, res.Changed, res.Failed, res.Msg, tt.changed, tt.fail)
		}
		if tt.src != nil && res.Data["src"] != tt.src {
			t.Errorf("%s: src = %v, want %v", tt.name, res.Data["src"], tt.src)
		}
		if st, err := os.Stat(target); err != nil || st.Mode().Perm() != tt.mode {
			t.Errorf("%s: target mode %v (%v), want %v", tt.name, st.Mode().Perm(), err, tt.mode)
		}
	}
	if got, err := os.Readlink(link); err != nil || got != "./t" {
		t.Errorf("link now points to %q (%v), want ./t", got, err)
	}
	hard := filepath.Join(dir, "h")
	if err := os.Link(target, hard); err != nil {
		t.Fatal(err)
	}
	if res := applyModule(t, conn, "file", map[string]any{"path": hard, "state": "hard", "mode": "0640"}, false); !res.Changed || res.Failed {
		t.Errorf("mode on a hard link without src: %+v", res)
	}
	if st, err := os.Stat(target); err != nil || st.Mode().Perm() != 0o640 {
		t.Errorf("hard link mode: %v (%v), want 0640", st.Mode().Perm(), err)
	}
	res := applyModule(t, conn, "file", map[string]any{"path": dangling, "state": "link", "mode": "0600"}, false)
	if ws, _ := res.Data["warnings"].([]any); len(ws) != 1 {
		t.Errorf("dangling link with follow: warnings %v, want one", res.Data["warnings"])
	}
}

// TestFileAbsentPathContent checks that removing a directory lists its
// content in the diff's before, in os.walk's order, as Ansible does.
func TestFileAbsentPathContent(t *testing.T) {
	conn, err := local.New()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "top")
	for _, d := range []string{"a/b", "c"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "a", "f"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	res := applyModule(t, conn, "file", map[string]any{"path": dir, "state": "absent"}, true)
	before, _ := res.Data["diff"].(map[string]any)["before"].(map[string]any)
	content, _ := before["path_content"].(map[string]any)
	dirs, _ := content["directories"].([]any)
	files, _ := content["files"].([]any)
	if len(dirs) != 3 || dirs[2] != filepath.Join(dir, "a", "b") || len(files) != 1 || files[0] != filepath.Join(dir, "a", "f") {
		t.Errorf("path_content = %v", content)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Errorf("check mode removed the directory: %v", err)
	}
}
