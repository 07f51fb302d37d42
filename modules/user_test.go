package modules_test

import (
	"strings"
	"testing"
)

func TestUserAndGroup(t *testing.T) {
	conn := newChrootConn(t)
	entry := func(db, name string) func() string {
		return func() string {
			res, _ := conn.Run(t.Context(), cmd("getent "+db+" "+name+"; id -Gn "+name+" 2>/dev/null; getent shadow "+name+" | cut -d: -f2"))
			return res.Stdout
		}
	}
	assertConverges(t, conn, "group", map[string]any{"name": "deployers", "gid": 2345}, entry("group", "deployers"))
	assertConverges(t, conn, "group", map[string]any{"name": "deployers", "gid": 2346}, entry("group", "deployers"))
	user := map[string]any{"name": "deploy", "uid": 1234, "groups": []any{"deployers", "adm"}, "shell": "/bin/bash",
		"comment": "Deploy user", "password": "$6$salt$hash"}
	first := assertConverges(t, conn, "user", user, entry("passwd", "deploy"))
	if got := entry("passwd", "deploy")(); !strings.HasPrefix(got, "deploy:x:1234:") || !strings.Contains(got, "adm deployers") ||
		!strings.Contains(got, "$6$salt$hash") {
		t.Fatalf("account after create: %q", got)
	}
	if first.Data["uid"] != 1234 || first.Data["password"] != "NOT_LOGGING_PASSWORD" {
		t.Errorf("result data: %v", first.Data)
	}
	if _, err := conn.Run(t.Context(), cmd("test -d /home/deploy")); err != nil {
		t.Fatal(err)
	}
	// Replacing groups without append drops adm; append keeps existing ones.
	assertConverges(t, conn, "user", map[string]any{"name": "deploy", "groups": []any{"deployers"}}, entry("passwd", "deploy"))
	assertConverges(t, conn, "user", map[string]any{"name": "deploy", "groups": "adm", "append": true, "shell": "/bin/sh"}, entry("passwd", "deploy"))
	if got := entry("passwd", "deploy")(); !strings.Contains(got, "adm deployers") || !strings.Contains(got, ":/bin/sh\n") {
		t.Errorf("after append: %q", got)
	}
	bad := applyModule(t, conn, "user", map[string]any{"name": "x", "groups": []any{"nogroup-xyz"}}, false)
	if !bad.Failed || bad.Msg != "Group nogroup-xyz does not exist" {
		t.Errorf("missing group: %+v", bad)
	}
	assertConverges(t, conn, "user", map[string]any{"name": "deploy", "state": "absent", "remove": true}, entry("passwd", "deploy"))
	assertConverges(t, conn, "group", map[string]any{"name": "deployers", "state": "absent"}, entry("group", "deployers"))
}
