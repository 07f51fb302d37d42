package report

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/internal/modspec"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fakeClock is a clock the scripts move forward by hand.
type fakeClock struct{ t time.Time }

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)}
}

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// scriptReporter is what scripts call: the engine's events plus TaskHosts
// and HostDone (a Tee implements both).
type scriptReporter interface {
	engine.Reporter
	taskHoster
	hostDoner
}

// scenario is a scripted run: the calls the engine would make.
type scenario struct {
	name string
	run  func(r scriptReporter, clk *fakeClock)
}

// secret appears only in no_log results; no output may contain it.
const secret = "s3cr3t-Pa55"

func scenarios() []scenario {
	return []scenario{
		{"basic", scriptBasic},
		{"failures", scriptFailures},
		{"loop_handler", scriptLoopHandler},
		{"no_log", scriptNoLog},
		{"without_task_hosts", scriptWithoutTaskHosts},
		{"strategy_free", scriptStrategyFree},
	}
}

func stats(ok, changed, unreachable, failed, skipped, ignored int) *engine.Stats {
	return &engine.Stats{OK: ok, Changed: changed, Unreachable: unreachable, Failed: failed,
		Skipped: skipped, Ignored: ignored}
}

func scriptBasic(r scriptReporter, clk *fakeClock) {
	r.PlayStart("web servers", []string{"web1", "web2"})
	clk.advance(10 * time.Millisecond)
	r.TaskStart("Gathering Facts", false)
	r.TaskHosts("Gathering Facts", []string{"web1", "web2"})
	clk.advance(1200 * time.Millisecond)
	r.HostResult(engine.HostResult{Host: "web2", Task: "Gathering Facts", Action: "setup", Status: engine.StatusOK,
		Result: map[string]any{"changed": false, "_ansible_verbose_override": true}})
	clk.advance(300 * time.Millisecond)
	r.HostResult(engine.HostResult{Host: "web1", Task: "Gathering Facts", Action: "setup", Status: engine.StatusOK,
		Result: map[string]any{"changed": false}})
	r.TaskStart("nginx : write config", false)
	r.TaskHosts("nginx : write config", []string{"web1", "web2"})
	clk.advance(2 * time.Second)
	r.HostResult(engine.HostResult{Host: "web1", Task: "write config", Action: "template", Status: engine.StatusChanged,
		Result: map[string]any{"changed": true, "dest": "/etc/nginx/nginx.conf"},
		Diffs: []modspec.Diff{{BeforeHeader: "/etc/nginx/nginx.conf", AfterHeader: "/etc/nginx/nginx.conf",
			Before: "worker_processes 1;\n", After: "worker_processes 4;\n"}}})
	clk.advance(500 * time.Millisecond)
	r.HostResult(engine.HostResult{Host: "web2", Task: "write config", Action: "template", Status: engine.StatusOK,
		Result: map[string]any{"changed": false, "dest": "/etc/nginx/nginx.conf"}})
	clk.advance(5 * time.Millisecond)
	r.Recap([]string{"web1", "web2"}, map[string]*engine.Stats{"web1": stats(2, 1, 0, 0, 0, 0), "web2": stats(2, 0, 0, 0, 0, 0)})
}

func scriptFailures(r scriptReporter, clk *fakeClock) {
	hosts := []string{"a", "b", "c", "d"}
	r.PlayStart("deploy <app> & \"db\"", hosts)
	r.TaskStart("migrate", false)
	r.TaskHosts("migrate", hosts)
	clk.advance(700 * time.Millisecond)
	r.HostResult(engine.HostResult{Host: "c", Task: "migrate", Action: "command", Status: engine.StatusSkipped,
		Result: map[string]any{"changed": false, "skipped": true, "skip_reason": "Conditional result was False"}})
	clk.advance(300 * time.Millisecond)
	r.HostResult(engine.HostResult{Host: "b", Task: "migrate", Action: "command", Status: engine.StatusUnreachable,
		Result: map[string]any{"msg": "ssh: connect to host b port 22: Connection refused", "unreachable": true, "changed": false}, ShowResult: true})
	clk.advance(1500 * time.Millisecond)
	r.HostResult(engine.HostResult{Host: "a", Task: "migrate", Action: "command", Status: engine.StatusFailed, ShowResult: true,
		Result: map[string]any{"msg": "non-zero return code \x1b[0m\x00", "rc": 1, "changed": true, "failed": true,
			"stderr": "\x1b[31merror\x1b[0m: table <users> & \"x\" \x00exists"}})
	r.HostResult(engine.HostResult{Host: "d", Task: "migrate", Action: "command", Status: engine.StatusFailed, Ignored: true,
		ShowResult: true, Result: map[string]any{"msg": "already migrated", "rc": 2, "changed": false, "failed": true}})
	r.Warning("d: deprecated option \"force\"")
	clk.advance(40 * time.Millisecond)
	r.Recap(hosts, map[string]*engine.Stats{"a": stats(0, 0, 0, 1, 0, 0), "b": stats(0, 0, 1, 0, 0, 0),
		"c": stats(0, 0, 0, 0, 1, 0), "d": stats(1, 0, 0, 0, 0, 1)})
}

