package modules_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/connection"
)

func TestHtpasswd(t *testing.T) {
	conn := hostConn(t)
	f := filepath.Join(t.TempDir(), "sub", "htpasswd")
	schemes := map[string]string{"alice": "apr_md5_crypt", "bob": "bcrypt", "carol": "ldap_sha1", "dave": "md5_crypt"}
	prefixes := map[string]string{"alice": "$apr1$", "bob": "$2y$12$", "carol": "{SHA}", "dave": "$1$"}
	for _, user := range []string{"alice", "bob", "carol", "dave"} {
		a := map[string]any{"path": f, "name": user, "password": "s3cret " + user, "crypt_scheme": schemes[user], "mode": "0640"}
		state := func() string { data, _ := os.ReadFile(f); return string(data) }
		checkMsg, msg := "Add/update "+user, "Add/update "+user
		if user == "alice" {
			checkMsg, msg = "Create "+f, "Created "+f+" and added alice"
		}
		if res := applyModule(t, conn, "htpasswd", a, true); !res.Changed || res.Msg != checkMsg {
			t.Fatalf("%s: check mode: %+v, want changed with %q", user, res, checkMsg)
		}
		first := applyModule(t, conn, "htpasswd", a, false)
		if !first.Changed || first.Failed || first.Msg != msg || !strings.Contains(state(), user+":"+prefixes[user]) {
			t.Fatalf("%s: %+v, file %q", user, first, state())
		}
		before := state()
		for _, check := range []bool{false, true} {
			if again := applyModule(t, conn, "htpasswd", a, check); again.Changed || again.Msg != user+" already present" {
				t.Fatalf("%s second run (check=%v): %+v", user, check, again)
			}
		}
		if state() != before {
			t.Fatalf("%s: second run rewrote the file", user)
		}
	}
	if st, _ := os.Stat(f); st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v", st.Mode())
	}
	if _, err := exec.LookPath("htpasswd"); err == nil {
		for _, user := range []string{"alice", "bob", "carol", "dave"} {
			if out, err := exec.Command("htpasswd", "-vb", f, user, "s3cret "+user).CombinedOutput(); err != nil {
				t.Errorf("htpasswd(1) rejects %s: %s", user, out)
			}
		}
	} else {
		t.Log("htpasswd(1) (apache2-utils) not installed: entries checked by openssl only")
	}
	data, _ := os.ReadFile(f)
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		user, hash, _ := strings.Cut(line, ":")
		if !strings.HasPrefix(hash, "$apr1$") && !strings.HasPrefix(hash, "$1$") {
			continue
		}
		parts := strings.Split(hash, "$")
		out, err := exec.Command("openssl", "passwd", "-"+parts[1], "-salt", parts[2], "s3cret "+user).Output()
		if err != nil || strings.TrimSpace(string(out)) != hash {
			t.Errorf("openssl computes %q for %s, the file has %q (%v)", out, user, hash, err)
		}
	}
	update := applyModule(t, conn, "htpasswd", map[string]any{"path": f, "name": "alice", "password": "new"}, false)
	if !update.Changed || update.Msg != "Add/update alice" {
		t.Fatalf("password change: %+v", update)
	}
	rm := map[string]any{"path": f, "name": "bob", "state": "absent"}
	assertConvergesNoDiff(t, conn, "htpasswd", rm, func() string { d, _ := os.ReadFile(f); return string(d) })
	if res := applyModule(t, conn, "htpasswd", map[string]any{"path": f + ".none", "name": "x", "password": "y", "create": false}, false); !res.Failed {
		t.Fatalf("create: false on a missing file: %+v", res)
	}
}

// assertConvergesNoDiff is assertConverges for modules without diffs.
func assertConvergesNoDiff(t *testing.T, c connection.Conn, name string, a map[string]any, state func() string) {
	t.Helper()
	before := state()
	if res := applyModule(t, c, name, a, true); !res.Changed || state() != before {
		t.Fatalf("check mode: %+v", res)
	}
	if res := applyModule(t, c, name, a, false); !res.Changed || state() == before {
		t.Fatalf("first run: %+v", res)
	}
	for _, check := range []bool{false, true} {
		if res := applyModule(t, c, name, a, check); res.Changed || res.Failed {
			t.Fatalf("second run (check=%v): %+v", check, res)
		}
	}
}
