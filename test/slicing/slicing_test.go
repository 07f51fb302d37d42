// Package slicing tests sliced runs (edxplay run --slice, report merge)
// against the same run in one process, with the edxplay binary.
package slicing

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/test/testbin"
)

// inventory writes n local hosts h1..hn, each with an inventory variable.
func inventory(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("[fleet]\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "h%d ansible_connection=local rack=r%d\n", i, i%5)
	}
	path := filepath.Join(t.TempDir(), "inventory.ini")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// run runs the binary with env added; it returns stdout, stderr and the exit code.
func run(t *testing.T, bin string, env []string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), append([]string{"NO_COLOR=1", "ANSIBLE_NOCOLOR=1"}, env...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return stdout.String(), stderr.String(), 0
	case errors.As(err, &exit):
		return stdout.String(), stderr.String(), exit.ExitCode()
	}
	t.Fatalf("%s %v: %v", bin, args, err)
	return "", "", -1
}

// recap returns the PLAY RECAP lines of a human output.
func recap(t *testing.T, out string) string {
	t.Helper()
	i := strings.Index(out, "PLAY RECAP")
	if i < 0 {
		t.Fatalf("no PLAY RECAP in:\n%s", out)
	}
	return strings.TrimSpace(out[strings.Index(out[i:], "\n")+i:])
}

type junitDoc struct {
	Tests    int `xml:"tests,attr"`
	Failures int `xml:"failures,attr"`
	Errors   int `xml:"errors,attr"`
	Skipped  int `xml:"skipped,attr"`
	Suites   []struct {
		Name  string `xml:"name,attr"`
		Tests int    `xml:"tests,attr"`
		Cases []struct {
			Name    string    `xml:"name,attr"`
			Class   string    `xml:"classname,attr"`
			Failure *struct{} `xml:"failure"`
			Error   *struct{} `xml:"error"`
			Skipped *struct{} `xml:"skipped"`
			Out     string    `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

var (
	hostSuffix = regexp.MustCompile(` \[[^\]]*\]$`)
	// runTimes are the fields of a command result that differ from run to run.
	runTimes = regexp.MustCompile(`"(delta|end|start)": "[^"]*"`)
)

// junitSummary reads a JUnit file into comparable text: totals, per suite
// the task order and the sorted testcases with their outcome (times left
// out: they differ from run to run; the order of hosts within a task is
// the order results arrived, so it is compared sorted).
func junitSummary(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc junitDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "tests=%d failures=%d errors=%d skipped=%d\n", doc.Tests, doc.Failures, doc.Errors, doc.Skipped)
	for _, s := range doc.Suites {
		var tasks, cases []string
		for _, c := range s.Cases {
			task := hostSuffix.ReplaceAllString(c.Name, "")
			if len(tasks) == 0 || tasks[len(tasks)-1] != task {
				tasks = append(tasks, task)
			}
			cases = append(cases, fmt.Sprintf("%s|%s|f=%v e=%v s=%v|%s", c.Name, c.Class,
				c.Failure != nil, c.Error != nil, c.Skipped != nil, runTimes.ReplaceAllString(c.Out, `"$1": "-"`)))
		}
		slices.Sort(cases)
		fmt.Fprintf(&b, "suite %s tests=%d\ntasks %q\n%s\n", s.Name, s.Tests, tasks, strings.Join(cases, "\n"))
	}
	return b.String()
}

// TestFourSlicesMatchOneProcess runs a 200-host playbook once in one
// process and once as 4 slices (processes started with a Kubernetes
// Indexed Job's and a GitLab CI parallel job's variables), merges the
// slices' event streams and compares recap, JUnit and exit code.
func TestFourSlicesMatchOneProcess(t *testing.T) {
	dir := t.TempDir()
	bin, err := testbin.Build(dir)
	if err != nil {
		t.Fatal(err)
	}
	inv := inventory(t, 200)
	site := filepath.Join("testdata", "site.yml")

	singleJUnit := filepath.Join(dir, "single.xml")
	single, stderr, singleCode := run(t, bin, nil, "run", site, "-i", inv, "--junit", singleJUnit)
	if singleCode != 2 {
		t.Fatalf("single run: exit %d, want 2 (some hosts fail)\n%s", singleCode, stderr)
	}

	slicesEnv := [][]string{
		{"JOB_COMPLETION_INDEX=0", "JOB_COMPLETIONS=4"},
		{"JOB_COMPLETION_INDEX=1", "JOB_COMPLETIONS=4"},
		{"CI_NODE_INDEX=3", "CI_NODE_TOTAL=4"},
		{"CI_NODE_INDEX=4", "CI_NODE_TOTAL=4"},
	}
	var streams []string
	for i, env := range slicesEnv {
		out, stderr, code := run(t, bin, env, "run", site, "-i", inv, "--slice", "auto", "--output", "json")
		if code != 0 && code != 2 {
			t.Fatalf("slice %d: exit %d\n%s", i+1, code, stderr)
		}
		if !strings.Contains(out, `"event":"slice","seq":1,`) || !strings.Contains(out, fmt.Sprintf(`"index":%d,"count":4`, i+1)) {
			t.Fatalf("slice %d: the stream does not start with its slice event:\n%.300s", i+1, out)
		}
		path := filepath.Join(dir, fmt.Sprintf("slice%d.jsonl", i+1))
		if err := os.WriteFile(path, []byte(out), 0o600); err != nil {
			t.Fatal(err)
		}
		streams = append(streams, path)
	}

	mergedJUnit := filepath.Join(dir, "merged.xml")
	merged, stderr, mergedCode := run(t, bin, nil, append([]string{"report", "merge", "--junit", mergedJUnit}, streams...)...)
	if mergedCode != singleCode {
		t.Errorf("merged exit code %d, single run %d\n%s", mergedCode, singleCode, stderr)
	}
	if got, want := recap(t, merged), recap(t, single); got != want {
		t.Errorf("merged recap differs from the single run's:\n--- merged\n%s\n--- single\n%s", got, want)
	}
	if strings.Count(recap(t, merged), "\n") != 199 {
		t.Errorf("merged recap has %d lines, want 200", strings.Count(recap(t, merged), "\n")+1)
	}
	if got, want := junitSummary(t, mergedJUnit), junitSummary(t, singleJUnit); got != want {
		t.Errorf("merged JUnit differs from the single run's:\n--- merged\n%s\n--- single\n%s", got, want)
	}
}

