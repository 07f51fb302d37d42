package hostile

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/edxplay/edxplay/test/testbin"
)

// goldenPath holds ansible-playbook's behaviour on every input.
const goldenPath = "testdata/ansible.json"

// sweepParallel bounds how many inputs run at once (the machine has 2 cores).
const sweepParallel = 3

// hostileCase is one hostile input: the files of a case directory. Unless
// files says otherwise, site.yml is a playbook whose first task is the
// marker and inventory.ini holds one local host.
type hostileCase struct {
	name  string
	files map[string]string
	// args are extra edxplay/ansible-playbook arguments.
	args []string
	// inv is the inventory file passed with -i (default inventory.ini).
	inv string
	// mention, when set, replaces the file:line requirement of an error:
	// for input with no line to name (a missing file, a command-line value).
	mention string
	// loadCheck, when set, says why rejecting this input at load time is
	// right even though ansible-playbook runs the marker task first (a
	// static defect that edxplay's loader or preflight is meant to catch).
	loadCheck string
}

// inventory is the file the case passes with -i.
func (c hostileCase) inventory() string {
	if c.inv != "" {
		return c.inv
	}
	return "inventory.ini"
}

// ansibleResult is what ansible-playbook did with one input.
type ansibleResult struct {
	RC int `json:"rc"`
	// Marker is true when the marker task ran.
	Marker bool `json:"marker"`
	// Hung is true when ansible was still running after the time limit.
	Hung bool `json:"hung,omitempty"`
	// OutOfMemory is true when ansible died of a Python MemoryError or
	// was killed for passing memLimit.
	OutOfMemory bool `json:"out_of_memory,omitempty"`
}

var (
	edxplayBin string
	buildErr   error
	slots      = make(chan struct{}, sweepParallel)
)

func TestMain(m *testing.M) {
	syscall.Umask(0o022)
	dir, err := os.MkdirTemp("", "edxplay-hostile-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "hostile: create temp dir:", err)
		os.Exit(1)
	}
	edxplayBin, buildErr = testbin.Build(dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// TestHostileInputs runs every hostile input through edxplay and checks
// it against the rules of the package doc; with -regen it records
// ansible-playbook's behaviour instead.
func TestHostileInputs(t *testing.T) {
	cases := allCases()
	if len(cases) < 90 {
		t.Fatalf("only %d hostile inputs, want at least 90", len(cases))
	}
	if *regen {
		recordAnsible(t, cases)
		return
	}
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	golden := readGolden(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			want, ok := golden[c.name]
			if !ok {
				t.Fatalf("no ansible expectation for %s: run testdata/regen.sh", c.name)
			}
			slots <- struct{}{}
			got := runEdxplay(t, c)
			<-slots
			for _, p := range judge(c, want, got) {
				t.Error(p)
			}
			if t.Failed() {
				t.Logf("edxplay rc=%d marker=%v peak=%dMiB; ansible %+v\noutput (first 3000 bytes):\n%s",
					got.rc, got.marker, got.peakRSS>>20, want, head(got.output, 3000))
			}
		})
	}
}

// lineRef is what must follow a file name in an error: ":LINE", or
// ": ... line LINE" (after an optional closing quote, as ansible words it)
// within the same line of output.
const lineRef = `(?::\d+|'?:[^\n]*\bline \d+)`

// judge lists every rule the edxplay run broke.
func judge(c hostileCase, want ansibleResult, got outcome) []string {
	var problems []string
	if strings.Contains(got.output, "goroutine ") || strings.Contains(got.output, "panic:") {
		problems = append(problems, "Go panic or stack trace in the output")
	}
	if got.timedOut {
		problems = append(problems, fmt.Sprintf("hung: still running after %s", timeLimit))
	}
	if got.overMem || got.peakRSS > memLimit {
		problems = append(problems, fmt.Sprintf("memory: peak RSS %d MiB, limit %d MiB", got.peakRSS>>20, memLimit>>20))
	}
	if got.timedOut || got.overMem {
		return problems
	}
	loadReject := got.rc != 0 && !got.marker && namesCaseFile(c, got.output)
	switch {
	case want.Hung || want.OutOfMemory:
		// Ansible itself hangs or runs out of memory: edxplay must finish
		// within the limits, and name file:line when it fails.
		if got.rc != 0 && !namesCaseFile(c, got.output) {
			problems = append(problems, fmt.Sprintf("ansible hangs or runs out of memory here; edxplay failed "+
				"(rc=%d) without naming file:line", got.rc))
		}
	case !want.Marker || c.loadCheck != "":
		// Ansible runs no task (or the defect is static): a load-time
		// rejection is right, and so is doing what ansible does (naming
		// file:line when failing).
		same := got.rc == want.RC && got.marker == want.Marker && (got.rc == 0 || namesCaseFile(c, got.output))
		if !loadReject && !same {
			problems = append(problems, fmt.Sprintf("want a load-time rejection (non-zero exit naming file:line, "+
				"marker not run) or ansible's behaviour (rc=%d marker=%v); got rc=%d marker=%v",
				want.RC, want.Marker, got.rc, got.marker))
		}
	default:
		if got.rc != want.RC || got.marker != want.Marker {
			problems = append(problems, fmt.Sprintf("ansible runs the marker and exits %d; got rc=%d marker=%v",
				want.RC, got.rc, got.marker))
		}
		if want.RC != 0 && got.rc != 0 && !namesCaseFile(c, got.output) {
			problems = append(problems, "the error does not name file:line")
		}
	}
	return problems
}

