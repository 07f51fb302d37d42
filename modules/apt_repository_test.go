package modules_test

import (
	"testing"
)

func TestAptRepository(t *testing.T) {
	conn := newChrootConn(t)
	const file = "/etc/apt/sources.list.d/dl_example_org_debian.list"
	state := func() string {
		res, _ := conn.Run(t.Context(), cmd("cat /etc/apt/sources.list.d/*.list 2>/dev/null"))
		return res.Stdout
	}
	repo := map[string]any{"repo": "deb  [arch=amd64] http://dl.example.org/debian/  stable main", "update_cache": false}
	first := assertConverges(t, conn, "apt_repository", repo, state)
	if d := first.Diffs[0]; d.BeforeHeader != "/dev/null" || d.AfterHeader != file || d.After != "deb [arch=amd64] http://dl.example.org/debian/ stable main\n" {
		t.Errorf("diff = %+v", d)
	}
	if got := conn.sh(t, "stat -c %a "+file); got != "644\n" {
		t.Errorf("mode = %q", got)
	}
	named := map[string]any{"repo": "deb http://other.example.org/ bookworm main", "filename": "other", "update_cache": false}
	assertConverges(t, conn, "apt_repository", named, state)
	conn.sh(t, "test -f /etc/apt/sources.list.d/other.list")
	absent := map[string]any{"repo": "deb [arch=amd64] http://dl.example.org/debian/ stable main", "state": "absent", "update_cache": false}
	assertConverges(t, conn, "apt_repository", absent, state)
	if res, _ := conn.Run(t.Context(), cmd("test -e "+file)); res.RC == 0 {
		t.Error("emptied sources file was kept")
	}
	if bad := applyModule(t, conn, "apt_repository", map[string]any{"repo": "nonsense line"}, false); !bad.Failed {
		t.Errorf("invalid repo accepted: %+v", bad)
	}
}
