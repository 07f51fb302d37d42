package edxdemo

import (
	"os"
	"strings"
	"testing"
)

// readResult loads a recorded run (testdata/*.log, output of real demo runs).
func readResult(t *testing.T, name string) *Result {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return &Result{Output: string(data), Recap: parseRecap(string(data))}
}

func TestParseRecap(t *testing.T) {
	r := readResult(t, "check-diff.log")
	tests := []struct {
		host, counter string
		want          int
	}{
		{"edx-app", "ok", 34}, {"edx-app", "changed", 7}, {"edx-app", "unknown", 1},
		{"edx-data", "ok", 16}, {"edx-data", "changed", 0}, {"edx-data", "skipped", 23},
	}
	for _, tt := range tests {
		if got := r.Recap[tt.host][tt.counter]; got != tt.want {
			t.Errorf("%s %s = %d, want %d", tt.host, tt.counter, got, tt.want)
		}
	}
}

func TestChecksOnRecordedRuns(t *testing.T) {
	second, check := readResult(t, "second-run.log"), readResult(t, "check-diff.log")
	tests := []struct {
		name string
		err  error
		ok   bool
	}{
		{"second run unchanged", CheckUnchanged(second), true},
		{"check run changed things", CheckUnchanged(check), false},
		{"check run changes only PLATFORM_NAME", CheckOnlyPlatformNameChanges(check), true},
		{"second run shows no diff", CheckOnlyPlatformNameChanges(second), false},
		{"one more changed key", CheckOnlyPlatformNameChanges(withExtraKey(check)), false},
		{"failed exit", CheckSucceeded(&Result{ExitCode: 2, Recap: check.Recap}), false},
		{"page", CheckPage("<p>PLATFORM_NAME: edxplay demo</p>\n<p>edx-platform stand-in, lms, configured by /edx/etc/lms.yml</p>", PlatformName), true},
		{"page of another name", CheckPage("<p>PLATFORM_NAME: other</p> edx-platform stand-in, lms", PlatformName), false},
	}
	for _, tt := range tests {
		if (tt.err == nil) != tt.ok {
			t.Errorf("%s: err = %v, want ok=%v", tt.name, tt.err, tt.ok)
		}
	}
}

// withExtraKey adds a second changed line to the first file's diff.
func withExtraKey(r *Result) *Result {
	out := strings.Replace(r.Output, `-    "PLATFORM_NAME": "edxplay demo",`,
		"-    \"PLATFORM_NAME\": \"edxplay demo\",\n-    \"SECRET\": \"x\",", 1)
	return &Result{Output: out, Recap: r.Recap}
}

func TestDiffs(t *testing.T) {
	diffs := readResult(t, "check-diff.log").Diffs()
	if len(diffs) != len(ConfigFiles) {
		t.Fatalf("got %d file diffs, want %d: %+v", len(diffs), len(ConfigFiles), diffs)
	}
	if d := diffs[0]; d.Path != "/edx/app/edxapp/lms.env.json" || len(d.Removed) != 1 || len(d.Added) != 1 {
		t.Errorf("first diff: %+v", d)
	}
}
