package modules_test

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCronFile(t *testing.T) {
	conn := hostConn(t)
	file := filepath.Join(t.TempDir(), "backup")
	job := map[string]any{"name": "nightly", "minute": "0", "hour": "2", "job": "/usr/local/bin/backup", "user": "root", "cron_file": file}
	assertConverges(t, conn, "cron", job, fileState(file))
	env := map[string]any{"name": "MAILTO", "job": "ops@example.org", "env": true, "user": "root", "cron_file": file}
	assertConverges(t, conn, "cron", env, fileState(file))
	reboot := map[string]any{"name": "boot", "special_time": "reboot", "job": "echo hi", "user": "root", "cron_file": file, "disabled": true}
	assertConverges(t, conn, "cron", reboot, fileState(file))
	want := "MAILTO=\"ops@example.org\"\n#Ansible: nightly\n0 2 * * * root /usr/local/bin/backup\n#Ansible: boot\n#@reboot root echo hi\n"
	if got, _ := os.ReadFile(file); string(got) != want {
		t.Fatalf("cron file =\n%s\nwant\n%s", got, want)
	}
	changed := applyModule(t, conn, "cron", map[string]any{"name": "nightly", "minute": "30", "hour": "2", "job": "/usr/local/bin/backup", "user": "root", "cron_file": file}, false)
	if !changed.Changed || changed.Diffs[0].After == changed.Diffs[0].Before {
		t.Errorf("schedule change: %+v", changed)
	}
	for _, name := range []string{"nightly", "boot"} {
		assertConverges(t, conn, "cron", map[string]any{"name": name, "state": "absent", "cron_file": file}, fileState(file))
	}
	assertConverges(t, conn, "cron", map[string]any{"name": "MAILTO", "env": true, "state": "absent", "cron_file": file}, fileState(file))
	if bad := applyModule(t, conn, "cron", map[string]any{"name": "x", "job": "y", "cron_file": file}, false); bad.Msg != "To use cron_file=... parameter you must specify user=... as well" {
		t.Errorf("cron_file without user: %+v", bad)
	}
}

func TestCronUserCrontab(t *testing.T) {
	conn := newChrootConn(t)
	list := func() string {
		res, _ := conn.Run(t.Context(), cmd("crontab -l -u root 2>/dev/null"))
		return res.Stdout
	}
	job := map[string]any{"name": "tick", "minute": "*/5", "job": "date >> /tmp/ticks", "user": "root"}
	first := assertConverges(t, conn, "cron", job, list)
	if d := first.Diffs[0]; d.BeforeHeader != `crontab for user "root"` || d.After != "#Ansible: tick\n*/5 * * * * date >> /tmp/ticks\n" {
		t.Errorf("diff = %+v", d)
	}
	assertConverges(t, conn, "cron", map[string]any{"name": "tick", "state": "absent", "user": "root"}, list)
}
