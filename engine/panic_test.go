package engine_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/connection/local"
	"github.com/edxplay/edxplay/internal/jinja"
	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/internal/report"
	"github.com/edxplay/edxplay/inventory"
	"github.com/edxplay/edxplay/modules"
)

// panickingConn is a local connection whose commands panic, standing in
// for a bug anywhere below a task.
type panickingConn struct{ connection.Conn }

func (panickingConn) Run(context.Context, connection.Command) (connection.Result, error) {
	panic("boom in Run")
}

// hostDialer connects every host locally; host "bad" gets panickingConn.
type hostDialer struct{}

func (hostDialer) Dial(_ context.Context, host string, _ map[string]any) (connection.Conn, error) {
	c, err := local.New()
	if err != nil {
		return nil, err
	}
	if host == "bad" {
		return panickingConn{c}, nil
	}
	return c, nil
}

// noIncludes is the Loader of a playbook without dynamic includes.
type noIncludes struct{}

var errNoIncludes = errors.New("no includes in this test")

func (noIncludes) IncludeTasks(*playbook.Task, string, *playbook.Play) ([]*playbook.Task, error) {
	return nil, errNoIncludes
}
func (noIncludes) IncludeRole(*playbook.Task, map[string]any, *playbook.Play) (*playbook.RoleRef, error) {
	return nil, errNoIncludes
}
func (noIncludes) ReadVars(string) (map[string]any, error) { return nil, errNoIncludes }

// TestPanicFailsOnlyThatHost runs a task whose module panics on one host:
// that host fails with a message and no stack trace, the other host runs
// the rest of the play and the recap prints.
func TestPanicFailsOnlyThatHost(t *testing.T) {
	for _, verbosity := range []int{0, 4} {
		out := runPanicPlaybook(t, verbosity)
		for _, want := range []string{
			"fatal: [bad]: FAILED!", "internal error while running the task: boom in Run",
			"site.yml:4:7", "PLAY RECAP", "changed: [good]", "ok: [good]",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("verbosity %d: output lacks %q:\n%s", verbosity, want, out)
			}
		}
		if strings.Contains(out, "ok: [bad]") {
			t.Errorf("verbosity %d: the failed host ran the next task:\n%s", verbosity, out)
		}
		if stack := strings.Contains(out, "goroutine") || strings.Contains(out, "runtime/debug"); stack != (verbosity >= 4) {
			t.Errorf("verbosity %d: stack trace shown = %v:\n%s", verbosity, stack, out)
		}
	}
}

func runPanicPlaybook(t *testing.T, verbosity int) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("inventory.ini", "bad\ngood\n")
	write("site.yml", "- hosts: all\n  gather_facts: false\n  tasks:\n    - command: echo first\n    - debug: msg=second\n")
	inv, err := inventory.Load([]string{filepath.Join(dir, "inventory.ini")}, inventory.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pb, err := playbook.Load(filepath.Join(dir, "site.yml"), playbook.Options{Modules: modules.Specs{}})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	r := &engine.Runner{Opts: engine.Options{Forks: 5, Verbosity: verbosity}, Inv: inv, Dialer: hostDialer{},
		Reporter: report.NewHuman(&buf, verbosity, false), Loader: noIncludes{}, Jinja: jinja.New(jinja.Options{})}
	sum, err := r.Run(context.Background(), pb)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, buf.String())
	}
	if sum.Stats["bad"].Failed != 1 || sum.Stats["good"].Failed != 0 || sum.Stats["good"].OK != 2 {
		t.Errorf("stats bad %+v good %+v", *sum.Stats["bad"], *sum.Stats["good"])
	}
	return buf.String()
}
