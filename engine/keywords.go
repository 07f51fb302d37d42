package engine

import (
	"sync"

	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/playbook"
)

// keywords resolves t's keywords against the ones its frame inherited from
// the play, role entries, blocks and include apply: the one place the
// engine works out a task's become, no_log, environment, diff, ... .
// A task's keywords are looked up a dozen times per host while it runs,
// so they are worked out once per frame and task (see keywordMemo).
func (f frame) keywords(t *playbook.Task) playbook.Keywords {
	if f.kwMemo == nil {
		return playbook.Inherit(f.kw, t.Keywords)
	}
	if kw, ok := f.kwMemo.Load(t); ok {
		return *kw.(*playbook.Keywords)
	}
	kw := playbook.Inherit(f.kw, t.Keywords)
	f.kwMemo.Store(t, &kw)
	return kw
}

// setKeywords sets the keywords the frame's tasks inherit, with a new
// memo of their resolved keywords (the old one belongs to the old kw).
func (f *frame) setKeywords(kw playbook.Keywords) {
	f.kw, f.kwMemo = kw, &sync.Map{}
}

// isTrue reports whether a boolean keyword is set and true.
func isTrue(b *bool) bool { return b != nil && *b }

// connectionKeyword maps a connection keyword to the variables that carry
// it (Ansible's MAGIC_VARIABLE_MAPPING): a keyword sets its variables where
// no variable of the host already does, so inventory connection variables
// win over keywords, as in Ansible.
type connectionKeyword struct {
	value func(playbook.Keywords) any
	vars  []string
}

// exposedKeywords are visible to templates as variables (ansible-core's
// PlayContext.update_vars); dialKeywords only reach the dialer (2.14's
// PlayContext has no port, so ansible_port stays undefined).
var (
	exposedKeywords = []connectionKeyword{
		{func(k playbook.Keywords) any { return nonEmpty(k.RemoteUser) }, []string{"ansible_user", "ansible_ssh_user"}},
		{func(k playbook.Keywords) any { return nonEmpty(k.Connection) }, []string{"ansible_connection"}},
	}
	dialKeywords = []connectionKeyword{
		{func(k playbook.Keywords) any { return k.Port }, []string{"ansible_port", "ansible_ssh_port"}},
	}
)

// addConnectionKeywords adds the keywords' values to vars where unset.
func addConnectionKeywords(vars map[string]any, kw playbook.Keywords, which []connectionKeyword) {
	for _, ck := range which {
		v := ck.value(kw)
		if v == nil || anySet(vars, ck.vars) {
			continue
		}
		for _, name := range ck.vars {
			vars[name] = v
		}
	}
}

func anySet(raw map[string]any, names []string) bool {
	for _, n := range names {
		if _, ok := raw[n]; ok {
			return true
		}
	}
	return false
}

func nonEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// withModuleDefaults returns a task's arguments over its module_defaults:
// the layers are merged outermost first, a module's entry in a later
// layer replacing an earlier one (ansible-core's
// get_action_args_with_defaults); the task's own arguments win. Entries
// may name the module short or as ansible.builtin./ansible.legacy.;
// action groups (group/...) are not supported.
func withModuleDefaults(layers []any, action string, args map[string]any) map[string]any {
	var defaults map[string]any
	for _, layer := range layers {
		m, ok := odict.Plain(layer)
		if !ok {
			continue
		}
		for name, v := range m {
			if d, ok := odict.Plain(v); ok && playbook.ShortActionName(name) == action {
				defaults = d
			}
		}
	}
	if len(defaults) == 0 {
		return args
	}
	out := make(map[string]any, len(defaults)+len(args))
	for k, v := range defaults {
		out[k] = v
	}
	for k, v := range args {
		out[k] = v
	}
	return out
}

// throttle bounds how many hosts run a task at once: forks, or the task's
// throttle keyword (templated in the first host's scope, as the strategy
// does for the task it queues) when it is a smaller positive number.
// run_once ignores it, as in Ansible.
func (pr *playRun) throttle(t *playbook.Task, f frame, hosts []string) int {
	n := pr.forks()
	kw := f.keywords(t)
	if kw.Throttle == nil || len(hosts) == 0 || isTrue(kw.RunOnce) {
		return n
	}
	th, ok := kw.Throttle.(int)
	if !ok {
		th = pr.newHostCtx(pr.run.host(hosts[0]), &f, t, nil).intOr(kw.Throttle, 0)
	}
	if th > 0 && th < n {
		n = th
	}
	return n
}

// freeThrottle is the semaphore task t's throttle keyword puts on the
// hosts running it at once in the free strategy, where each host runs
// the task on its own (ansible-core's free strategy counts the workers
// running the same task); nil when the task is not throttled.
func (pr *playRun) freeThrottle(t *playbook.Task, f frame, host string) chan struct{} {
	if f.keywords(t).Throttle == nil {
		return nil
	}
	n := pr.throttle(t, f, []string{host})
	if n >= pr.forks() {
		return nil
	}
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if pr.throttles == nil {
		pr.throttles = map[*playbook.Task]chan struct{}{}
	}
	sem, ok := pr.throttles[t]
	if !ok {
		sem = make(chan struct{}, n)
		pr.throttles[t] = sem
	}
	return sem
}