func scriptLoopHandler(r scriptReporter, clk *fakeClock) {
	hosts := []string{"h1", "h2"}
	r.PlayStart("", hosts)
	r.Included("/srv/play/tasks/users.yml", hosts)
	r.TaskStart("users : create", false)
	r.TaskHosts("users : create", hosts)
	item := func(host, label string, st engine.Status) {
		clk.advance(250 * time.Millisecond)
		r.HostResult(engine.HostResult{Host: host, Task: "create", Action: "user", Status: st, Item: label, IsItem: true,
			Result: map[string]any{"name": label, "changed": st == engine.StatusChanged, "failed": st == engine.StatusFailed}})
	}
	item("h1", "alice", engine.StatusOK)
	item("h2", "alice", engine.StatusFailed)
	item("h1", "bob", engine.StatusChanged)
	r.HostDone("users : create", "h2")
	item("h1", "carol", engine.StatusSkipped)
	r.HostDone("users : create", "h1")
	r.TaskStart("restart sshd", true)
	r.TaskHosts("restart sshd", []string{"h1"})
	clk.advance(3 * time.Second)
	r.HostResult(engine.HostResult{Host: "h1", Task: "restart sshd", Action: "service", Status: engine.StatusChanged,
		Result: map[string]any{"changed": true, "state": "started"}})
	r.Recap(hosts, map[string]*engine.Stats{"h1": stats(2, 1, 0, 0, 0, 0), "h2": stats(0, 0, 0, 1, 0, 0)})
}

func scriptNoLog(r scriptReporter, clk *fakeClock) {
	r.PlayStart("secrets", []string{"db"})
	r.TaskStart("set password", false)
	r.TaskHosts("set password", []string{"db"})
	clk.advance(time.Second)
	// The engine censors no_log results; these are left uncensored on
	// purpose: the reporters must not rely on it.
	r.HostResult(engine.HostResult{Host: "db", Task: "set password", Action: "user", Status: engine.StatusChanged,
		IsItem: true, Item: secret, NoLog: true, ShowResult: true,
		Result: map[string]any{"changed": true, "password": secret, "msg": "set " + secret},
		Diffs:  []modspec.Diff{{Before: "old", After: secret}}})
	r.TaskStart("check password", false)
	r.TaskHosts("check password", []string{"db"})
	clk.advance(time.Second)
	r.HostResult(engine.HostResult{Host: "db", Task: "check password", Action: "command", Status: engine.StatusFailed,
		NoLog: true, ShowResult: true, Result: map[string]any{"msg": "wrong password " + secret, "failed": true}})
	r.Recap([]string{"db"}, map[string]*engine.Stats{"db": stats(1, 1, 0, 1, 0, 0)})
}

// scriptWithoutTaskHosts is an engine that never calls TaskHosts or HostDone.
func scriptWithoutTaskHosts(r scriptReporter, clk *fakeClock) {
	r.PlayStart("first", []string{"x"})
	r.TaskStart("ping", false)
	clk.advance(800 * time.Millisecond)
	r.HostResult(engine.HostResult{Host: "x", Task: "ping", Action: "ping", Status: engine.StatusOK,
		Result: map[string]any{"changed": false, "ping": "pong"}})
	r.PlayStart("nobody", nil)
	r.PlayStart("second", []string{"x"})
	r.TaskStart("ping", false)
	clk.advance(200 * time.Millisecond)
	r.HostResult(engine.HostResult{Host: "x", Task: "ping", Action: "ping", Status: engine.StatusOK,
		Result: map[string]any{"changed": false, "ping": "pong"}})
	r.Recap([]string{"x"}, map[string]*engine.Stats{"x": stats(2, 0, 0, 0, 0, 0)})
}

// scriptStrategyFree interleaves two hosts that each run the task list
// at their own pace: TaskStart comes once per host and task.
func scriptStrategyFree(r scriptReporter, clk *fakeClock) {
	start := func(task, host string) {
		r.TaskStart(task, false)
		r.TaskHosts(task, []string{host})
	}
	result := func(task, host string, d time.Duration) {
		clk.advance(d)
		r.HostResult(engine.HostResult{Host: host, Task: task, Action: "command", Status: engine.StatusChanged,
			Result: map[string]any{"changed": true}})
		r.HostDone(task, host)
	}
	r.PlayStart("free", []string{"fast", "slow"})
	start("first", "fast")
	start("first", "slow")
	result("first", "fast", 100*time.Millisecond)
	start("second", "fast")
	result("second", "fast", 100*time.Millisecond)
	result("first", "slow", 800*time.Millisecond)
	start("second", "slow")
	result("second", "slow", time.Second)
	r.Recap([]string{"fast", "slow"}, map[string]*engine.Stats{"fast": stats(2, 2, 0, 0, 0, 0), "slow": stats(2, 2, 0, 0, 0, 0)})
}

// checkGolden compares got with testdata/dir/name, rewriting it with -update.
func checkGolden(t *testing.T, dir, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", dir, name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden file: %v (run go test ./report -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
