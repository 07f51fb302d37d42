package engine

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"slices"
	"sort"
	"sync"

	"github.com/edxplay/edxplay/internal/jinja"
	"github.com/edxplay/edxplay/internal/playbook"
)

// playRun is the state of one play (one serial batch).
type playRun struct {
	run   *run
	play  *playbook.Play
	hosts []string
	// allHosts are the play's hosts across every serial batch.
	allHosts  []string
	roles     []*playbook.RoleRef
	varsFiles map[string]any
	// publicRoles are the roles included with public: true so far.
	publicRoles []*playbook.RoleRef
	// roleNames caches the role-name magic variables.
	roleNames roleNames

	mu       sync.Mutex
	active   map[string]bool
	handlers []handlerRef
	// notified maps host -> handler index -> true.
	notified map[string]map[int]bool
	// ended stops the batch; playEnded also stops later batches (end_play).
	ended, playEnded bool
	// endedHosts ran meta: end_host.
	endedHosts map[string]bool
	// fatal are the hosts failed for any_errors_fatal/max_fail_percentage
	// (ansible's TaskQueueManager._failed_hosts for the batch).
	fatal map[string]bool
	// waiting are failed hosts waiting for a rescue or always section.
	waiting map[string]bool
	// failDepth counts, per host, the rescue/always sections it runs because it failed.
	failDepth map[string]int
	// rolesRan are the role instances (RoleRef.Key) each host has run in
	// this play (see roleHosts).
	rolesRan map[string]map[string]bool
	// sectionHosts are the hosts that started the current section
	// (pre_tasks, roles+tasks, post_tasks), for force_handlers.
	sectionHosts []string
	// stopErr, once set, stops the run (see stopRun).
	stopErr error
	// activeGen counts changes to active; magic caches the host lists built from it.
	activeGen int
	magic     magicLists
	// throttles are the free strategy's per-task throttle semaphores (see freeThrottle).
	throttles map[*playbook.Task]chan struct{}
	// strategyOnce resolves strategyName (see strategy).
	strategyOnce sync.Once
	strategyName string
}

// runPlay runs one play over its hosts, batch by batch.
func (rn *run) runPlay(ctx context.Context, p *playbook.Play) error {
	pattern, err := rn.templatePattern(p.Hosts)
	if err != nil {
		return fmt.Errorf("%s: %w", p.Pos, err)
	}
	hosts, err := rn.selectHosts(pattern)
	if err != nil {
		return err
	}
	order, err := rn.playOrder(p)
	if err != nil {
		return err
	}
	hosts = orderHosts(order, hosts)
	rn.Reporter.PlayStart(p.DisplayName(), hosts)
	if len(hosts) == 0 {
		return nil
	}
	rn.warnReserved(p)
	serial, err := rn.playSerial(p)
	if err != nil {
		return err
	}
	for _, batch := range serialBatches(serial, hosts) {
		pr := newPlayRun(rn, p, batch, hosts)
		if err := pr.execute(ctx); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if pr.allFailed() {
			// ansible-playbook stops the playbook when a whole batch failed.
			rn.breakRun()
		}
		if pr.playEnded || rn.isAborted() {
			break
		}
	}
	return nil
}

func newPlayRun(rn *run, p *playbook.Play, batch, hosts []string) *playRun {
	pr := &playRun{run: rn, play: p, hosts: batch, allHosts: hosts, roles: playRoles(p),
		active: map[string]bool{}, notified: map[string]map[int]bool{}, endedHosts: map[string]bool{},
		fatal: map[string]bool{}, waiting: map[string]bool{}, failDepth: map[string]int{}, rolesRan: map[string]map[string]bool{}}
	for _, h := range batch {
		pr.active[h] = true
		rn.host(h).played = true
	}
	return pr
}

// allFailed reports whether every host of the batch failed or was
// unreachable (or was failed by any_errors_fatal).
func (pr *playRun) allFailed() bool {
	for _, name := range pr.hosts {
		h := pr.run.host(name)
		h.mu.Lock()
		bad := h.failed || h.unreachable
		h.mu.Unlock()
		pr.mu.Lock()
		fatal := pr.fatal[name]
		pr.mu.Unlock()
		if !bad && !fatal {
			return false
		}
	}
	return true
}

