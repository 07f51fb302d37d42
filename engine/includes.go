package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/edxplay/edxplay/internal/playbook"
)

// includeGroups evaluates an include on each host (conditions, loop,
// templated file name) and groups hosts that include the same thing, in
// the order the includes were first seen.
func (pr *playRun) includeGroups(t *playbook.Task, f frame, hosts []string) ([]*includeGroup, error) {
	var order []*includeGroup
	byKey := map[string]*includeGroup{}
	for _, name := range hosts {
		h := pr.run.host(name)
		// the include's own vars are in scope for its file name and when,
		// as a task's vars are for the task
		tf := f.withVars(t.Vars)
		hc := pr.newHostCtx(h, &tf, t, nil)
		incs, err := pr.hostIncludes(t, f, hc)
		if err != nil {
			pr.finish(t, f, h, hc, failure(fmt.Errorf("%s: %w", t.Pos, err)))
			continue
		}
		if len(incs) == 0 {
			pr.finish(t, f, h, hc, &outcome{skipped: true, result: map[string]any{"changed": false, "skipped": true}})
			continue
		}
		for _, inc := range incs {
			if g, ok := byKey[inc.key]; ok {
				g.hosts = append(g.hosts, name)
				continue
			}
			inc.hosts = []string{name}
			byKey[inc.key] = inc
			order = append(order, inc)
		}
	}
	return order, nil
}

// failInclude fails an include on hosts with err.
func (pr *playRun) failInclude(t *playbook.Task, f frame, hosts []string, err error) error {
	outcomes := make([]*outcome, len(hosts))
	for i, name := range hosts {
		h := pr.run.host(name)
		outcomes[i] = failureAt(t, err)
		pr.finish(t, f, h, pr.newHostCtx(h, &f, t, nil), outcomes[i])
	}
	// the failure counts as any task's: any_errors_fatal, max_fail_percentage
	return pr.afterTask(t, f, hosts, outcomes)
}

// hostIncludes returns the includes one host performs (one per loop item).
func (pr *playRun) hostIncludes(t *playbook.Task, f frame, hc *hostCtx) ([]*includeGroup, error) {
	if t.Loop == nil {
		inc, ok, err := pr.oneInclude(t, f, hc, nil)
		if err != nil || !ok {
			return nil, err
		}
		return []*includeGroup{inc}, nil
	}
	items, err := pr.loopItems(t, hc)
	if err != nil {
		return nil, err
	}
	lv, err := loopVarName(t, hc)
	if err != nil {
		return nil, err
	}
	var out []*includeGroup
	for i := range items {
		vars := loopVars(t.Loop, lv, items, i)
		vars["ansible_loop_var"] = lv
		inc, ok, err := pr.oneInclude(t, f, hc.withVars(vars), vars)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, inc)
		}
	}
	return out, nil
}

// oneInclude evaluates the include's conditions and file name.
func (pr *playRun) oneInclude(t *playbook.Task, f frame, hc *hostCtx, vars map[string]any) (*includeGroup, bool, error) {
	ok, err := hc.conditions(append(append([]string{}, f.kw.When...), t.When...))
	if err != nil || !ok {
		return nil, false, err
	}
	name := t.Args["_raw_params"]
	if name == nil {
		name = firstNonNil(t.Args["file"], t.Args["name"])
	}
	v, err := hc.Template(name)
	if err != nil {
		return nil, false, err
	}
	file := fmt.Sprint(v)
	key, _ := json.Marshal([]any{file, vars})
	return &includeGroup{file: file, vars: vars, key: string(key)}, true, nil
}

// includeRoleArgs templates include_role's arguments (tasks_from, ...).
func (pr *playRun) includeRoleArgs(t *playbook.Task, g *includeGroup, f frame) (map[string]any, error) {
	out := map[string]any{}
	for k, v := range t.Args {
		out[k] = v
	}
	out["name"] = g.file
	// the *_from names are templated too, in the first host's scope
	hc := pr.newHostCtx(pr.run.host(g.hosts[0]), &f, t, g.vars)
	for _, k := range []string{"tasks_from", "vars_from", "defaults_from", "handlers_from"} {
		if s, ok := out[k].(string); ok && strings.Contains(s, "{") {
			v, err := hc.Template(s)
			if err != nil {
				return nil, err
			}
			out[k] = fmt.Sprint(v)
		}
	}
	return out, nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// maxIncludeDepth bounds how deeply include_tasks and include_role may
// nest. Ansible has no set limit: Python's recursion limit stops a
// self-including file after about 250 levels, with the error below.
const maxIncludeDepth = 256

// includeLink is one include on the chain that led to a task list.
type includeLink struct {
	pos    playbook.Pos
	action string
	file   string
}

// includeChainKey keys the include chain in a context.
type includeChainKey struct{}

// enterInclude returns ctx extended with the include t of file, or an
// error naming the include chain once it is nested too deeply.
func enterInclude(ctx context.Context, t *playbook.Task, file string) (context.Context, error) {
	chain, _ := ctx.Value(includeChainKey{}).([]includeLink)
	link := includeLink{pos: t.Pos, action: t.ActionName, file: file}
	if len(chain) >= maxIncludeDepth {
		return ctx, includeDepthError(append(chain, link))
	}
	return context.WithValue(ctx, includeChainKey{}, append(chain[:len(chain):len(chain)], link)), nil
}

// includeDepthError words the error as Ansible does and lists the chain
// up to the first include that repeats.
func includeDepthError(chain []includeLink) error {
	var b strings.Builder
	seen := map[string]bool{}
	for i, l := range chain {
		at := l.pos.String()
		if i > 0 {
			b.WriteString(" -> ")
		}
		fmt.Fprintf(&b, "%s (%s %s)", at, l.action, l.file)
		if seen[at] {
			fmt.Fprintf(&b, " -> ... (%d includes in all)", len(chain))
			break
		}
		seen[at] = true
	}
	return fmt.Errorf("Exceeded maximum object depth. This may have been caused by excessive role recursion: "+
		"includes nested more than %d deep: %s", maxIncludeDepth, b.String())
}
