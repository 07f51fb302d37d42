package engine

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/connection/local"
	"github.com/edxplay/edxplay/internal/jinja"
	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/inventory"
	"github.com/edxplay/edxplay/modules"
)

// localDialer connects every host over the real local connection, as
// edxplay -c local does.
type localDialer struct {
	once sync.Once
	conn connection.Conn
	err  error
}

// Dial returns the shared local connection.
func (d *localDialer) Dial(_ context.Context, _ string, _ map[string]any) (connection.Conn, error) {
	d.once.Do(func() { d.conn, d.err = local.New() })
	if d.err != nil {
		return nil, d.err
	}
	return sharedConn{d.conn}, nil
}

// sharedConn keeps the shared local connection open when the run closes a host's.
type sharedConn struct{ connection.Conn }

func (sharedConn) Close() error { return nil }

// diskLoader is the engine's Loader over the playbook package, as
// cmd/edxplay builds it (without the built-in roles).
type diskLoader struct{ opts playbook.Options }

func (l diskLoader) IncludeTasks(t *playbook.Task, file string, play *playbook.Play) ([]*playbook.Task, error) {
	return playbook.IncludeTasks(t, file, play, l.opts)
}

func (l diskLoader) IncludeRole(t *playbook.Task, args map[string]any, play *playbook.Play) (*playbook.RoleRef, error) {
	return playbook.IncludeRole(t, args, play, l.opts)
}

func (l diskLoader) ReadVars(path string) (map[string]any, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return playbook.DecodeVarsWith(path, data, l.opts.Vault)
}

// eventLog is a Reporter that keeps what the run reported.
type eventLog struct {
	mu       sync.Mutex
	tasks    []string
	warnings []string
	results  []HostResult
}

func (e *eventLog) PlayStart(string, []string) {}
func (e *eventLog) TaskStart(name string, handler bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if handler {
		name = "HANDLER " + name
	}
	e.tasks = append(e.tasks, name)
}
func (e *eventLog) Included(string, []string) {}
func (e *eventLog) HostResult(r HostResult) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.results = append(e.results, r)
}
func (e *eventLog) Warning(msg string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.warnings = append(e.warnings, msg)
}
func (e *eventLog) Recap([]string, map[string]*Stats) {}

// caseRun is the outcome of one case run through the engine.
type caseRun struct {
	rc    int
	recap string
	err   error
	log   *eventLog
}

// runCase loads caseDir/site.yml and inventory.ini like `edxplay run` and
// runs it over the local connection with out as the extra var `out`.
func runCase(t *testing.T, caseDir, out string, args []string) caseRun {
	t.Helper()
	loader := diskLoader{opts: playbook.Options{Modules: modules.Specs{}}}
	opts, err := parseCaseArgs(caseDir, args, loader)
	if err != nil {
		t.Fatalf("args: %v", err)
	}
	opts.ExtraVars = append([]map[string]any{{"out": out}}, opts.ExtraVars...)
	if opts.Forks == 0 {
		opts.Forks = 5
	}
	inv, err := inventory.Load([]string{filepath.Join(caseDir, "inventory.ini")}, inventory.Options{PlaybookDir: caseDir})
	if err != nil {
		return caseRun{rc: 4, err: err}
	}
	pb, err := playbook.Load(filepath.Join(caseDir, "site.yml"), loader.opts)
	if err != nil {
		return caseRun{rc: 4, err: err}
	}
	j := jinja.New(jinja.Options{BaseDir: caseDir})
	if err := Preflight(pb, j); err != nil {
		return caseRun{rc: 4, err: err}
	}
	log := &eventLog{}
	r := &Runner{Opts: opts, Inv: inv, InvSrcs: []string{filepath.Join(caseDir, "inventory.ini")},
		Dialer: &localDialer{}, Reporter: log, Loader: loader, Jinja: j}
	sum, err := r.Run(context.Background(), pb)
	if err != nil {
		return caseRun{rc: 1, err: err, log: log}
	}
	return caseRun{rc: exitCode(sum), recap: formatRecap(sum), log: log}
}

// exitCode maps a summary to ansible-playbook's exit code.
func exitCode(sum *Summary) int {
	switch {
	case sum.AnyUnreachable():
		return 4
	case sum.AnyFailed():
		return 2
	}
	return 0
}

// formatRecap renders the stats as the regen script normalises PLAY RECAP lines.
func formatRecap(sum *Summary) string {
	hosts := append([]string{}, sum.Hosts...)
	sort.Strings(hosts)
	var b strings.Builder
	for _, h := range hosts {
		s := sum.Stats[h]
		fmt.Fprintf(&b, "%s ok=%d changed=%d unreachable=%d failed=%d skipped=%d rescued=%d ignored=%d\n",
			h, s.OK, s.Changed, s.Unreachable, s.Failed, s.Skipped, s.Rescued, s.Ignored)
	}
	return b.String()
}

// parseCaseArgs turns a case's ansible-playbook arguments into Options.
func parseCaseArgs(caseDir string, args []string, l diskLoader) (Options, error) {
	var o Options
	for i := 0; i < len(args); i++ {
		a := args[i]
		next := func() (string, error) {
			if i+1 >= len(args) {
				return "", fmt.Errorf("%s needs a value", a)
			}
			i++
			return args[i], nil
		}
		var v string
		var err error
		switch a {
		case "--check", "-C":
			o.Check = true
			continue
		case "--diff", "-D":
			o.Diff = true
			continue
		}
		if v, err = next(); err != nil {
			return o, err
		}
		switch a {
		case "--tags", "-t":
			o.Tags = append(o.Tags, strings.Split(v, ",")...)
		case "--skip-tags":
			o.SkipTags = append(o.SkipTags, strings.Split(v, ",")...)
		case "--limit", "-l":
			o.Limit = v
		case "--forks", "-f":
			if _, err := fmt.Sscan(v, &o.Forks); err != nil {
				return o, err
			}
		case "--start-at-task":
			o.StartAtTask = v
		case "-e", "--extra-vars":
			ev, err := parseExtraVar(caseDir, v, l)
			if err != nil {
				return o, err
			}
			o.ExtraVars = append(o.ExtraVars, ev)
		default:
			return o, fmt.Errorf("unsupported argument %q", a)
		}
	}
	return o, nil
}

// parseExtraVar reads `-e @file`, `-e {json}` and `-e k=v` (string values).
func parseExtraVar(caseDir, v string, l diskLoader) (map[string]any, error) {
	if name, ok := strings.CutPrefix(v, "@"); ok {
		return l.ReadVars(filepath.Join(caseDir, name))
	}
	if strings.HasPrefix(v, "{") {
		return playbook.DecodeVars("extra-vars", []byte(v))
	}
	k, val, ok := strings.Cut(v, "=")
	if !ok {
		return nil, fmt.Errorf("extra var %q is not key=value", v)
	}
	return map[string]any{k: val}, nil
}