// TestSliceMembership checks AWX's rule: the inventory's hosts sorted by
// name, host k (from 0) runs in slice k mod N + 1, and only there: sorted,
// h1..h10 are h1 h10 h2 h3 h4 h5 h6 h7 h8 h9, so slice 2/3 has h10 h4 h7
// (listed in inventory order).
func TestSliceMembership(t *testing.T) {
	bin, err := testbin.Build(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	inv := inventory(t, 10)
	out, stderr, code := run(t, bin, nil, "run", filepath.Join("testdata", "facts.yml"), "-i", inv, "--slice", "2/3", "--list-hosts")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var hosts []string
	for _, f := range strings.Fields(out) {
		if regexp.MustCompile(`^h[0-9]+$`).MatchString(f) {
			hosts = append(hosts, f)
		}
	}
	if want := []string{"h4", "h7", "h10"}; !slices.Equal(hosts, want) {
		t.Errorf("slice 2/3 of h1..h10 runs %v, want %v\n%s", hosts, want, out)
	}
}

// TestOtherSliceFacts checks that a host's inventory vars are visible from
// every slice but its facts only from its own, with a message saying so.
func TestOtherSliceFacts(t *testing.T) {
	bin, err := testbin.Build(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	inv := inventory(t, 4)
	out, _, code := run(t, bin, nil, "run", filepath.Join("testdata", "facts.yml"), "-i", inv, "--slice", "1/2")
	if code != 2 {
		t.Fatalf("exit %d, want 2\n%s", code, out)
	}
	for _, want := range []string{`"msg": "r2"`, "the facts of host h2 are not available: it is in slice 2/2 and this run is slice 1/2"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	out, _, code = run(t, bin, nil, "run", filepath.Join("testdata", "facts.yml"), "-i", inv, "--slice", "2/2")
	if code != 0 {
		t.Errorf("slice 2/2 (h2's own) exit %d, want 0\n%s", code, out)
	}
}

// TestSliceErrors checks bad --slice values and merges of incomplete runs.
func TestSliceErrors(t *testing.T) {
	dir := t.TempDir()
	bin, err := testbin.Build(dir)
	if err != nil {
		t.Fatal(err)
	}
	inv := inventory(t, 4)
	site := filepath.Join("testdata", "facts.yml")
	cases := []struct {
		name string
		env  []string
		args []string
		code int
		msg  string
	}{
		{"zero index", nil, []string{"run", site, "-i", inv, "--slice", "0/4"}, 5, "between 1 and the count"},
		{"index past count", nil, []string{"run", site, "-i", inv, "--slice", "5/4"}, 5, "between 1 and the count"},
		{"not a slice", nil, []string{"run", site, "-i", inv, "--slice", "half"}, 5, "want INDEX/COUNT"},
		{"auto without variables", nil, []string{"run", site, "-i", inv, "--slice", "auto"}, 5, "none of JOB_COMPLETION_INDEX"},
		{"kubernetes without count", []string{"JOB_COMPLETION_INDEX=1"}, []string{"run", site, "-i", inv, "--slice", "auto"}, 5, "set JOB_COMPLETIONS"},
		{"kubernetes index past count", []string{"JOB_COMPLETION_INDEX=2", "JOB_COMPLETIONS=2"}, []string{"run", site, "-i", inv, "--slice", "auto"}, 5, "between 1 and the count"},
		{"merge nothing", nil, []string{"report", "merge"}, 5, "every slice"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, stderr, code := run(t, bin, c.env, c.args...)
			if code != c.code || !strings.Contains(stderr, c.msg) {
				t.Errorf("exit %d, want %d; stderr lacks %q:\n%s", code, c.code, c.msg, stderr)
			}
		})
	}

	// A merge missing a slice, or given one twice, is refused.
	var streams []string
	for i := 1; i <= 2; i++ {
		out, stderr, _ := run(t, bin, nil, "run", filepath.Join("testdata", "site.yml"), "-i", inv, "--slice", fmt.Sprintf("%d/2", i), "--output", "json")
		path := filepath.Join(dir, fmt.Sprintf("s%d.jsonl", i))
		if err := os.WriteFile(path, []byte(out), 0o600); err != nil {
			t.Fatal(err, stderr)
		}
		streams = append(streams, path)
	}
	truncated := filepath.Join(dir, "truncated.jsonl")
	data, _ := os.ReadFile(streams[1])
	if err := os.WriteFile(truncated, data[:bytes.LastIndex(data[:len(data)-1], []byte("\n"))+1], 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		files []string
		msg   string
	}{
		{streams[:1], "slice 2/2 is missing"},
		{[]string{streams[0], streams[0]}, "are both slice 1/2"},
		{[]string{streams[0], truncated}, "no recap event"},
	} {
		_, stderr, code := run(t, bin, nil, append([]string{"report", "merge"}, c.files...)...)
		if code != 1 || !strings.Contains(stderr, c.msg) {
			t.Errorf("merge %v: exit %d, want 1; stderr lacks %q:\n%s", c.files, code, c.msg, stderr)
		}
	}
}
