package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const (
	casesRoot = "testdata/cases"
	// blocksRoot holds the generated block/rescue/always failure matrix
	// (testdata/blocks/gen.py), whose cases also record expected.trace.
	blocksRoot = "testdata/blocks"
)

// TestGolden runs every case under testdata/cases through edxplay and
// compares the result with what real ansible-playbook recorded.
func TestGolden(t *testing.T) {
	runGoldenDir(t, casesRoot)
}

// TestBlockFailures runs the block/rescue/always failure matrix: the task
// results per host, the recap and the exit code must equal ansible's.
func TestBlockFailures(t *testing.T) {
	runGoldenDir(t, blocksRoot)
}

func runGoldenDir(t *testing.T, root string) {
	for _, name := range caseDirs(t, root) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			runGoldenCase(t, filepath.Join(root, name))
		})
	}
}

// runGoldenCase runs one case and reports every difference it finds.
func runGoldenCase(t *testing.T, rel string) {
	caseDir, err := filepath.Abs(rel)
	if err != nil {
		t.Fatal(err)
	}
	args, err := readArgs(caseDir)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	res := runEdxplay(context.Background(), t, caseDir, out, args)
	failed := false
	report := func(format string, a ...any) {
		t.Helper()
		failed = true
		t.Errorf(format, a...)
	}
	checkExitCode(caseDir, res, report)
	checkTree(caseDir, out, report)
	checkRecap(caseDir, res, report)
	checkOutput(caseDir, res, report)
	checkTrace(caseDir, res, report)
	if failed {
		t.Logf("edxplay stdout:\n%s\nedxplay stderr:\n%s", res.stdout, res.stderr)
	}
}

type reporter func(format string, a ...any)

func checkExitCode(caseDir string, res runResult, report reporter) {
	data, err := os.ReadFile(filepath.Join(caseDir, "expected.rc"))
	if err != nil {
		report("read expected.rc: %v", err)
		return
	}
	want, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil {
		report("parse expected.rc: %v", err)
		return
	}
	if res.rc != want {
		report("exit code %d, want %d", res.rc, want)
	}
}

// checkTree compares the written tree's manifest and every file's bytes.
func checkTree(caseDir, out string, report reporter) {
	want, err := readManifest(filepath.Join(caseDir, "expected.tree"))
	if err != nil {
		report("%v", err)
		return
	}
	got, err := snapshotTree(out)
	if err != nil {
		report("%v", err)
		return
	}
	if d := lineDiff(formatTree(want), formatTree(got), 3); d != "" {
		report("output tree (type, mode, path) differs:\n%s", d)
	}
	gotByPath := map[string]treeEntry{}
	for _, e := range got {
		gotByPath[e.path] = e
	}
	for _, e := range want {
		if g, ok := gotByPath[e.path]; e.kind != 'f' || !ok || g.kind != 'f' {
			continue
		}
		compareFile(filepath.Join(caseDir, "expected", e.path), filepath.Join(out, e.path), e.path, report)
	}
}

func compareFile(wantPath, gotPath, name string, report reporter) {
	want, err := os.ReadFile(wantPath)
	if err != nil {
		report("read golden %s: %v", name, err)
		return
	}
	got, err := os.ReadFile(gotPath)
	if err != nil {
		report("read output %s: %v", name, err)
		return
	}
	if !bytes.Equal(want, got) {
		report("content of %s differs:\n%s", name, lineDiff(string(want), string(got), 3))
	}
}

// checkRecap compares the PLAY RECAP counters with expected.recap.
func checkRecap(caseDir string, res runResult, report reporter) {
	data, err := os.ReadFile(filepath.Join(caseDir, "expected.recap"))
	if err != nil {
		report("read expected.recap: %v", err)
		return
	}
	want, err := parseRecap(string(data), false)
	if err != nil {
		report("parse expected.recap: %v", err)
		return
	}
	if len(want) == 0 {
		return // ansible printed no recap (a load-time error)
	}
	got, err := parseRecap(res.stdout, true)
	if err != nil {
		report("recap: %v", err)
		return
	}
	if problems := compareRecap(want, got); len(problems) > 0 {
		report("recap differs:\n%s", strings.Join(problems, "\n"))
	}
}

