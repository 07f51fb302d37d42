package engine

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/jinja"
	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/modules"

	"github.com/edxplay/edxplay/internal/odict"
)

// argsError locates a failure to template a task's arguments; an
// undefined variable is worded as Ansible's post_validate words it.
func argsError(t *playbook.Task, err error) error {
	if jinja.IsUndefined(err) {
		return fmt.Errorf("The task includes an option with an undefined variable. The error was: %w\n\n"+
			"The error appears to be in '%s'", err, t.Pos)
	}
	err = fmt.Errorf("%s: %w", t.Pos, err)
	if exc, ok := jinja.PythonException(err); ok {
		return &taskException{err: err, exception: exc}
	}
	return err
}

// taskException is a Python exception raised while templating a task's
// arguments: Ansible's post_validate fails the task with only
// `exception` (its traceback; here the located error) set.
type taskException struct {
	err       error
	exception string
}

func (e *taskException) Error() string { return e.err.Error() }
func (e *taskException) Unwrap() error { return e.err }

// buildCall prepares a module call: templated, converted arguments,
// become, check mode, environment and the host's connection.
func (pr *playRun) buildCall(ctx context.Context, t *playbook.Task, f frame, h *hostState, hc *hostCtx, mod modules.Module) (*modules.Call, error) {
	rendered, err := hc.templateArgs(withModuleDefaults(f.keywords(t).ModuleDefaults, t.Action, t.Args))
	if err != nil {
		return nil, argsError(t, err)
	}
	argMap := removeOmitArgs(rendered)
	if argMap, err = mergeVariableParams(argMap); err != nil {
		return nil, fmt.Errorf("%s: %w", t.Pos, err)
	}
	spec := pr.run.specs.of(t.Action, mod)
	args, err := ConvertArgs(spec, argMap)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", t.Pos, err)
	}
	env, err := pr.environment(t, f, hc)
	if err != nil {
		return nil, err
	}
	call := &modules.Call{Args: args, Become: pr.become(t, f, hc), Check: pr.checkMode(t, f),
		Diff: pr.diffMode(t, f), NoLog: hc.boolOf(f.keywords(t).NoLog), Env: env, Host: hc}
	if spec.Controller {
		return call, nil
	}
	conn, err := pr.taskConn(ctx, t, h, hc)
	if err != nil {
		return nil, err
	}
	if pc, ok := conn.(*probeConn); ok {
		pc.startTask(upcomingPaths(t, f.rest, hc))
	}
	if f.keywords(t).DelegateTo != "" {
		// a delegated task may change files the host's own cache holds
		// (the host may be the controller itself)
		h.mu.Lock()
		if pc, ok := h.conn.(*probeConn); ok {
			pc.invalidate()
		}
		h.mu.Unlock()
	}
	call.Conn = conn
	if err := expandHostHome(ctx, spec, call.Args, conn, call.Become); err != nil {
		return nil, err
	}
	return call, nil
}

// taskConn returns the connection for the task: the host's own, or the
// controller's for delegate_to: localhost.
func (pr *playRun) taskConn(ctx context.Context, t *playbook.Task, h *hostState, hc *hostCtx) (connection.Conn, error) {
	if delegate := hc.f.keywords(t).DelegateTo; delegate != "" {
		target, err := hc.Template(delegate)
		if err != nil {
			return nil, err
		}
		name := fmt.Sprint(target)
		if name == "localhost" || name == "127.0.0.1" {
			return pr.run.Dialer.Dial(ctx, "localhost", map[string]any{"ansible_connection": "local"})
		}
		dh := pr.run.host(name)
		return pr.conn(ctx, dh, pr.newHostCtx(dh, hc.f, t, nil))
	}
	return pr.conn(ctx, h, hc)
}

