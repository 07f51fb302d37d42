package modules_test

import (
	"testing"
)

func TestServiceInitScript(t *testing.T) {
	conn := newChrootConn(t)
	enabled := func() string {
		res, _ := conn.Run(t.Context(), cmd("ls /etc/rc2.d/ | grep cron"))
		return res.Stdout
	}
	running := func() string {
		res, _ := conn.Run(t.Context(), cmd("service cron status >/dev/null 2>&1; echo $?"))
		return res.Stdout
	}
	for _, on := range []bool{false, true} {
		assertConverges(t, conn, "service", map[string]any{"name": "cron", "enabled": on}, enabled)
	}
	assertConverges(t, conn, "service", map[string]any{"name": "cron", "state": "started"}, running)
	if got := running(); got != "0\n" {
		t.Fatalf("cron not running after start: status rc %q", got)
	}
	pid := func() string { return conn.sh(t, "cat /var/run/crond.pid") }
	before := pid()
	res := applyModule(t, conn, "service", map[string]any{"name": "cron", "state": "restarted"}, false)
	if !res.Changed || res.Failed || res.Data["state"] != "started" {
		t.Fatalf("restart: %+v", res)
	}
	if pid() == before {
		t.Errorf("restart kept pid %s", before)
	}
	assertConverges(t, conn, "sysvinit", map[string]any{"name": "cron", "state": "stopped"}, running)
	missing := applyModule(t, conn, "service", map[string]any{"name": "nope", "state": "started"}, false)
	if !missing.Failed || missing.Msg != "Could not find the requested service nope: host" {
		t.Errorf("missing service: %+v", missing)
	}
}

// TestSystemdWithoutSystemd applies the systemd module on a host with no
// running systemd (as these test machines are): it manages the service
// through its init script, converging and staying idempotent.
func TestSystemdWithoutSystemd(t *testing.T) {
	conn := newChrootConn(t)
	running := func() string {
		res, _ := conn.Run(t.Context(), cmd("service cron status >/dev/null 2>&1; echo $?"))
		return res.Stdout
	}
	assertConverges(t, conn, "systemd", map[string]any{"name": "cron", "state": "started"}, running)
	if got := running(); got != "0\n" {
		t.Fatalf("cron not running after systemd start: status rc %q", got)
	}
	assertConverges(t, conn, "systemd", map[string]any{"name": "cron", "state": "stopped"}, running)
}
