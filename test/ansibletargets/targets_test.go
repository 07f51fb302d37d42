package ansibletargets

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edxplay/edxplay/test/recorded"
	"github.com/edxplay/edxplay/test/testbin"
)

var (
	record   = flag.String("record", "", "re-record results: ansible (run ansible-playbook on every eligible target) or edxplay")
	only     = flag.String("targets", "", "comma-separated target names to run (default: all recorded)")
	workers  = flag.Int("workers", 2, "targets run at once")
	fromLogs = flag.String("from-logs", "", "with -record=ansible: take ansible's results from the logs of an earlier run (EDXPLAY_ANSIBLE_LOGS) instead of running it")
	timeout  = flag.Duration("target-timeout", 0, "bound on one target run (default 5m for ansible, 3m for edxplay)")
)

const resultsFile = "testdata/results.json"

// shims stand in for ansible's command-line tools when edxplay runs a
// target: ansible, ansible-playbook, ansible-inventory and ansible-vault map to
// edxplay's commands; the tools edxplay has no counterpart of fail, so that
// a target never passes by running real Ansible.
var shims = map[string]string{
	"ansible":           `exec "$EDXPLAY_BIN" adhoc "$@"`,
	"ansible-playbook":  `exec "$EDXPLAY_BIN" run "$@"`,
	"ansible-inventory": `exec "$EDXPLAY_BIN" inventory "$@"`,
	"ansible-vault":     `exec "$EDXPLAY_BIN" vault "$@"`,
	"ansible-config":    `exec "$EDXPLAY_BIN" config "$@"`,
}

var unsupportedTools = []string{"ansible-console", "ansible-doc", "ansible-galaxy", "ansible-pull", "ansible-connection", "ansible-test"}

func writeShims(dir, bin string) error {
	for _, tool := range unsupportedTools {
		shims[tool] = fmt.Sprintf(`echo "edxplay-harness: %s has no edxplay counterpart" >&2; exit 127`, tool)
	}
	for name, body := range shims {
		script := "#!/bin/sh\nEDXPLAY_BIN=" + bin + "\n" + body + "\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o755); err != nil {
			return err
		}
	}
	return nil
}

// setup extracts the targets and returns a runner, or skips.
func setup(t *testing.T) (Runner, []Target) {
	src := os.Getenv(SourceEnv)
	if src == "" {
		t.Skipf("%s is not set: point it at a checkout of github:ansible/ansible (a bare git dir with branch %s, or a tree holding test/integration/targets) to run ansible-core's integration targets", SourceEnv, Ref)
	}
	if os.Getuid() != 0 {
		t.Skip("ansible-core's integration targets run as root (as in ansible-test's containers)")
	}
	dir := t.TempDir()
	targets, err := Extract(src, dir)
	if err != nil {
		t.Fatal(err)
	}
	all, err := LoadTargets(targets)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Target{}
	for _, tg := range all {
		byName[tg.Name] = tg
	}
	return Runner{
		Targets: targets, Support: filepath.Join(dir, "test", "support", "integration"),
		Injector: filepath.Join(dir, injectorDir), All: byName,
	}, all
}