// become resolves privilege escalation for a task.
func (pr *playRun) become(t *playbook.Task, f frame, hc *hostCtx) *connection.Become {
	kw := f.keywords(t)
	on := pr.run.opts.Become
	switch {
	case kw.Become != nil:
		on = *kw.Become
	case kw.BecomeExpr != "":
		on = hc.boolOf(kw.BecomeExpr)
	}
	// Connection variables override playbook keywords, as in Ansible.
	if v, ok, err := hc.Var("ansible_become"); err == nil && ok {
		on = truthy(v)
	}
	if !on {
		return nil
	}
	b := &connection.Become{
		Method:   firstString(varString(hc, "ansible_become_method"), kw.BecomeMethod, pr.run.opts.BecomeMethod, "sudo"),
		User:     firstString(varString(hc, "ansible_become_user"), kw.BecomeUser, pr.run.opts.BecomeUser, "root"),
		Flags:    firstString(varString(hc, "ansible_become_flags"), kw.BecomeFlags),
		Password: pr.run.opts.BecomePassword,
	}
	if pw := firstString(varString(hc, "ansible_become_password"), varString(hc, "ansible_become_pass")); pw != "" {
		b.Password = pw
	}
	if u, err := hc.Template(b.User); err == nil {
		b.User = fmt.Sprint(u)
	}
	return b
}

// varString returns a variable's templated value as a string, "" if unset.
func varString(hc *hostCtx, name string) string {
	v, ok, err := hc.Var(name)
	if err != nil || !ok || v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

func (pr *playRun) checkMode(t *playbook.Task, f frame) bool {
	if v := f.keywords(t).CheckMode; v != nil {
		return *v
	}
	return pr.run.opts.Check
}

func (pr *playRun) diffMode(t *playbook.Task, f frame) bool {
	if v := f.keywords(t).Diff; v != nil {
		return *v
	}
	return pr.run.opts.Diff
}

// environment merges the play/block/task environment dictionaries. As
// Ansible's Task._post_validate_environment, a mapping is templated key by
// key, and a key whose value needs the ansible_env facts while they are
// undefined (before facts are gathered) is left out.
func (pr *playRun) environment(t *playbook.Task, f frame, hc *hostCtx) (map[string]string, error) {
	env := map[string]string{}
	for _, l := range f.keywords(t).Environment {
		if l == nil {
			continue
		}
		if raw, ok := odict.AsMap(l); ok {
			if err := templateEnvKeys(env, raw, hc); err != nil {
				return nil, err
			}
			continue
		}
		v, err := hc.Template(l)
		if err != nil {
			return nil, fmt.Errorf("environment: %w", err)
		}
		m, ok := odict.Plain(v)
		if !ok {
			return nil, fmt.Errorf("environment must be a mapping, got %T", v)
		}
		for k, val := range m {
			env[k] = scalarString(val)
		}
	}
	return env, nil
}

// templateEnvKeys templates one environment mapping into env, key by key.
func templateEnvKeys(env map[string]string, raw *odict.Map, hc *hostCtx) error {
	for k, rv := range raw.All() {
		val, err := hc.Template(rv)
		if err != nil {
			if jinja.IsUndefined(err) && strings.Contains(err.Error(), "ansible_env") {
				continue
			}
			return fmt.Errorf("environment: %w", err)
		}
		env[k] = scalarString(val)
	}
	return nil
}

// removeOmitArgs drops arguments equal to the omit placeholder, and omitted
// values inside them.
func removeOmitArgs(args map[string]any) map[string]any {
	out := make(map[string]any, len(args))
	for k, val := range args {
		if s, ok := val.(string); ok && s == omitToken {
			continue
		}
		out[k] = removeOmit(val)
	}
	return out
}

// removeOmit drops values equal to the omit placeholder; dicts come back
// as *odict.Map in their order.
func removeOmit(v any) any {
	if m, ok := odict.AsMap(v); ok {
		out := odict.New(m.Len())
		for k, val := range m.All() {
			if s, ok := val.(string); ok && s == omitToken {
				continue
			}
			out.Set(k, removeOmit(val))
		}
		return out
	}
	switch x := v.(type) {
	case []any:
		out := make([]any, 0, len(x))
		for _, val := range x {
			if s, ok := val.(string); ok && s == omitToken {
				continue
			}
			out = append(out, removeOmit(val))
		}
		return out
	}
	return v
}

func firstString(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

func firstNonNil(vals ...any) any {
	for _, v := range vals {
		if v != nil {
			return v
		}
	}
	return nil
}

// scalarString formats a scalar as Ansible does when it stringifies it.
func scalarString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		if x {
			return "True"
		}
		return "False"
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strings.TrimSpace(fmt.Sprint(v))
}
