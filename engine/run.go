package engine

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/jinja"
	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/inventory"
)

// Loader loads task files and roles at run time (include_tasks, include_role).
type Loader interface {
	// IncludeTasks loads the (templated) file of include_tasks task t.
	IncludeTasks(t *playbook.Task, file string, play *playbook.Play) ([]*playbook.Task, error)
	// IncludeRole loads the role of include_role task t with templated args.
	IncludeRole(t *playbook.Task, args map[string]any, play *playbook.Play) (*playbook.RoleRef, error)
	// ReadVars reads a variables file (vars_files), decrypting vaulted data.
	ReadVars(path string) (map[string]any, error)
}

// Runner runs playbooks.
type Runner struct {
	Opts     Options
	Inv      *inventory.Inventory
	InvSrcs  []string
	Dialer   Dialer
	Reporter Reporter
	Loader   Loader
	Jinja    *jinja.Engine
}

// Summary is the outcome of a run.
type Summary struct {
	Hosts []string
	Stats map[string]*Stats
	// Failed is ansible-playbook's "hosts failed" outcome (exit code 2):
	// some host was still failed at the end (meta: clear_host_errors
	// forgives earlier failures), or any_errors_fatal, max_fail_percentage
	// or a wholly failed batch stopped the run.
	Failed bool
}

// AnyFailed reports whether the run failed (see Failed).
func (s *Summary) AnyFailed() bool {
	return s.Failed
}

// AnyUnreachable reports whether some host was unreachable.
func (s *Summary) AnyUnreachable() bool {
	for _, st := range s.Stats {
		if st.Unreachable > 0 {
			return true
		}
	}
	return false
}

// AnyUnknown reports whether check mode could not predict some task.
func (s *Summary) AnyUnknown() bool {
	for _, st := range s.Stats {
		if st.Unknown > 0 {
			return true
		}
	}
	return false
}

// AnyChanged reports whether some host changed (or would change in check mode).
func (s *Summary) AnyChanged() bool {
	for _, st := range s.Stats {
		if st.Changed > 0 {
			return true
		}
	}
	return false
}

// hostState is what the run remembers about a host across plays.
type hostState struct {
	name string
	// authKeys are the keys of the auth files shown so far (their values
	// stay hidden in every secret diff of the host).
	authKeys map[string]bool
	// played is set once the host is a target of a play; a host only
	// delegated to is not in the recap, as in ansible-playbook.
	played      bool
	facts       map[string]any
	setFacts    map[string]any
	includeVars map[string]any
	failed      bool
	unreachable bool
	// failedTask and failedResult feed ansible_failed_task/result in rescue.
	failedTask   map[string]any
	failedResult any
	// unknownVars are registered names whose check-mode value is unknown.
	unknownVars map[string]bool
	// predicted are paths an earlier check-mode task would create or change.
	predicted map[string]bool
	// predictedFiles are the exact paths such tasks would write.
	predictedFiles map[string]bool
	// predictedStates are what those tasks' descriptions say the paths
	// will be, where they say it (see predictedAfter).
	predictedStates map[string]predictedState
	stats           *Stats
	mu              sync.Mutex
	conn            connection.Conn
}

// run is the state of one playbook run.
type run struct {
	*Runner
	opts       Options
	inv        *inventory.Inventory
	invSources []string
	pb         *playbook.Playbook
	hosts      map[string]*hostState
	order      []string
	groupsVar  map[string]any
	// layers caches each host's inventory variable layers, read before any host is touched.
	layers map[string][]inventory.Layer
	// invDir is inventory_dir, the first source's directory, computed once
	// (filepath.Abs asks the OS for the working directory every time).
	invDir string
	// slices maps each inventory host to its slice in a sliced run (nil otherwise).
	slices map[string]int
	// specs caches the modules' specs.
	specs   specCache
	started bool // start-at-task reached
	aborted bool // a fatal failure ended the run (no later batch or play)
	hostsMu sync.Mutex
	// invMu guards inv, layers and groupsVar, which add_host and group_by
	// change while hosts run.
	invMu sync.RWMutex
	// dynamic are the add_host and group_by changes made so far, in
	// order (meta: refresh_inventory replays them).
	dynamic []func(*inventory.Inventory) (bool, error)
	// jobs are the async tasks running in the background.
	jobs asyncJobs
	// custom are the set_stats data.
	custom customStats
}

// Run executes every play of pb and returns per-host stats. The error is
// non-nil only for problems that stop the whole run (such as cancellation).
func (r *Runner) Run(ctx context.Context, pb *playbook.Playbook) (*Summary, error) {
	return r.RunAll(ctx, []*playbook.Playbook{pb})
}

