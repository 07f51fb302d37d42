package engine

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// goldenRoot holds the cases recorded from ansible-core 2.14 by testdata/regen.sh.
const goldenRoot = "testdata/cases"

// knownDifferences are cases where edxplay does not (yet) do what Ansible
// does; each is skipped with the reason so the difference stays visible.
var knownDifferences = map[string]string{
	"22-delegate-facts": "set_fact with delegate_to + delegate_facts: true sets the fact on the delegating host, not the delegate",
	"23-ansible-limit":  "the ansible_limit magic variable is not set under --limit",
}

// TestGoldenCases runs every case under testdata/cases through Runner.Run
// over the local connection and compares the exit code, the PLAY RECAP
// counters and every file the playbook wrote under `out` with what
// ansible-playbook produced for the same case.
func TestGoldenCases(t *testing.T) {
	syscall.Umask(0o022) // the goldens were recorded with umask 022
	entries, err := os.ReadDir(goldenRoot)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		name := e.Name()
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			diffs := checkGoldenCase(t, filepath.Join(goldenRoot, name))
			why, known := knownDifferences[name]
			switch {
			case known && len(diffs) > 0:
				t.Skipf("differs from ansible: %s\n%s", why, strings.Join(diffs, "\n"))
			case known:
				t.Errorf("matches ansible now: remove it from knownDifferences (%s)", why)
			default:
				for _, d := range diffs {
					t.Error(d)
				}
			}
		})
	}
}

// checkGoldenCase runs one case and returns every mismatch with ansible's run.
func checkGoldenCase(t *testing.T, rel string) []string {
	caseDir, err := filepath.Abs(rel)
	if err != nil {
		t.Fatal(err)
	}
	args, err := readLines(filepath.Join(caseDir, "args"))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	res := runCase(t, caseDir, out, args)
	var diffs []string
	wantRC := strings.TrimSpace(mustRead(t, filepath.Join(caseDir, "expected.rc")))
	if got := strconv.Itoa(res.rc); got != wantRC {
		diffs = append(diffs, fmt.Sprintf("exit code %s, ansible's %s (run error: %v)", got, wantRC, res.err))
	}
	if want := mustRead(t, filepath.Join(caseDir, "expected.recap")); res.err == nil && res.recap != want {
		diffs = append(diffs, fmt.Sprintf("recap:\n%s\nansible's:\n%s", res.recap, want))
	}
	diffs = append(diffs, compareTrees(t, filepath.Join(caseDir, "expected"), out)...)
	if len(diffs) > 0 && res.log != nil {
		diffs = append(diffs, fmt.Sprintf("tasks run: %q\nwarnings: %q", res.log.tasks, res.log.warnings))
		for _, r := range res.log.results {
			if r.Status == StatusFailed {
				diffs = append(diffs, fmt.Sprintf("failed: %s %s: %v", r.Host, r.Task, r.Result["msg"]))
			}
		}
	}
	return diffs
}

// compareTrees lists how got differs from want: each must hold the same
// regular files, byte for byte.
func compareTrees(t *testing.T, want, got string) []string {
	t.Helper()
	var diffs []string
	wantFiles, gotFiles := listFiles(t, want), listFiles(t, got)
	for _, name := range sortedKeys(wantFiles) {
		if _, ok := gotFiles[name]; !ok {
			diffs = append(diffs, name+": not written (ansible wrote it)")
		}
	}
	for _, name := range sortedKeys(gotFiles) {
		w, ok := wantFiles[name]
		switch {
		case !ok:
			diffs = append(diffs, fmt.Sprintf("%s: written, but ansible did not write it:\n%s", name, gotFiles[name]))
		case !bytes.Equal(w, gotFiles[name]):
			diffs = append(diffs, fmt.Sprintf("%s:\n got: %q\nwant: %q", name, gotFiles[name], w))
		}
	}
	return diffs
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// listFiles reads every regular file under root, keyed by slash path.
func listFiles(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return filepath.SkipDir
			}
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// readLines returns the non-blank lines of an optional file.
func readLines(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out, nil
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
