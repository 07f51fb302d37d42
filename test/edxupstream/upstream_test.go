// Package edxupstream loads the upstream Open edX configuration repository
// (github:openedx-unsupported/configuration) with edxplay and compares
// `--syntax-check` and `--list-tasks` with ansible-playbook's recorded
// output. The repository is extracted at test time from the checkout named
// by EDXPLAY_EDX_CONFIG_SRC; without it the test skips.
package edxupstream

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/edxplay/edxplay/test/recorded"
	"github.com/edxplay/edxplay/test/testbin"
)

// SourceEnv names the environment variable pointing at the checkout.
const SourceEnv = "EDXPLAY_EDX_CONFIG_SRC"

// Ref is the branch archived from a bare git checkout.
const Ref = "master"

var record = flag.String("record", "", "re-record: ansible (golden outputs of ansible-playbook) or edxplay (pass/fail results)")

const resultsFile = "testdata/results.json"

// upstreamCase is one playbook run as an operator would list it.
type upstreamCase struct {
	name     string
	playbook string
	args     []string
}

// cases are the playbooks of the Open edX deployment: the native
// installation, edxapp, and the datastore and service roles' playbooks
// (run_role.yml for the roles that have none of their own).
var cases = []upstreamCase{
	{"openedx_native", "openedx_native.yml", nil},
	{"edxapp", "edxapp.yml", nil},
	{"mysql", "mysql.yml", nil},
	{"mongo", "mongo.yml", nil},
	{"redis", "redis.yml", nil},
	{"rabbitmq", "rabbitmq.yml", nil},
	{"forum", "forum.yml", nil},
	{"xqueue", "xqueue.yml", nil},
	{"role_nginx", "run_role.yml", []string{"-e", "role=nginx"}},
	{"role_supervisor", "run_role.yml", []string{"-e", "role=supervisor"}},
	{"role_memcache", "run_role.yml", []string{"-e", "role=memcache"}},
}

// modes are the two load-only runs compared for each case.
var modes = []string{"--syntax-check", "--list-tasks"}

func TestUpstreamPlaybooks(t *testing.T) {
	src := os.Getenv(SourceEnv)
	if src == "" {
		t.Skipf("%s is not set: point it at a checkout of github:openedx-unsupported/configuration (a bare git dir with branch %s, or a tree holding playbooks/)", SourceEnv, Ref)
	}
	dir := extract(t, src)
	res, err := recorded.Load(resultsFile, Ref)
	if err != nil {
		t.Fatal(err)
	}
	tool := "ansible-playbook"
	var prefix []string
	if *record != "ansible" {
		bin, err := testbin.Build(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		tool, prefix = bin, []string{"run"}
	}
	passed := 0
	for _, c := range cases {
		for _, mode := range modes {
			name := c.name + strings.ReplaceAll(mode, "--", ".")
			out := run(t, dir, tool, append(append(append([]string{}, prefix...), c.playbook, "-i", "localhost,", mode), c.args...))
			golden := filepath.Join("testdata", name+".txt")
			if *record == "ansible" {
				writeGolden(t, golden, out)
				rec := res.Targets[name]
				if rec == nil {
					rec = &recorded.Record{}
					res.Targets[name] = rec
				}
				rec.Ansible = recorded.Pass
				if !bytes.HasPrefix(out, []byte("rc=0\n")) {
					rec.Ansible = recorded.Fail
				}
				continue
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%s: %v (record with -record=ansible)", name, err)
			}
			ok := bytes.Equal(out, want)
			if ok {
				passed++
			}
			rec := res.Targets[name]
			if rec == nil {
				t.Fatalf("%s is not recorded (record with -record=ansible)", name)
			}
			regression, note := rec.Check(ok, *record == "edxplay", out)
			if regression != "" {
				t.Errorf("%s %s:\n%s", name, regression, diffHint(want, out))
			}
			if note != "" {
				t.Logf("%s %s with -record=edxplay", name, note)
			}
		}
	}
	if *record != "ansible" {
		t.Logf("edxplay matches ansible-playbook on %d of %d upstream runs", passed, 2*len(cases))
	}
	if *record != "" {
		if err := res.Save(resultsFile); err != nil {
			t.Fatal(err)
		}
	}
}

// extract lays the repository's playbooks/ tree into a temp dir and
// returns its path.
func extract(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	if st, err := os.Stat(filepath.Join(src, "playbooks")); err == nil && st.IsDir() {
		if out, err := exec.Command("cp", "-a", filepath.Join(src, "playbooks"), dir).CombinedOutput(); err != nil {
			t.Fatalf("copy playbooks: %v: %s", err, out)
		}
		return filepath.Join(dir, "playbooks")
	}
	cmd := exec.Command("sh", "-c", `git --git-dir="$1" archive "$2" playbooks | tar -x -C "$3"`, "sh", src, Ref, dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("extract %s of %s: %v: %s", Ref, src, err, out)
	}
	return filepath.Join(dir, "playbooks")
}

// run runs one load-only command in the playbooks directory (where its
// ansible.cfg is read) and returns "rc=N\n" followed by its stdout.
func run(t *testing.T, dir, tool string, args []string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, tool, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "ANSIBLE_NOCOLOR=1", "ANSIBLE_DEPRECATION_WARNINGS=0", "ANSIBLE_RETRY_FILES_ENABLED=0", "LC_ALL=C.UTF-8")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	rc := 0
	if ee, ok := err.(*exec.ExitError); ok {
		rc = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %v: %v", tool, args, err)
	}
	body := stdout.Bytes()
	if rc != 0 {
		body = append(body, stderr.Bytes()...)
	}
	return append([]byte(fmt.Sprintf("rc=%d\n", rc)), body...)
}

func writeGolden(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// diffHint shows the first differing line of two outputs.
func diffHint(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n  ansible: %q\n  edxplay: %q", i+1, wl, gl)
		}
	}
	return "outputs differ"
}
