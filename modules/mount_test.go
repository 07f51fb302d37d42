package modules_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/connection/local"
)

// TestMountConverges mounts a real tmpfs through a scratch fstab: check
// mode changes nothing, each state applied twice reports no change the
// second time, and fstab and the mount table follow.
func TestMountConverges(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mount needs root")
	}
	conn, err := local.New()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	mnt, fstab := filepath.Join(dir, "m nt"), filepath.Join(dir, "fstab")
	if err := os.WriteFile(fstab, []byte("# keep\n/dev/x /other ext4 defaults 0 0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = exec.Command("umount", mnt).Run() })
	base := map[string]any{"path": mnt, "src": "tmpfs", "fstype": "tmpfs", "fstab": fstab, "opts": "size=1m"}
	with := func(state string, extra ...string) map[string]any {
		a := map[string]any{"state": state}
		for k, v := range base {
			a[k] = v
		}
		for i := 0; i+1 < len(extra); i += 2 {
			a[extra[i]] = extra[i+1]
		}
		return a
	}
	line := `tmpfs ` + strings.ReplaceAll(mnt, " ", `\040`) + ` tmpfs size=1m 0 0`
	steps := []struct {
		name    string
		args    map[string]any
		check   bool
		changed bool
		mounted bool
		inFstab string
	}{
		{"mounted check", with("mounted"), true, true, false, ""},
		{"mounted", with("mounted"), false, true, true, line},
		{"mounted again", with("mounted"), false, false, true, line},
		{"new opts remount", with("mounted", "opts", "size=2m"), false, true, true, strings.Replace(line, "1m", "2m", 1)},
		{"unmounted check", with("unmounted"), true, true, true, ""},
		{"unmounted", with("unmounted"), false, true, false, ""},
		{"unmounted again", with("unmounted"), false, false, false, ""},
		{"present", with("present"), false, true, false, line},
		{"present again", with("present"), false, false, false, line},
		{"absent", with("absent"), false, true, false, ""},
		{"absent again", with("absent"), false, false, false, ""},
	}
	for _, s := range steps {
		res := applyModule(t, conn, "mount", s.args, s.check)
		if res.Failed || res.Changed != s.changed {
			t.Fatalf("%s: changed=%v failed=%v %s, want changed=%v", s.name, res.Changed, res.Failed, res.Msg, s.changed)
		}
		info, _ := os.ReadFile("/proc/self/mountinfo")
		if got := strings.Contains(string(info), " "+strings.ReplaceAll(mnt, " ", `\040`)+" "); got != s.mounted {
			t.Errorf("%s: mounted=%v, want %v", s.name, got, s.mounted)
		}
		text, _ := os.ReadFile(fstab)
		if !strings.HasPrefix(string(text), "# keep\n/dev/x /other ext4 defaults 0 0\n") {
			t.Errorf("%s: other fstab lines changed: %q", s.name, text)
		}
		if s.inFstab != "" && !strings.Contains(string(text), s.inFstab+"\n") {
			t.Errorf("%s: fstab %q lacks %q", s.name, text, s.inFstab)
		}
	}
	if _, err := os.Stat(mnt); !os.IsNotExist(err) {
		t.Errorf("absent left the mount point: %v", err)
	}
	if res := applyModule(t, conn, "mount", map[string]any{"path": mnt, "state": "mounted"}, false); !res.Failed || res.Msg != "state is mounted but all of the following are missing: src, fstype" {
		t.Errorf("mounted without src: %+v", res)
	}
}
