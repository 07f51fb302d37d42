package modules_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/internal/connection/local"
	"github.com/edxplay/edxplay/modules"
)

// describeCase is a task of a module that runs commands (or requests)
// whose effect it describes: check mode reports the description, and a
// guarded apply (DescribeToApply, then Apply) must make it.
type describeCase struct {
	name, module string
	// args builds the task's arguments in a scratch directory; state
	// reads what the task changes there.
	args  func(t *testing.T, dir string) map[string]any
	state func(dir string) string
	// skipped: check mode skips the task (its effect is not predicted);
	// repeats: the task changes again every time it runs.
	skipped, repeats bool
	// checkMsg and applyMsg are the messages of the description and of
	// a second apply, when they matter.
	checkMsg, applyMsg string
}

func fileIn(name string) func(dir string) string {
	return func(dir string) string {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return "absent"
		}
		return "present: " + string(data)
	}
}

func describeCases(t *testing.T) []describeCase {
	repo, _ := gitRepo(t)
	srv := httptest.NewServer(http.HandlerFunc(uriRoutes))
	t.Cleanup(srv.Close)
	head := func(dir string) string {
		out, _ := exec.Command("git", "-C", filepath.Join(dir, "clone"), "rev-parse", "HEAD").Output()
		return strings.TrimSpace(string(out))
	}
	return []describeCase{
		{name: "creates", module: "command", args: func(t *testing.T, dir string) map[string]any {
			return map[string]any{"_raw_params": "touch " + filepath.Join(dir, "f"), "creates": filepath.Join(dir, "f")}
		}, state: fileIn("f"), checkMsg: "Command would have run if not in check mode",
			applyMsg: "Did not run command since '{dir}/f' exists"},
		{name: "removes", module: "command", args: func(t *testing.T, dir string) map[string]any {
			if err := os.WriteFile(filepath.Join(dir, "f"), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
			return map[string]any{"argv": []any{"rm", filepath.Join(dir, "f")}, "removes": filepath.Join(dir, "f")}
		}, state: fileIn("f"), applyMsg: "Did not run command since '{dir}/f' does not exist"},
		{name: "unguarded", module: "command", args: func(t *testing.T, dir string) map[string]any {
			return map[string]any{"cmd": "touch " + filepath.Join(dir, "f")}
		}, state: fileIn("f"), skipped: true, repeats: true, checkMsg: "Command would have run if not in check mode"},
		{name: "creates", module: "shell", args: func(t *testing.T, dir string) map[string]any {
			return map[string]any{"cmd": "echo x > f", "chdir": dir, "creates": "f"}
		}, state: fileIn("f"), applyMsg: "Did not run command since 'f' exists"},
		{name: "raw", module: "raw", args: func(t *testing.T, dir string) map[string]any {
			return map[string]any{"_raw_params": "echo x >> " + filepath.Join(dir, "f")}
		}, state: fileIn("f"), skipped: true, repeats: true},
		{name: "creates", module: "script", args: func(t *testing.T, dir string) map[string]any {
			writeFiles(t, dir, map[string]string{"files/mk.sh": "#!/bin/sh\necho x > \"$1\"\n"})
			return map[string]any{"_raw_params": "mk.sh " + filepath.Join(dir, "f"), "creates": filepath.Join(dir, "f")}
		}, state: fileIn("f"), applyMsg: "{dir}/f exists, matching creates option"},
		{name: "clone", module: "git", args: func(t *testing.T, dir string) map[string]any {
			return map[string]any{"repo": repo, "dest": filepath.Join(dir, "clone")}
		}, state: head},
		{name: "branch", module: "git", args: func(t *testing.T, dir string) map[string]any {
			if out, err := exec.Command("git", "clone", "-q", repo, filepath.Join(dir, "clone")).CombinedOutput(); err != nil {
				t.Fatalf("clone: %v %s", err, out)
			}
			return map[string]any{"repo": repo, "dest": filepath.Join(dir, "clone"), "version": "next"}
		}, state: head},
		{name: "flat", module: "fetch", args: func(t *testing.T, dir string) map[string]any {
			if err := os.WriteFile(filepath.Join(dir, "src"), []byte("data"), 0o644); err != nil {
				t.Fatal(err)
			}
			return map[string]any{"src": filepath.Join(dir, "src"), "dest": filepath.Join(dir, "f"), "flat": true}
		}, state: fileIn("f"), skipped: true},
		{name: "path", module: "wait_for", args: func(t *testing.T, dir string) map[string]any {
			return map[string]any{"path": dir, "timeout": 5}
		}, state: fileIn("f"), skipped: true},
		{name: "get", module: "uri", args: func(*testing.T, string) map[string]any {
			return map[string]any{"url": srv.URL + "/json"}
		}, state: fileIn("f"), skipped: true},
	}
}

// TestDescriptionIsApplied checks, for each module that describes
// commands it runs, that check mode changes nothing and says what
// applying does (changed as the apply reports it, or skipped when the
// effect is not predicted), that a guarded apply makes the described
// change, and that the next run (and its check) reports no change.
func TestDescriptionIsApplied(t *testing.T) {
	conn, err := local.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range describeCases(t) {
		t.Run(c.module+"/"+c.name, func(t *testing.T) {
			dir := t.TempDir()
			mod, _ := modules.Lookup(c.module)
			if _, ok := mod.(modules.Describer); !ok {
				t.Fatalf("%s does not describe its change itself", c.module)
			}
			a := withSpecDefaults(mod, c.args(t, dir))
			call := func(check bool) *modules.Call {
				return &modules.Call{Args: a, Conn: conn, Check: check, Diff: true, Host: dirHost{root: dir}}
			}
			before := c.state(dir)
			check, err := modules.Describe(context.Background(), mod, call(true))
			if err != nil {
				t.Fatal(err)
			}
			if after := c.state(dir); after != before {
				t.Fatalf("check mode changed the state: %q -> %q", before, after)
			}
			if check.Result.Skipped != c.skipped || check.Result.Failed {
				t.Fatalf("check mode: %+v, want skipped=%v", check.Result, c.skipped)
			}
			if c.checkMsg != "" && check.Result.Msg != c.checkMsg {
				t.Errorf("check mode msg %q, want %q", check.Result.Msg, c.checkMsg)
			}
			d, err := modules.DescribeToApply(context.Background(), mod, call(false))
			if err != nil {
				t.Fatal(err)
			}
			applied, err := d.Apply(context.Background(), mod, call(false))
			d.Release()
			if err != nil || applied.Failed {
				t.Fatalf("apply: %+v, %v", applied, err)
			}
			if !c.skipped && applied.Changed != check.Changed {
				t.Errorf("check mode said changed=%v, applying it changed=%v", check.Changed, applied.Changed)
			}
			if applied.Changed == (c.state(dir) == before) {
				t.Errorf("apply reported changed=%v, the state went %q -> %q", applied.Changed, before, c.state(dir))
			}
			again, err := mod.Run(context.Background(), call(false))
			if err != nil || again.Failed || again.Changed != c.repeats {
				t.Fatalf("second run: %+v, %v; want changed=%v", again, err, c.repeats)
			}
			if msg := strings.ReplaceAll(c.applyMsg, "{dir}", dir); msg != "" && again.Msg != msg {
				t.Errorf("second run msg %q, want %q", again.Msg, msg)
			}
			if recheck, err := modules.Describe(context.Background(), mod, call(true)); err != nil || recheck.Changed {
				t.Errorf("check after apply: %+v, %v", recheck, err)
			}
		})
	}
}

// TestOnlyReadersAreNotDescribers keeps the contract whole: every module
// that changes a host describes its change (modules.Describer); the
// others only read the host (their run is their description), or run on
// the controller, or are not implemented.
func TestOnlyReadersAreNotDescribers(t *testing.T) {
	readers := []string{"find", "gather_facts", "getent", "package_facts", "ping", "setup", "slurp", "stat"}
	var got []string
	for _, name := range modules.Names() {
		mod, _ := modules.Lookup(name)
		if _, ok := mod.(modules.Describer); ok || mod.Spec().Controller {
			continue
		}
		got = append(got, name)
	}
	slices.Sort(got)
	if !slices.Equal(got, readers) {
		t.Errorf("modules that are neither Describers nor controller modules: %v, want only the readers %v", got, readers)
	}
}
