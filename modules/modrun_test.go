package modules_test

import (
	"context"
	"testing"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/modules"
)

// applyModule runs a module with its Spec's defaults applied, as the engine does.
func applyModule(t *testing.T, conn connection.Conn, name string, a map[string]any, check bool) *modules.Result {
	t.Helper()
	return applyWithHost(t, conn, nil, name, a, check)
}

func applyWithHost(t *testing.T, conn connection.Conn, host modules.HostContext, name string, a map[string]any, check bool) *modules.Result {
	t.Helper()
	mod, ok := modules.Lookup(name)
	if !ok {
		t.Fatalf("module %s is not registered", name)
	}
	full := withSpecDefaults(mod, a)
	res, err := mod.Run(context.Background(), &modules.Call{Args: full, Conn: conn, Check: check, Diff: true, Host: host})
	if err != nil {
		t.Fatalf("%s %v (check=%v): %v", name, a, check, err)
	}
	return res
}

// withSpecDefaults applies mod's argument defaults under a, as the
// engine does.
func withSpecDefaults(mod modules.Module, a map[string]any) map[string]any {
	full := map[string]any{}
	for _, arg := range mod.Spec().Args {
		if arg.Default != nil {
			full[arg.Name] = arg.Default
		}
	}
	for k, v := range a {
		full[k] = v
	}
	return full
}

// assertConverges runs check mode (must predict a change and change
// nothing, judged by state), a real run (must change), a second real run
// and a second check (both must report no change). state describes the
// target's relevant state; it returns the real run's result.
func assertConverges(t *testing.T, conn connection.Conn, name string, a map[string]any, state func() string) *modules.Result {
	t.Helper()
	before := state()
	if res := applyModule(t, conn, name, a, true); !res.Changed || res.Failed {
		t.Fatalf("check mode: changed=%v failed=%v msg=%q, want a predicted change", res.Changed, res.Failed, res.Msg)
	}
	if after := state(); after != before {
		t.Fatalf("check mode changed the target: %q -> %q", before, after)
	}
	first := applyModule(t, conn, name, a, false)
	if !first.Changed || first.Failed {
		t.Fatalf("first run: changed=%v failed=%v msg=%q data=%v", first.Changed, first.Failed, first.Msg, first.Data)
	}
	if state() == before {
		t.Fatalf("first run reported a change but the state is still %q", before)
	}
	if len(first.Diffs) == 0 || first.Diffs[0].Before == first.Diffs[0].After {
		t.Errorf("first run returned no diff: %+v", first.Diffs)
	}
	if again := applyModule(t, conn, name, a, false); again.Changed || again.Failed {
		t.Fatalf("second run: changed=%v failed=%v msg=%q, want unchanged", again.Changed, again.Failed, again.Msg)
	}
	if check := applyModule(t, conn, name, a, true); check.Changed || check.Failed {
		t.Fatalf("check after apply: changed=%v failed=%v msg=%q", check.Changed, check.Failed, check.Msg)
	}
	return first
}

// cmd makes a plain command.
func cmd(s string) connection.Command { return connection.Command{Cmd: s} }
