// Package conformance is a test suite every transport runs: it applies
// each core module through a connection.Conn in a scratch directory on
// the target and checks idempotence, check mode and diff output.
package conformance

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/modules"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Case is one module invocation. In Args, Setup keys and Want keys the
// placeholder @DIR@ stands for the scratch directory on the target
// and @LOCAL@ for the controller-side search root.
type Case struct {
	Name   string
	Module string
	Args   map[string]any
	// Setup are files created on the target before the first run
	// (path relative to the scratch dir → content; a trailing / makes a directory).
	Setup map[string]string
	// Local are controller-side files (relative to the fake search root,
	// e.g. "files/motd" or "templates/app.j2").
	Local map[string]string
	// Want are the expected target files after the run ("" key suffix / for dirs; nil value: absent).
	Want map[string]*string
	// WantData is a subset of the expected result data.
	WantData map[string]any
	// WantMsg is the expected message of the first real run.
	WantMsg string
	// WantFailed expects the module to fail (checked on the first run only).
	WantFailed bool
	// NotIdempotent marks modules that change on every run (touch, command).
	NotIdempotent bool
	// WantDiffs, when set, are the exact diffs of the first real run.
	WantDiffs []modspec.Diff
	// WantStat is a subset of the stat module's "stat" result.
	WantStat map[string]any
	// NoDiff expects no diff even though the run changes something.
	NoDiff bool
}

// Vars are the variables the fake host context offers to templates and expressions.
var Vars = map[string]any{"greeting": "hello", "ok": true, "not_ok": false}

// Run applies every case, then the transport cases, through connections
// made by newConn.
func Run(t *testing.T, newConn func(t *testing.T) connection.Conn) {
	for _, c := range Cases() {
		t.Run(c.Module+"/"+c.Name, func(t *testing.T) {
			runCase(t, newConn(t), c)
		})
	}
	runTransportCases(t, newConn)
}

// env is one case's scratch directory on the target and its tooling.
type env struct {
	t    *testing.T
	conn connection.Conn
	fs   *hostfile.FS
	dir  string
	host *fakeHost
}

