package modules_test

import (
	"strings"
	"testing"
)

func TestAlternatives(t *testing.T) {
	conn := newChrootConn(t)
	state := func() string {
		return conn.sh(t, "LC_ALL=C update-alternatives --display edxtest 2>&1 || true; readlink /usr/local/bin/edxtest || true")
	}
	install := map[string]any{"name": "edxtest", "path": "/bin/true", "link": "/usr/local/bin/edxtest", "priority": 10, "state": "present"}
	first := assertConverges(t, conn, "alternatives", install, state)
	if first.Msg != "Install alternative '/bin/true' for 'edxtest'." || !strings.Contains(state(), "/bin/true - priority 10") {
		t.Fatalf("install: %q, state %q", first.Msg, state())
	}
	second := map[string]any{"name": "edxtest", "path": "/bin/false", "link": "/usr/local/bin/edxtest", "priority": 5}
	sel := assertConverges(t, conn, "alternatives", second, state)
	if sel.Msg != "Install alternative '/bin/false' for 'edxtest'. Set alternative '/bin/false' for 'edxtest'." ||
		!strings.Contains(state(), "link currently points to /bin/false") {
		t.Fatalf("select: %q, state %q", sel.Msg, state())
	}
	auto := assertConverges(t, conn, "alternatives", map[string]any{"name": "edxtest", "path": "/bin/false", "state": "auto"}, state)
	if !strings.Contains(state(), "link currently points to /bin/true") || auto.Msg != "Set alternative to auto for 'edxtest'." {
		t.Fatalf("auto: %q, state %q", auto.Msg, state())
	}
	assertConverges(t, conn, "alternatives", map[string]any{"name": "edxtest", "path": "/bin/false", "state": "absent"}, state)
	if strings.Contains(state(), "/bin/false - priority") {
		t.Fatalf("absent: %q", state())
	}
	if res := applyModule(t, conn, "alternatives", map[string]any{"name": "edxnew", "path": "/bin/true", "state": "present"}, false); !res.Failed ||
		res.Msg != "Needed to install the alternative, but unable to do so as we are missing the link" {
		t.Fatalf("missing link: %+v", res)
	}
}