// TestTargets runs the targets ansible-playbook passes with edxplay standing
// in for it and compares with the recorded results: a recorded pass that
// fails now is a regression.
func TestTargets(t *testing.T) {
	r, all := setup(t)
	res, err := recorded.Load(resultsFile, Ref)
	if err != nil {
		t.Fatal(err)
	}
	if *record == "ansible" {
		recordAnsible(t, r, all, res)
		return
	}
	bin, err := testbin.Build(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	shimDir := t.TempDir()
	if err := writeShims(shimDir, bin); err != nil {
		t.Fatal(err)
	}
	r.Shims, r.Timeout = shimDir, timeoutOr(3*time.Minute)
	var names []string
	for _, n := range selected(res.Names()) {
		if res.Targets[n].Ansible == recorded.Pass {
			names = append(names, n)
		}
	}
	outcomes := runAll(t, r, names)
	passed := 0
	for _, n := range names {
		rec, o := res.Targets[n], outcomes[n]
		if o.Passed {
			passed++
		}
		compare(t, n, rec, o)
	}
	t.Logf("edxplay passes %d of the %d targets ansible-playbook passes (%.0f%%)", passed, len(names), 100*float64(passed)/float64(max(len(names), 1)))
	if *record == "edxplay" {
		if err := res.Save(resultsFile); err != nil {
			t.Fatal(err)
		}
	}
}

// compare checks one outcome against its record (or updates the record
// when recording).
func compare(t *testing.T, name string, rec *recorded.Record, o Outcome) {
	regression, note := rec.Check(o.Passed, *record == "edxplay", o.Log)
	if regression != "" {
		t.Errorf("target %s %s (timed out: %v):\n%s", name, regression, o.TimedOut, tail(o.Log, 6000))
	}
	if note != "" {
		t.Logf("target %s %s with -record=edxplay", name, note)
	}
}

// recordAnsible runs every eligible target with ansible-playbook.
func recordAnsible(t *testing.T, r Runner, all []Target, res *recorded.Results) {
	r.Timeout = timeoutOr(5 * time.Minute)
	var names []string
	for _, tg := range all {
		if ok, _ := tg.Eligible(); ok {
			names = append(names, tg.Name)
		}
	}
	names = selected(names)
	var outcomes map[string]Outcome
	if *fromLogs != "" {
		outcomes, names = outcomesFromLogs(t, *fromLogs, names)
	} else {
		outcomes = runAll(t, r, names)
	}
	for _, n := range names {
		rec := res.Targets[n]
		if rec == nil {
			rec = &recorded.Record{}
			res.Targets[n] = rec
		}
		rec.Ansible = recorded.Fail
		if outcomes[n].Passed {
			rec.Ansible = recorded.Pass
		}
		t.Logf("ansible %s: %s", n, rec.Ansible)
	}
	if err := res.Save(resultsFile); err != nil {
		t.Fatal(err)
	}
}

// runAll runs the named targets, *workers at a time.
func runAll(t *testing.T, r Runner, names []string) map[string]Outcome {
	var mu sync.Mutex
	out := map[string]Outcome{}
	sem := make(chan struct{}, max(*workers, 1))
	var wg sync.WaitGroup
	for _, n := range names {
		tg, ok := r.All[n]
		if !ok {
			t.Errorf("target %s is recorded but not in the checkout", n)
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			start := time.Now()
			o, err := r.Run(context.Background(), tg)
			if err != nil {
				o.Log = append(o.Log, []byte("\nharness: "+err.Error())...)
			}
			logRun(n, o, time.Since(start))
			mu.Lock()
			out[n] = o
			mu.Unlock()
		}()
	}
	wg.Wait()
	return out
}

// outcomesFromLogs reads the first line of each logged run ("# NAME pass|fail
// in D") of the named targets; targets without a log are left out.
func outcomesFromLogs(t *testing.T, dir string, names []string) (map[string]Outcome, []string) {
	out := map[string]Outcome{}
	var found []string
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, n+".log"))
		if err != nil {
			continue
		}
		first, _, _ := strings.Cut(string(data), "\n")
		f := strings.Fields(first)
		if len(f) < 3 || f[0] != "#" || f[1] != n {
			t.Fatalf("%s.log: unexpected first line %q", n, first)
		}
		out[n] = Outcome{Passed: f[2] == "pass"}
		found = append(found, n)
	}
	return out, found
}

// logRun keeps a run's log under EDXPLAY_ANSIBLE_LOGS when it is set.
func logRun(name string, o Outcome, took time.Duration) {
	dir := os.Getenv("EDXPLAY_ANSIBLE_LOGS")
	if dir == "" {
		return
	}
	_ = os.MkdirAll(dir, 0o755)
	status := "fail"
	if o.Passed {
		status = "pass"
	}
	head := fmt.Sprintf("# %s %s in %s\n", name, status, took.Round(time.Second))
	_ = os.WriteFile(filepath.Join(dir, name+".log"), append([]byte(head), o.Log...), 0o644)
}

func timeoutOr(d time.Duration) time.Duration {
	if *timeout > 0 {
		return *timeout
	}
	return d
}

func selected(names []string) []string {
	if *only == "" {
		return names
	}
	want := map[string]bool{}
	for _, n := range strings.Split(*only, ",") {
		want[strings.TrimSpace(n)] = true
	}
	var out []string
	for _, n := range names {
		if want[n] {
			out = append(out, n)
		}
	}
	return out
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}