// namesCaseFile reports whether out mentions "<file>:<line>" for a file of
// the case (or the case's mention).
func namesCaseFile(c hostileCase, out string) bool {
	if c.mention != "" {
		return strings.Contains(out, c.mention)
	}
	for name := range caseFiles(c) {
		re := regexp.MustCompile(`(?:^|[^A-Za-z0-9_.-])` + regexp.QuoteMeta(filepath.Base(name)) + lineRef)
		if re.MatchString(out) {
			return true
		}
	}
	return false
}

// caseFiles returns the case's files with the default playbook and inventory filled in.
func caseFiles(c hostileCase) map[string]string {
	files := map[string]string{"site.yml": markerPlay(""), "inventory.ini": "h1\n"}
	for k, v := range c.files {
		files[k] = v
	}
	return files
}

// writeCase lays the case's files out in a fresh directory with an out/ dir.
func writeCase(t *testing.T, c hostileCase) (dir, out string) {
	t.Helper()
	dir = t.TempDir()
	for name, content := range caseFiles(c) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out = filepath.Join(dir, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir, out
}

// runEdxplay runs `edxplay run site.yml -c local -i inventory.ini -e out=OUT ARGS` on the case.
func runEdxplay(t *testing.T, c hostileCase) outcome {
	t.Helper()
	dir, out := writeCase(t, c)
	argv := append([]string{edxplayBin, "run", "site.yml", "-c", "local", "-i", c.inventory(), "-e", "out=" + out}, c.args...)
	res, err := runLimited(dir, []string{"NO_COLOR=1", "GOTRACEBACK=all"}, argv, timeLimit)
	if err != nil {
		t.Fatalf("run edxplay: %v", err)
	}
	res.marker = exists(filepath.Join(out, "marker"))
	return res
}

// runAnsible runs ansible-playbook the same way, for the golden file.
func runAnsible(t *testing.T, c hostileCase) ansibleResult {
	t.Helper()
	dir, out := writeCase(t, c)
	argv := append([]string{"prlimit", "--as=4294967296", "--", "ansible-playbook", "site.yml", "-c", "local",
		"-i", c.inventory(), "-e", "out=" + out}, c.args...)
	env := []string{"ANSIBLE_NOCOLOR=1", "ANSIBLE_RETRY_FILES_ENABLED=0", "ANSIBLE_LOCALHOST_WARNING=0",
		"ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3", "ANSIBLE_DEPRECATION_WARNINGS=0", "LC_ALL=C.UTF-8",
		"ANSIBLE_CONFIG="}
	res, err := runLimited(dir, env, argv, timeLimit)
	if err != nil {
		t.Fatalf("run ansible-playbook: %v", err)
	}
	return ansibleResult{RC: res.rc, Marker: exists(filepath.Join(out, "marker")), Hung: res.timedOut,
		OutOfMemory: res.overMem || strings.Contains(res.output, "MemoryError")}
}

// recordAnsible runs every case through ansible-playbook and writes the golden file.
func recordAnsible(t *testing.T, cases []hostileCase) {
	var mu sync.Mutex
	golden := map[string]ansibleResult{}
	only := regexp.MustCompile(*regenCases)
	if *regenCases != "" {
		golden = readGolden(t)
	}
	t.Run("ansible", func(t *testing.T) {
		for _, c := range cases {
			if !only.MatchString(c.name) {
				continue
			}
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				slots <- struct{}{}
				r := runAnsible(t, c)
				<-slots
				mu.Lock()
				golden[c.name] = r
				mu.Unlock()
				t.Logf("%s: %+v", c.name, r)
			})
		}
	})
	data, err := json.MarshalIndent(golden, "", "  ") // map keys come out sorted
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(goldenPath, append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readGolden(t *testing.T) map[string]ansibleResult {
	t.Helper()
	data, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatalf("read %s (run testdata/regen.sh): %v", goldenPath, err)
	}
	golden := map[string]ansibleResult{}
	if err := json.Unmarshal(data, &golden); err != nil {
		t.Fatalf("%s: %v", goldenPath, err)
	}
	return golden
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func head(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "\n[...]"
}

// TestCaseNamesUnique guards the golden file's keys.
func TestCaseNamesUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range allCases() {
		if seen[c.name] {
			t.Errorf("duplicate case name %q", c.name)
		}
		seen[c.name] = true
	}
}
