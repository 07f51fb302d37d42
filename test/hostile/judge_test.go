package hostile

import (
	"strings"
	"testing"
	"time"
)

// TestJudge checks the sweep's rules on made-up outcomes, so that each
// rule can fail.
func TestJudge(t *testing.T) {
	c := hostileCase{name: "x"}
	static := hostileCase{name: "x", loadCheck: "static"}
	loadFail := ansibleResult{RC: 4}
	ranOK := ansibleResult{RC: 0, Marker: true}
	ranFailed := ansibleResult{RC: 2, Marker: true}
	hung := ansibleResult{RC: -1, Hung: true}
	rejected := outcome{rc: 4, output: "ERROR! site.yml:3:5: bad"}
	tests := []struct {
		name string
		c    hostileCase
		want ansibleResult
		got  outcome
		bad  string // a substring of the expected problem; "" for none
	}{
		{"panic", c, loadFail, outcome{rc: 2, output: "panic: boom\n\ngoroutine 1 [running]:"}, "panic"},
		{"hang", c, loadFail, outcome{rc: -1, timedOut: true}, "hung"},
		{"memory", c, loadFail, outcome{rc: -1, overMem: true, peakRSS: 2 << 30}, "memory"},
		{"load reject", c, loadFail, rejected, ""},
		{"load reject without line", c, loadFail, outcome{rc: 4, output: "ERROR! site.yml: bad"}, "load-time"},
		{"load reject worded as ansible", c, loadFail, outcome{rc: 4, output: "ERROR! bad\n\nThe error appears to be in '/d/site.yml': line 3, column 5, but may"}, ""},
		{"load reject with line later", c, loadFail, outcome{rc: 4, output: "ERROR! site.yml: parse: line 3: bad"}, ""},
		{"other file named", c, loadFail, outcome{rc: 4, output: "ERROR! other.yml:3: bad"}, "load-time"},
		{"marker ran after load fail", c, loadFail, outcome{rc: 4, marker: true, output: "site.yml:3"}, "load-time"},
		{"same as ansible", c, ranOK, outcome{rc: 0, marker: true}, ""},
		{"stricter without reason", c, ranFailed, rejected, "ansible runs the marker"},
		{"stricter with reason", static, ranFailed, rejected, ""},
		{"static, same as ansible", static, ranFailed, outcome{rc: 2, marker: true, output: "site.yml:9:7: bad"}, ""},
		{"static, runs but unclear", static, ranFailed, outcome{rc: 2, marker: true, output: "bad"}, "load-time"},
		{"ansible skips all hosts, edxplay too", c, ansibleResult{RC: 0}, outcome{rc: 0}, ""},
		{"runtime failure without line", c, ranFailed, outcome{rc: 2, marker: true, output: "fatal: boom"}, "file:line"},
		{"runtime failure with line", c, ranFailed, outcome{rc: 2, marker: true, output: "site.yml:9:7: boom"}, ""},
		{"ansible hangs, edxplay fails cleanly", c, hung, outcome{rc: 2, marker: true, output: "site.yml:9:7: too big"}, ""},
		{"ansible hangs, edxplay fails unclearly", c, hung, outcome{rc: 2, marker: true, output: "too big"}, "file:line"},
		{"mention instead of line", hostileCase{name: "x", mention: "nowhere.yml"}, loadFail,
			outcome{rc: 1, output: "open nowhere.yml: no such file"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems := strings.Join(judge(tt.c, tt.want, tt.got), "\n")
			switch {
			case tt.bad == "" && problems != "":
				t.Errorf("unexpected problems: %s", problems)
			case tt.bad != "" && !strings.Contains(problems, tt.bad):
				t.Errorf("problems %q do not mention %q", problems, tt.bad)
			}
		})
	}
}

// TestRunLimited checks that the time limit and the memory watchdog kill
// a run and say so.
func TestRunLimited(t *testing.T) {
	res, err := runLimited(t.TempDir(), nil, []string{"sleep", "30"}, 500*time.Millisecond)
	if err != nil || !res.timedOut {
		t.Errorf("sleep 30 under a 0.5 s limit: timedOut=%v err=%v", res.timedOut, err)
	}
	grow := []string{"python3", "-c", "import time; b = b'x' * (1200 << 20); time.sleep(30)"}
	res, err = runLimited(t.TempDir(), nil, grow, 20*time.Second)
	if err != nil || !res.overMem || res.timedOut {
		t.Errorf("1.2 GiB allocation: overMem=%v timedOut=%v peak=%d MiB err=%v", res.overMem, res.timedOut, res.peakRSS>>20, err)
	}
	res, err = runLimited(t.TempDir(), nil, []string{"sh", "-c", "echo hi; exit 3"}, 10*time.Second)
	if err != nil || res.rc != 3 || res.output != "hi\n" || res.timedOut || res.overMem {
		t.Errorf("sh exit 3: %+v err=%v", res, err)
	}
}
