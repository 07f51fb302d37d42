package modules_test

import (
	"strings"
	"testing"
)

// supervisorConf runs supervisord with programs loaded only on request
// (autostart=false) and a group of two sleepers.
const supervisorConf = `[unix_http_server]
file=/run/edxtest-supervisor.sock
[supervisord]
logfile=/tmp/supervisord.log
pidfile=/run/edxtest-supervisord.pid
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[supervisorctl]
serverurl=unix:///run/edxtest-supervisor.sock
[include]
files = /etc/edxtest-supervisor/*.conf
`

const sleeperConf = `[program:sleeper]
command=sleep 100000
autostart=false
startsecs=0
`

const groupConf = `[group:grp]
programs=one,two
[program:one]
command=sleep 100001
autostart=false
startsecs=0
[program:two]
command=sleep 100002
autostart=false
startsecs=0
`

func TestSupervisorctl(t *testing.T) {
	conn := newChrootConn(t)
	conn.sh(t, "printf '#!/bin/sh\\nexit 101\\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d")
	conn.sh(t, "DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends supervisor >/dev/null")
	conn.sh(t, "mkdir -p /etc/edxtest-supervisor && cat > /etc/edxtest-supervisor.conf <<'EOF'\n"+supervisorConf+"EOF\n"+
		"cat > /etc/edxtest-supervisor/grp.conf <<'EOF'\n"+groupConf+"EOF\nsupervisord -c /etc/edxtest-supervisor.conf")
	conn.sh(t, "cat > /etc/edxtest-supervisor/sleeper.conf <<'EOF'\n"+sleeperConf+"EOF\n")
	status := func(name string) func() string {
		return func() string {
			res, _ := conn.Run(t.Context(), cmd("supervisorctl -c /etc/edxtest-supervisor.conf status "+name+" | awk '{print $1, $2}'"))
			return res.Stdout
		}
	}
	with := func(name, state string) map[string]any {
		return map[string]any{"name": name, "state": state, "config": "/etc/edxtest-supervisor.conf"}
	}
	assertConverges(t, conn, "supervisorctl", with("sleeper", "present"), status("all"))
	assertConverges(t, conn, "supervisorctl", with("sleeper", "started"), status("sleeper"))
	if got := status("sleeper")(); got != "sleeper RUNNING\n" {
		t.Fatalf("after started: %q", got)
	}
	pid := func() string { return conn.sh(t, "supervisorctl -c /etc/edxtest-supervisor.conf pid sleeper") }
	before := pid()
	for i := range 2 {
		res := applyModule(t, conn, "supervisorctl", with("sleeper", "restarted"), false)
		if !res.Changed || res.Failed {
			t.Fatalf("restart %d: %+v", i, res)
		}
	}
	if pid() == before {
		t.Errorf("restarted kept pid %s", before)
	}
	signalled := applyModule(t, conn, "supervisorctl", map[string]any{"name": "sleeper", "state": "signalled", "signal": "CONT",
		"config": "/etc/edxtest-supervisor.conf"}, false)
	if !signalled.Changed || signalled.Failed {
		t.Errorf("signalled: %+v", signalled)
	}
	assertConverges(t, conn, "supervisorctl", with("sleeper", "stopped"), status("sleeper"))
	assertConverges(t, conn, "supervisorctl", with("grp:", "started"), status("grp:*"))
	if got := status("grp:*")(); got != "grp:one RUNNING\ngrp:two RUNNING\n" {
		t.Errorf("group after started: %q", got)
	}
	conn.sh(t, "rm /etc/edxtest-supervisor/sleeper.conf")
	assertConverges(t, conn, "supervisorctl", with("sleeper", "absent"), status("all"))
	if got := status("all")(); strings.Contains(got, "sleeper") {
		t.Errorf("sleeper still loaded: %q", got)
	}
	conn.sh(t, "rm /etc/edxtest-supervisor/grp.conf")
	stopRemove := with("grp:", "absent")
	stopRemove["stop_before_removing"] = true
	if res := applyModule(t, conn, "supervisorctl", stopRemove, true); !res.Changed || res.Failed || status("grp:*")() != "grp:one RUNNING\ngrp:two RUNNING\n" {
		t.Errorf("absent with stop_before_removing in check mode: %+v, status %q", res, status("grp:*")())
	}
	if res := applyModule(t, conn, "supervisorctl", stopRemove, false); !res.Changed || res.Failed || strings.Contains(status("all")(), "grp:") {
		t.Errorf("absent with stop_before_removing: %+v, status %q", res, status("all")())
	}
	for _, tt := range []struct {
		args map[string]any
		msg  string
	}{
		{with("nope", "started"), "ERROR (no such process)"},
		{map[string]any{"name": "grp:", "state": "signalled", "config": "/etc/edxtest-supervisor.conf"}, "state is signalled but all of the following are missing: signal"},
	} {
		if res := applyModule(t, conn, "supervisorctl", tt.args, false); !res.Failed || res.Msg != tt.msg {
			t.Errorf("%v: failed=%v msg=%q, want %q", tt.args, res.Failed, res.Msg, tt.msg)
		}
	}
}
