package modules_test

import (
	"strings"
	"testing"
)

func TestAptInstallRemove(t *testing.T) {
	conn := newChrootConn(t)
	status := func() string {
		out, _ := conn.Run(t.Context(), cmd("dpkg-query -W -f='${Status} ${Version}' hello 2>/dev/null"))
		return out.Stdout
	}
	update := applyModule(t, conn, "apt", map[string]any{"update_cache": true}, false)
	if update.Failed || update.Data["cache_updated"] != true {
		t.Fatalf("update_cache: %+v", update)
	}
	if again := applyModule(t, conn, "apt", map[string]any{"update_cache": true, "cache_valid_time": 3600}, false); again.Changed {
		t.Errorf("cache_valid_time did not prevent an update: %+v", again)
	}
	first := assertConverges(t, conn, "apt", map[string]any{"name": "hello", "state": "present"}, status)
	if !strings.HasPrefix(status(), "install ok installed") {
		t.Fatalf("hello not installed: %q", status())
	}
	if d := first.Diffs[0]; d.Before != "hello: absent\n" || !strings.HasPrefix(d.After, "hello: 2.") {
		t.Errorf("diff = %+v", d)
	}
	version := strings.Fields(status())[3]
	if res := applyModule(t, conn, "apt", map[string]any{"name": []any{"hello=" + version}}, false); res.Changed || res.Failed {
		t.Errorf("pinned to the installed version: %+v", res)
	}
	if res := applyModule(t, conn, "apt", map[string]any{"name": "hello", "state": "latest"}, false); res.Changed || res.Failed {
		t.Errorf("latest when up to date: %+v", res)
	}
	assertConverges(t, conn, "apt", map[string]any{"name": "hello", "state": "absent", "purge": true}, status)
	if s := status(); s != "" && !strings.Contains(s, "not-installed") {
		t.Errorf("hello still known to dpkg: %q", s)
	}
	// The cache is updated first, then the packages are described (and
	// installed) on the new cache.
	withUpdate := assertConverges(t, conn, "apt", map[string]any{"name": "hello", "update_cache": true}, status)
	if _, ok := withUpdate.Data["cache_update_time"]; !ok {
		t.Errorf("update_cache with a package: %+v", withUpdate.Data)
	}
	missing := applyModule(t, conn, "apt", map[string]any{"name": "no-such-package-xyz"}, false)
	if !missing.Failed || missing.Msg != "No package matching 'no-such-package-xyz' is available" {
		t.Errorf("missing package: %+v", missing)
	}
}