// checkOutput checks, for a case with probes, that each probe is shown in
// or hidden from the output as ansible-playbook's was (expected.output).
func checkOutput(caseDir string, res runResult, report reporter) {
	data, err := os.ReadFile(filepath.Join(caseDir, "expected.output"))
	if errors.Is(err, os.ErrNotExist) {
		return
	}
	if err != nil {
		report("read expected.output: %v", err)
		return
	}
	output := res.stdout + res.stderr
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		state, probe, ok := strings.Cut(line, " ")
		if !ok || (state != "shown" && state != "hidden") {
			report("expected.output: bad line %q", line)
			continue
		}
		if shown := strings.Contains(output, probe); shown != (state == "shown") {
			report("output: %q should be %s", probe, state)
		}
	}
}

// TestLineDiff pins the diff rendering used in failure messages.
func TestLineDiff(t *testing.T) {
	tests := []struct {
		name, want, got, diff string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"changed line", "a\nb\nc\n", "a\nB\nc\n", "--- expected\n+++ actual\n a\n-b\n+B\n c\n"},
		{"missing newline", "a\n", "a", "--- expected\n+++ actual\n-a\n+a\\ (no newline at end)\n"},
		{"context elided", "1\n2\n3\n4\n5\n6\n", "1\n2\n3\n4\n5\nX\n", "--- expected\n+++ actual\n 5\n-6\n+X\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lineDiff(tt.want, tt.got, 1); got != tt.diff {
				t.Errorf("lineDiff:\n%s\nwant:\n%s", got, tt.diff)
			}
		})
	}
}

// TestManifestRoundTrip checks that a snapshot of a real tree formats to
// the same text that parseManifest reads back.
func TestManifestRoundTrip(t *testing.T) {
	root := t.TempDir()
	mustDo(t, os.MkdirAll(filepath.Join(root, "d", "e"), 0o750))
	mustDo(t, os.Chmod(filepath.Join(root, "d", "e"), 0o750))
	mustDo(t, os.WriteFile(filepath.Join(root, "d", "f.txt"), []byte("x"), 0o600))
	mustDo(t, os.Chmod(filepath.Join(root, "d", "f.txt"), 0o204|os.ModeSticky))
	mustDo(t, os.Symlink("d/f.txt", filepath.Join(root, "link")))
	entries, err := snapshotTree(root)
	mustDo(t, err)
	text := formatTree(entries)
	want := "d 0750 d\nd 0750 d/e\nf 01204 d/f.txt\nl 0777 link -> d/f.txt\n"
	if text != want {
		t.Fatalf("manifest:\n%s", lineDiff(want, text, 3))
	}
	back, err := parseManifest(text)
	mustDo(t, err)
	if got := formatTree(back); got != text {
		t.Errorf("round trip:\n%s", lineDiff(text, got, 3))
	}
}

// TestParseRecap checks both ansible's aligned recap and the normalised form.
func TestParseRecap(t *testing.T) {
	out := "PLAY [x] ***\n\nPLAY RECAP ****\n" +
		"h1                         : ok=3    changed=1    unreachable=0    failed=0    skipped=2    rescued=0    ignored=0   \n"
	got, err := parseRecap(out, true)
	mustDo(t, err)
	want := recap{"h1": {"ok": 3, "changed": 1, "unreachable": 0, "failed": 0, "skipped": 2, "rescued": 0, "ignored": 0}}
	if p := compareRecap(want, got); len(p) > 0 {
		t.Errorf("aligned recap: %v", p)
	}
	norm, err := parseRecap("h1 ok=3 changed=1 unreachable=0 failed=0 skipped=2 rescued=0 ignored=0\n", false)
	mustDo(t, err)
	if p := compareRecap(want, norm); len(p) > 0 {
		t.Errorf("normalised recap: %v", p)
	}
	if _, err := parseRecap("no recap here", true); err == nil {
		t.Error("missing recap header not reported")
	}
	if p := compareRecap(want, recap{"h1": {"ok": 2}}); len(p) == 0 {
		t.Error("counter mismatch not reported")
	}
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(fmt.Errorf("setup: %w", err))
	}
}
