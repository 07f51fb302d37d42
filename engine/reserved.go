package engine

import (
	"maps"
	"slices"

	"github.com/edxplay/edxplay/internal/playbook"
)

// reservedNames are the names ansible-core reserves: the keywords of
// plays, roles, blocks and tasks (get_reserved_names) and the globals of
// its Jinja2 environment.
var reservedNames = map[string]bool{
	"action": true, "always": true, "any_errors_fatal": true, "args": true, "async": true, "async_val": true,
	"become": true, "become_exe": true, "become_flags": true, "become_method": true, "become_user": true,
	"block": true, "changed_when": true, "check_mode": true, "collections": true, "connection": true,
	"debugger": true, "delay": true, "delegate_facts": true, "delegate_to": true, "diff": true,
	"environment": true, "fact_path": true, "failed_when": true, "force_handlers": true, "gather_facts": true,
	"gather_subset": true, "gather_timeout": true, "handlers": true, "hosts": true, "ignore_errors": true,
	"ignore_unreachable": true, "local_action": true, "loop": true, "loop_control": true, "loop_with": true,
	"max_fail_percentage": true, "module_defaults": true, "name": true, "no_log": true, "notify": true,
	"order": true, "poll": true, "port": true, "post_tasks": true, "pre_tasks": true, "register": true,
	"remote_user": true, "rescue": true, "retries": true, "roles": true, "run_once": true, "serial": true,
	"strategy": true, "tags": true, "tasks": true, "throttle": true, "timeout": true, "until": true,
	"vars_files": true, "vars_prompt": true, "when": true, "with_": true,
	// Jinja2 globals
	"cycler": true, "dict": true, "joiner": true, "lipsum": true, "lookup": true, "namespace": true,
	"now": true, "q": true, "query": true, "range": true, "undef": true,
}

// warnReserved warns about play-level variables (play vars, role vars and
// defaults, extra vars) using a reserved name, as ansible-core does when
// a play starts.
func (rn *run) warnReserved(p *playbook.Play) {
	names := map[string]bool{}
	add := func(m map[string]any) {
		for k := range m {
			if reservedNames[k] {
				names[k] = true
			}
		}
	}
	add(p.Vars)
	for _, e := range rn.opts.ExtraVars {
		add(e)
	}
	for _, r := range playRoles(p) {
		if r.Role != nil {
			add(r.Role.Defaults)
			add(r.Role.Vars)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(names)) {
		rn.Reporter.Warning("Found variable using reserved name: " + k)
	}
}