// execute runs the play's sections in Ansible's order.
func (pr *playRun) execute(ctx context.Context) error {
	if err := pr.loadVarsFiles(); err != nil {
		return err
	}
	pr.collectHandlers()
	base := pr.baseFrame()
	if pr.run.opts.Render != nil {
		pr.useRenderFacts()
	} else if pr.gatherFacts() {
		pr.gather(ctx, base)
	}
	sections := []func() error{
		pr.startSection,
		func() error { return pr.runTasks(ctx, pr.play.PreTasks, base, pr.activeHosts()) },
		func() error { return pr.endSection(ctx) },
		pr.startSection,
		func() error { return pr.runRoles(ctx, base) },
		func() error { return pr.runTasks(ctx, pr.play.Tasks, base, pr.activeHosts()) },
		func() error { return pr.endSection(ctx) },
		pr.startSection,
		func() error { return pr.runTasks(ctx, pr.play.PostTasks, base, pr.activeHosts()) },
		func() error { return pr.endSection(ctx) },
	}
	for _, s := range sections {
		if err := s(); err != nil {
			if errors.Is(err, errEndPlay) {
				return nil
			}
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return nil
}

// baseFrame is the frame of the play's own tasks.
func (pr *playRun) baseFrame() frame {
	p := pr.play
	f := frame{dir: pr.run.pb.Dir}
	f.setKeywords(playbook.Inherit(playbook.Keywords{}, p.Keywords))
	return f
}

// runRoles runs the play's roles (dependencies first), skipping a role
// instance (same role, same parameters) that already ran.
func (pr *playRun) runRoles(ctx context.Context, base frame) error {
	seen := map[string]bool{}
	for _, ref := range pr.play.Roles {
		for _, blk := range playbook.RoleBlocks(ref) {
			if r := blk.Role; r != nil && r.Role != nil && !r.Role.AllowDuplicates {
				if seen[r.Key] {
					continue
				}
				seen[r.Key] = true
			}
			if err := pr.runTasks(ctx, []*playbook.Task{blk}, base, pr.activeHosts()); err != nil {
				return err
			}
		}
	}
	return nil
}

// roleFrame is the frame of a role's tasks: the role entries' keywords of
// the roles that pulled it in (outermost first), then its own.
func roleFrame(parent frame, ref *playbook.RoleRef) frame {
	f := parent
	f.role = ref
	var chain []*playbook.RoleRef
	for r := ref; r != nil && len(chain) < maxRoleChain; r = r.Parent {
		chain = append(chain, r)
	}
	for i := len(chain) - 1; i >= 0; i-- {
		f.kw = playbook.Inherit(f.kw, chain[i].Keywords)
	}
	f.setKeywords(f.kw)
	return f
}

// maxRoleChain bounds the walk up role dependencies (the loader rejects
// cycles; this keeps a malformed model from looping).
const maxRoleChain = 100

// activeHosts returns the batch's hosts that have not failed, in order.
func (pr *playRun) activeHosts() []string {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	var out []string
	for _, h := range pr.hosts {
		if pr.active[h] {
			out = append(out, h)
		}
	}
	return out
}

// deactivate removes a host from the rest of the play.
func (pr *playRun) deactivate(h string) {
	pr.setActive(h, false)
}

func (pr *playRun) gatherFacts() bool {
	if pr.play.GatherFacts != nil {
		return *pr.play.GatherFacts
	}
	return pr.run.opts.Gathering != "explicit"
}

// templatePattern renders a templated hosts: pattern with extra vars.
func (rn *run) templatePattern(pattern string) (string, error) {
	if pattern == "" {
		return "", fmt.Errorf("play has no hosts")
	}
	raw := rn.mergedExtraVars(nil)
	raw["groups"] = rn.groupsValue()
	out, err := rn.Jinja.Template(pattern, rn.Jinja.NewScope(raw))
	if err != nil {
		return "", fmt.Errorf("hosts pattern: %w", err)
	}
	return fmt.Sprint(out), nil
}

// playStartScope is the scope of play keywords ansible-core templates when
// the play starts (strategy, serial, order): the play's vars and the extra vars.
func (rn *run) playStartScope(p *playbook.Play) *jinja.Scope {
	return rn.Jinja.NewScope(rn.mergedExtraVars(p.Vars))
}

// mergedExtraVars is a copy of base with the -e layers over it, later
// layers winning.
func (rn *run) mergedExtraVars(base map[string]any) map[string]any {
	vars := make(map[string]any, len(base))
	for k, v := range base {
		vars[k] = v
	}
	for _, ev := range rn.opts.ExtraVars {
		for k, v := range ev {
			vars[k] = v
		}
	}
	return vars
}

// playOrder is the play's order keyword, templated.
func (rn *run) playOrder(p *playbook.Play) (string, error) {
	if !jinja.IsTemplate(p.Order) {
		return p.Order, nil
	}
	v, err := rn.Jinja.Template(p.Order, rn.playStartScope(p))
	if err != nil {
		return "", fmt.Errorf("%s: order: %w", p.Pos, err)
	}
	order := fmt.Sprint(v)
	if order != "" && !slices.Contains(playbook.HostOrders, order) {
		return "", fmt.Errorf("%s: Invalid 'order' specified for inventory hosts: %s", p.Pos, order)
	}
	return order, nil
}

// orderHosts applies the play's `order` keyword.
func orderHosts(order string, hosts []string) []string {
	out := append([]string{}, hosts...)
	switch order {
	case "reverse_inventory":
		slices.Reverse(out)
	case "sorted":
		sort.Strings(out)
	case "reverse_sorted":
		sort.Sort(sort.Reverse(sort.StringSlice(out)))
	case "shuffle":
		rand.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	}
	return out
}
