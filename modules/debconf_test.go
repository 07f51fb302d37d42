package modules_test

import (
	"strings"
	"testing"
)

// TestDebPackageTools runs package, dpkg_selections and debconf on one
// chroot test host (a Debian root filesystem with dpkg and debconf).
func TestDebPackageTools(t *testing.T) {
	conn := newChrootConn(t)
	t.Run("debconf", func(t *testing.T) {
		show := func() string { return conn.sh(t, "debconf-show tzdata | grep -F tzdata/Areas || true") }
		a := map[string]any{"name": "tzdata", "question": "tzdata/Areas", "vtype": "select", "value": "Antarctica"}
		first := assertConverges(t, conn, "debconf", a, show)
		if !strings.Contains(show(), "tzdata/Areas: Antarctica") {
			t.Fatalf("debconf-show after the run: %q", show())
		}
		if cur := first.Data["current"].(map[string]any); cur["tzdata/Areas"] != "Antarctica" {
			t.Errorf("current = %v", cur)
		}
		boolArgs := map[string]any{"name": "tzdata", "question": "tzdata/test_bool", "vtype": "boolean", "value": "True"}
		assertConverges(t, conn, "debconf", boolArgs, func() string { return conn.sh(t, "debconf-show tzdata | grep -F tzdata/test_bool || echo none") })
		if bad := applyModule(t, conn, "debconf", map[string]any{"name": "tzdata", "question": "q"}, false); !bad.Failed {
			t.Errorf("question without vtype/value: %+v", bad)
		}
		if res := applyModule(t, conn, "debconf", map[string]any{"name": "tzdata"}, false); res.Changed || res.Failed || res.Data["current"] == nil {
			t.Errorf("read-only run: %+v", res)
		}
	})
	t.Run("dpkg_selections", func(t *testing.T) {
		sel := func() string { return conn.sh(t, "dpkg --get-selections tzdata") }
		first := assertConverges(t, conn, "dpkg_selections", map[string]any{"name": "tzdata", "selection": "hold"}, sel)
		if first.Data["before"] != "install" || first.Data["after"] != "hold" || !strings.Contains(sel(), "hold") {
			t.Fatalf("hold: %+v, now %q", first.Data, sel())
		}
		assertConverges(t, conn, "dpkg_selections", map[string]any{"name": "tzdata", "selection": "install"}, sel)
		missing := applyModule(t, conn, "dpkg_selections", map[string]any{"name": "no-such-pkg-xyz", "selection": "hold"}, true)
		if !missing.Changed || missing.Data["before"] != "not present" {
			t.Errorf("unknown package: %+v", missing)
		}
	})
	t.Run("package", func(t *testing.T) {
		status := func() string { return conn.sh(t, "dpkg-query -W -f='${Status}' hello 2>/dev/null || true") }
		if res := applyModule(t, conn, "package", map[string]any{"name": "hello", "update_cache": true, "state": "present"}, true); !res.Changed || res.Failed {
			t.Fatalf("check mode: %+v", res)
		}
		assertConverges(t, conn, "package", map[string]any{"name": "hello", "state": "present", "update_cache": true, "cache_valid_time": 3600}, status)
		if !strings.HasPrefix(status(), "install ok installed") {
			t.Fatalf("hello not installed: %q", status())
		}
		assertConverges(t, conn, "package", map[string]any{"name": "hello", "state": "absent", "use": "apt"}, status)
		if res := applyModule(t, conn, "package", map[string]any{"name": "hello", "use": "yum"}, false); !res.Failed || res.Msg != "Could not find a module for yum." {
			t.Errorf("use: yum: %+v", res)
		}
	})
}