func newEnv(t *testing.T, conn connection.Conn, c Case) *env {
	ctx := context.Background()
	fs := hostfile.New(conn, nil)
	out, err := fs.Exec(ctx, "mktemp -d")
	if err != nil {
		t.Fatalf("create scratch dir: %v", err)
	}
	e := &env{t: t, conn: conn, fs: fs, dir: strings.TrimSpace(out), host: &fakeHost{root: t.TempDir(), vars: Vars}}
	t.Cleanup(func() { _ = fs.Remove(ctx, e.dir, true) })
	for rel, content := range c.Setup {
		p := e.expand(filepath.Join("@DIR@", rel))
		dir := filepath.Dir(p)
		if strings.HasSuffix(rel, "/") {
			dir = p
		}
		_, err = fs.MkdirAll(ctx, dir, 0, "", "")
		if err == nil && !strings.HasSuffix(rel, "/") {
			err = conn.WriteFile(ctx, p, []byte(content), connection.FileAttrs{Mode: 0o644})
		}
		if err != nil {
			t.Fatalf("setup %s: %v", rel, err)
		}
	}
	for rel, content := range c.Local {
		p := filepath.Join(e.host.root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(e.expand(content)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

func (e *env) expand(s string) string {
	return strings.NewReplacer("@DIR@", e.dir, "@LOCAL@", e.host.root).Replace(s)
}

// expandAny replaces @DIR@ in strings, recursively.
func (e *env) expandAny(v any) any {
	switch x := v.(type) {
	case string:
		return e.expand(x)
	case []any:
		out := make([]any, len(x))
		for i, y := range x {
			out[i] = e.expandAny(y)
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k, y := range x {
			out[k] = e.expandAny(y)
		}
		return out
	}
	return v
}

// apply runs the case's module once.
func (e *env) apply(c Case, check bool) *modules.Result {
	e.t.Helper()
	mod, ok := modules.Lookup(c.Module)
	if !ok {
		e.t.Fatalf("module %s is not registered", c.Module)
	}
	a := withDefaults(mod.Spec(), e.expandAny(c.Args).(map[string]any))
	res, err := mod.Run(context.Background(), &modules.Call{
		Args: a, Conn: e.conn, Check: check, Diff: true, Host: e.host,
	})
	if err != nil {
		e.t.Fatalf("%s (check=%v): %v", c.Module, check, err)
	}
	return res
}

// withDefaults applies a Spec's defaults as the engine does.
func withDefaults(spec modspec.Spec, a map[string]any) map[string]any {
	out := map[string]any{}
	for _, arg := range spec.Args {
		if arg.Default != nil {
			out[arg.Name] = arg.Default
		}
	}
	for k, v := range a {
		out[k] = v
	}
	return out
}

// snapshot lists every path under the scratch dir with its type, mode,
// owner, size and checksum, to prove check mode changed nothing.
func (e *env) snapshot() string {
	e.t.Helper()
	out, err := e.fs.Exec(context.Background(), fmt.Sprintf(
		`cd %s && find . -printf '%%p %%y %%m %%u %%g %%s %%l\n' | sort && find . -type f -exec sha1sum {} + | sort`, hostfile.Quote(e.dir)))
	if err != nil {
		e.t.Fatalf("snapshot: %v", err)
	}
	return out
}

func runCase(t *testing.T, conn connection.Conn, c Case) {
	e := newEnv(t, conn, c)
	before := e.snapshot()
	predicted := e.apply(c, true)
	if after := e.snapshot(); after != before {
		t.Fatalf("check mode changed the target:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	first := e.apply(c, false)
	if first.Failed != c.WantFailed {
		t.Fatalf("first run failed = %v (msg %q), want %v", first.Failed, first.Msg, c.WantFailed)
	}
	if c.WantFailed {
		e.checkResult(c, first)
		return
	}
	if unknown, _ := predicted.Data["check_mode_unknown"].(bool); !unknown && predicted.Changed != first.Changed {
		t.Errorf("check mode predicted changed=%v, real run changed=%v", predicted.Changed, first.Changed)
	}
	if first.Changed && !c.NoDiff && !hasDiff(first.Diffs) {
		t.Errorf("changed run returned no diff")
	}
	e.checkResult(c, first)
	e.checkFiles(c)
	if c.NotIdempotent {
		return
	}
	second := e.apply(c, false)
	if second.Changed || second.Failed {
		t.Errorf("second run: changed=%v failed=%v msg=%q diffs=%+v, want an unchanged success", second.Changed, second.Failed, second.Msg, second.Diffs)
	}
	if again := e.apply(c, true); again.Changed {
		t.Errorf("check mode after apply predicts a change: %+v", again)
	}
}

func hasDiff(diffs []modspec.Diff) bool {
	for _, d := range diffs {
		if d.Before != d.After {
			return true
		}
	}
	return false
}

func (e *env) checkResult(c Case, res *modules.Result) {
	e.t.Helper()
	if c.WantMsg != "" && res.Msg != e.expand(c.WantMsg) {
		e.t.Errorf("msg = %q, want %q", res.Msg, e.expand(c.WantMsg))
	}
	if c.WantDiffs != nil {
		want := make([]modspec.Diff, len(c.WantDiffs))
		for i, d := range c.WantDiffs {
			want[i] = modspec.Diff{BeforeHeader: e.expand(d.BeforeHeader), AfterHeader: e.expand(d.AfterHeader), Before: e.expand(d.Before), After: e.expand(d.After)}
		}
		if !reflect.DeepEqual(res.Diffs, want) {
			e.t.Errorf("diffs = %#v\nwant %#v", res.Diffs, want)
		}
	}
	st, _ := odict.Plain(res.Data["stat"])
	for k, want := range c.WantStat {
		if got := st[k]; !reflect.DeepEqual(got, e.expandAny(want)) {
			e.t.Errorf("stat[%q] = %#v, want %#v", k, got, e.expandAny(want))
		}
	}
	for k, want := range c.WantData {
		if got := res.Data[k]; !reflect.DeepEqual(got, e.expandAny(want)) {
			e.t.Errorf("result[%q] = %#v, want %#v", k, got, e.expandAny(want))
		}
	}
}

func (e *env) checkFiles(c Case) {
	e.t.Helper()
	for rel, want := range c.Want {
		p := e.expand(filepath.Join("@DIR@", rel))
		info, err := e.fs.Stat(context.Background(), p, hostfile.StatOptions{})
		switch {
		case err != nil:
			e.t.Fatal(err)
		case want == nil:
			if info.Exists {
				e.t.Errorf("%s exists, want it absent", rel)
			}
		case strings.HasSuffix(rel, "/"):
			if !info.IsDir() {
				e.t.Errorf("%s is %s, want a directory", rel, info.Type)
			}
		default:
			got, err := e.conn.ReadFile(context.Background(), p, nil)
			if err != nil || string(got) != e.expand(*want) {
				e.t.Errorf("%s = %q (%v), want %q", rel, got, err, e.expand(*want))
			}
		}
	}
}