// RunAll executes the playbooks one after the other as one run, as
// ansible-playbook does with several PLAYBOOK arguments: hosts keep their
// facts and failures from one playbook to the next, and one recap ends it.
func (r *Runner) RunAll(ctx context.Context, pbs []*playbook.Playbook) (*Summary, error) {
	if len(pbs) == 0 {
		return nil, errors.New("no playbook to run")
	}
	rn, err := r.newRun(pbs[0])
	if err != nil {
		return nil, err
	}
	if r.Jinja != nil {
		r.Jinja.SetDone(ctx.Done())
		defer r.Jinja.SetDone(nil)
	}
	defer func() {
		rn.jobs.wg.Wait()
		rn.closeConns()
	}()
	var runErr error
	for _, pb := range pbs {
		if runErr = rn.runPlaybook(ctx, pb); runErr != nil {
			break
		}
	}
	sum := &Summary{Stats: map[string]*Stats{}, Failed: rn.isAborted()}
	for _, h := range rn.order {
		st := rn.hosts[h]
		sum.Failed = sum.Failed || (st.failed && !st.unreachable)
		if st.played {
			sum.Hosts = append(sum.Hosts, h)
			sum.Stats[h] = st.stats
		}
	}
	r.Reporter.Recap(sum.Hosts, sum.Stats)
	rn.reportCustomStats()
	if runErr == nil && ctx.Err() != nil {
		runErr = ctx.Err()
	}
	return sum, runErr
}

// runPlaybook runs the plays of pb until one fails the run.
func (rn *run) runPlaybook(ctx context.Context, pb *playbook.Playbook) error {
	rn.pb = pb
	if ps, ok := rn.Reporter.(PlaybookStarter); ok {
		ps.PlaybookStart(pb.Path, len(pb.Plays))
	}
	for _, p := range pb.Plays {
		if rn.isAborted() {
			return nil
		}
		if err := rn.runPlay(ctx, p); err != nil {
			return err
		}
	}
	return nil
}

// host returns the state of a host, creating it on first use.
func (rn *run) host(name string) *hostState {
	rn.hostsMu.Lock()
	defer rn.hostsMu.Unlock()
	h, ok := rn.hosts[name]
	if !ok {
		h = &hostState{name: name, facts: map[string]any{}, setFacts: map[string]any{},
			includeVars: map[string]any{}, stats: &Stats{}}
		rn.hosts[name] = h
		rn.order = append(rn.order, name)
	}
	return h
}

func (rn *run) closeConns() {
	for _, h := range rn.hosts {
		if h.conn != nil {
			_ = h.conn.Close()
		}
	}
}

// errEndPlay stops the current play (meta: end_play).
var errEndPlay = errors.New("end of play")

// selectHosts returns the hosts of a play after --limit, skipping hosts
// that failed or were unreachable earlier in the run.
func (rn *run) selectHosts(pattern string) ([]string, error) {
	rn.invMu.Lock()
	hosts, err := rn.inv.MatchLimit(pattern, rn.opts.Limit)
	if err == nil {
		err = rn.loadImplicitLayers(hosts)
	} else {
		err = fmt.Errorf("hosts %q: %w", pattern, err)
	}
	rn.invMu.Unlock()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, h := range rn.inSlice(hosts) {
		rn.hostsMu.Lock()
		st, seen := rn.hosts[h]
		rn.hostsMu.Unlock()
		if !seen || (!st.failed && !st.unreachable) {
			out = append(out, h)
		}
	}
	return out, nil
}

// loadLayers reads every host's inventory variable layers (group_vars,
// host_vars) up front, so a broken vars file stops the run before any host
// is touched.
func (rn *run) loadLayers() error {
	rn.layers = map[string][]inventory.Layer{}
	for _, h := range rn.inv.Hosts() {
		l, err := rn.inv.HostVarLayers(h)
		if err != nil {
			return err
		}
		rn.layers[h] = l
	}
	return nil
}

// loadImplicitLayers reads the variable layers of hosts a play matched
// that the inventory does not list (the implicit localhost): as in Ansible,
// the host_vars/ and group_vars/ beside the playbook (and the inventory)
// apply to it too. Plays start one after another, so no host goroutine
// reads rn.layers meanwhile.
func (rn *run) loadImplicitLayers(hosts []string) error {
	for _, h := range hosts {
		if _, ok := rn.layers[h]; ok {
			continue
		}
		l, err := rn.inv.HostVarLayers(h)
		if err != nil {
			return err
		}
		rn.layers[h] = l
	}
	return nil
}

// newRun prepares the state of a run: groups and every host's inventory
// variable layers.
func (r *Runner) newRun(pb *playbook.Playbook) (*run, error) {
	rn := &run{Runner: r, opts: r.Opts, inv: r.Inv, invSources: r.InvSrcs, pb: pb,
		hosts: map[string]*hostState{}, started: r.Opts.StartAtTask == ""}
	rn.invDir = inventoryDir(r.InvSrcs)
	rn.groupsVar = map[string]any{}
	for g, hs := range r.Inv.Groups() {
		rn.groupsVar[g] = toAnyList(hs)
	}
	if err := r.Opts.Slice.Validate(); err != nil {
		return nil, err
	}
	rn.indexHosts()
	if err := rn.loadLayers(); err != nil {
		return nil, err
	}
	return rn, nil
}

// breakRun lets no later batch or play start (any_errors_fatal,
// max_fail_percentage, a wholly failed batch), and makes the run failed.
func (rn *run) breakRun() {
	rn.hostsMu.Lock()
	rn.aborted = true
	rn.hostsMu.Unlock()
}

func (rn *run) isAborted() bool {
	rn.hostsMu.Lock()
	defer rn.hostsMu.Unlock()
	return rn.aborted
}
