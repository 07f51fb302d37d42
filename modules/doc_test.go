package modules_test

import (
	"testing"

	"github.com/edxplay/edxplay/modules"
)

// TestControllerModules pins which modules run without a connection (the
// engine skips dialing the host for them).
func TestControllerModules(t *testing.T) {
	want := map[string]bool{"assert": true, "debug": true, "fail": true, "include_vars": true, "meta": true, "add_host": true, "group_by": true, "set_stats": true, "pause": true, "set_fact": true}
	for _, name := range modules.Names() {
		m, _ := modules.Lookup(name)
		if got := m.Spec().Controller; got != want[name] {
			t.Errorf("%s: Controller = %v, want %v", name, got, want[name])
		}
	}
}
