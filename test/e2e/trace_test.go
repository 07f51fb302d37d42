package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

var (
	traceBanner   = regexp.MustCompile(`^(TASK|RUNNING HANDLER) \[(.*)\] \*+$`)
	traceResult   = regexp.MustCompile(`^(ok|changed|skipping|fatal|failed): \[([^\]]*)\]`)
	traceIncluded = regexp.MustCompile(`^included: .* for (.*)$`)
)

// parseTrace extracts every task result of a run's default (human) output,
// one "<host> TASK [<name>] <status>" line each, grouped by host in the
// order the results appeared; handlers show as "HANDLER [<name>]". Loop
// item lines are left out (the task's own result line counts). regen.sh's
// trace_of reads ansible-playbook's output the same way.
func parseTrace(output string) string {
	var lines []string
	var hosts []string
	banner := ""
	add := func(host, status string) {
		lines = append(lines, host+" "+banner+" "+status)
		hosts = append(hosts, host)
	}
	for _, l := range strings.Split(output, "\n") {
		l = strings.TrimRight(l, "\r")
		switch m := traceBanner.FindStringSubmatch(l); {
		case strings.HasPrefix(l, "PLAY ["):
			banner = ""
		case m != nil:
			kind := "TASK"
			if m[1] != "TASK" {
				kind = "HANDLER"
			}
			banner = kind + " [" + m[2] + "]"
		case banner == "":
		case l == "...ignoring":
			if n := len(lines); n > 0 && strings.HasSuffix(lines[n-1], " failed") {
				lines[n-1] = strings.TrimSuffix(lines[n-1], " failed") + " ignored"
			}
		case strings.Contains(l, "(item="):
		case traceIncluded.MatchString(l):
			for _, h := range strings.Split(traceIncluded.FindStringSubmatch(l)[1], ", ") {
				add(h, "included")
			}
		default:
			if r := traceResult.FindStringSubmatch(l); r != nil {
				add(r[2], traceStatus(r[1], l))
			}
		}
	}
	idx := make([]int, len(lines))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return hosts[idx[a]] < hosts[idx[b]] })
	var b strings.Builder
	for _, i := range idx {
		b.WriteString(lines[i] + "\n")
	}
	return b.String()
}

// traceStatus names a result line's status as expected.trace does.
func traceStatus(word, line string) string {
	switch {
	case word == "skipping":
		return "skipped"
	case word != "fatal" && word != "failed":
		return word
	case strings.Contains(line, "UNREACHABLE!"):
		return "unreachable"
	}
	return "failed"
}

// checkTrace compares the per-host task results with expected.trace, when
// the case has one.
func checkTrace(caseDir string, res runResult, report reporter) {
	data, err := os.ReadFile(filepath.Join(caseDir, "expected.trace"))
	if os.IsNotExist(err) {
		return
	}
	if err != nil {
		report("read expected.trace: %v", err)
		return
	}
	if d := lineDiff(string(data), parseTrace(res.stdout), 3); d != "" {
		report("task results per host differ:\n%s", d)
	}
}

// TestParseTrace pins the reading of ansible's default output.
func TestParseTrace(t *testing.T) {
	out := `
PLAY [all] *********************************************************************

TASK [t1] **********************************************************************
changed: [h1] => {
    "msg": "t1"
}
skipping: [h2]

TASK [b1] **********************************************************************
fatal: [h1]: FAILED! => {"changed": false, "msg": "b1 failed"}
...ignoring
fatal: [h2]: UNREACHABLE! => {"changed": false}

TASK [loop] ********************************************************************
ok: [h1] => (item=a)
failed: [h1] (item=b) => {"msg": "x"}
fatal: [h1]: FAILED! => {"msg": "One or more items failed"}

TASK [include_tasks] ***********************************************************
included: /x/y.yml for h1, h2

RUNNING HANDLER [hd] ***********************************************************
ok: [h1]

PLAY RECAP *********************************************************************
h1                         : ok=1    changed=1    unreachable=0    failed=0    skipped=0    rescued=0    ignored=0
`
	want := `h1 TASK [t1] changed
h1 TASK [b1] ignored
h1 TASK [loop] failed
h1 TASK [include_tasks] included
h1 HANDLER [hd] ok
h2 TASK [t1] skipped
h2 TASK [b1] unreachable
h2 TASK [include_tasks] included
`
	if got := parseTrace(out); got != want {
		t.Errorf("parseTrace:\n%s", lineDiff(want, got, 3))
	}
}
