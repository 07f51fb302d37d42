package engine

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/edxplay/edxplay/internal/jinja"
	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/internal/pyvalue"
	"github.com/edxplay/edxplay/internal/taint"
	"github.com/edxplay/edxplay/modules"
)

// hostCtx is the variable scope of one task on one host; it implements
// modules.HostContext.
type hostCtx struct {
	pr        *playRun
	h         *hostState
	f         *frame
	task      *playbook.Task
	raw       map[string]any
	scope     *jinja.Scope
	lastDiffs []modspec.Diff
	// lastArgs are the module arguments of the last call (for plans).
	lastArgs map[string]any
	// lastArgFlags are the taint marks of what rendering each argument of
	// the last call read (set_fact's facts keep them).
	lastArgFlags map[string]taint.Flags
	// unsafeArgs are the texts of those arguments rendered from unsafe
	// data; Eval refuses them as expressions.
	unsafeArgs map[string]bool
	// item is the loop item's index plus one (0 outside loops).
	item int
	// layers are the variable layers raw was built from (fromYAML).
	layers []varLayer
}

// newHostCtx builds the scope of task t on host h, with extra (loop) vars on top.
func (pr *playRun) newHostCtx(h *hostState, f *frame, t *playbook.Task, extra map[string]any) *hostCtx {
	h.mu.Lock()
	raw, layers := pr.hostVars(h, f, nil)
	h.mu.Unlock()
	for k, v := range extra {
		raw[k] = v
	}
	if t != nil && f != nil {
		addConnectionKeywords(raw, f.keywords(t), exposedKeywords)
	}
	hc := &hostCtx{pr: pr, h: h, f: f, task: t, raw: raw, layers: layers}
	if _, ok := raw["ansible_search_path"]; !ok && t != nil {
		// a task variable in Ansible (VariableManager.get_vars with a task)
		raw["ansible_search_path"] = toAnyList(hc.searchPath())
	}
	hc.scope = hc.newScope(raw)
	return hc
}

// newScope builds a template scope whose includes and lookups search the
// task's role and playbook directories.
func (hc *hostCtx) newScope(raw map[string]any) *jinja.Scope {
	s := hc.pr.run.Jinja.NewScope(raw)
	s.SetFind(func(kind, name string) (string, error) {
		if kind == "template" {
			return hc.FindFile("templates", name)
		}
		return hc.FindFile("files", name)
	})
	s.SetSearchPath(hc.searchPath)
	s.SetLoaded(fromYAML(raw, hc.layers))
	return s
}

// searchPath is ansible_search_path: the role's directory, the directory
// of the task's file (Task.get_search_path: a role task's is its tasks/),
// the playbook's.
func (hc *hostCtx) searchPath() []string {
	var dirs []string
	if hc.f != nil && hc.f.role != nil && hc.f.role.Role != nil {
		dirs = append(dirs, hc.f.role.Role.Path)
	}
	if dir := hc.taskDir(); dir != "" {
		dirs = appendNew(dirs, dir)
	}
	if hc.f != nil && hc.f.dir != "" {
		dirs = appendNew(dirs, hc.f.dir)
	}
	return appendNew(dirs, hc.pr.run.pb.Dir)
}

// appendNew appends dir to dirs unless it is there already.
func appendNew(dirs []string, dir string) []string {
	if slices.Contains(dirs, dir) {
		return dirs
	}
	return append(dirs, dir)
}

// taskDir is the directory of the file the task is written in, else the
// frame's include directory.
func (hc *hostCtx) taskDir() string {
	if hc.task != nil && hc.task.Pos.File != "" && !strings.HasPrefix(hc.task.Pos.File, "builtin:") {
		if abs, err := filepath.Abs(filepath.Dir(hc.task.Pos.File)); err == nil {
			return abs
		}
	}
	if hc.f != nil {
		return hc.f.dir
	}
	return ""
}

// withVars returns a copy of the context with more variables set.
func (hc *hostCtx) withVars(extra map[string]any) *hostCtx {
	raw := make(map[string]any, len(hc.raw)+len(extra))
	for k, v := range hc.raw {
		raw[k] = v
	}
	for k, v := range extra {
		raw[k] = v
	}
	c := *hc
	c.raw = raw
	c.scope = c.newScope(raw)
	return &c
}

// setRegistered makes a registered result visible to conditions of the same task.
func (hc *hostCtx) setRegistered(name string, value map[string]any) {
	if name == "" {
		return
	}
	hc.raw[name] = registered(value, hc.noLog())
	hc.scope = hc.newScope(hc.raw)
}

// noLog reports whether the task's output is censored.
func (hc *hostCtx) noLog() bool {
	if hc.task == nil {
		return false
	}
	if hc.f == nil {
		return hc.boolOf(hc.task.NoLog)
	}
	return hc.boolOf(hc.f.keywords(hc.task).NoLog)
}

// templateArgs renders a task's arguments, recording in lastArgFlags the
// marks of what each one read and in unsafeArgs the texts rendered from
// unsafe data (each item of a list argument on its own).
func (hc *hostCtx) templateArgs(args map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(args))
	flags := make(map[string]taint.Flags, len(args))
	hc.unsafeArgs = map[string]bool{}
	// set_fact's arguments become variables: their strings keep their
	// types (AnsibleUnicode, NativeJinjaText) for type_debug.
	template := hc.pr.run.Jinja.TemplateMarked
	if hc.task != nil && hc.task.Action == "set_fact" {
		template = hc.pr.run.Jinja.TemplateTyped
	}
	for k, v := range args {
		items, isList := v.([]any)
		if !isList {
			items = []any{v}
		}
		rendered := make([]any, len(items))
		for i, item := range items {
			marked, err := template(item, hc.scope)
			if err != nil {
				return nil, err
			}
			var f taint.Flags
			rendered[i], f = taint.Unwrap(marked)
			if text, ok := rendered[i].(string); ok && f.Has(taint.Unsafe) {
				hc.unsafeArgs[strings.TrimSpace(text)] = true
			}
			if types := f & (taint.Text | taint.Loaded); isList && types != 0 {
				rendered[i], f = taint.Value{V: rendered[i], Flags: types}, f&^types // an item's own type
			}
			flags[k] |= f
		}
		if isList {
			out[k] = rendered
		} else {
			out[k] = rendered[0]
		}
	}
	hc.lastArgFlags = flags
	return out, nil
}

// isUnsafeText reports whether expr is an argument text rendered from
// unsafe data, or one of its comma-separated parts (as a list argument
// given as a string is split).
func (hc *hostCtx) isUnsafeText(expr string) bool {
	expr = strings.TrimSpace(expr)
	for text := range hc.unsafeArgs {
		if text == expr {
			return true
		}
		for _, part := range strings.Split(text, ",") {
			if strings.TrimSpace(part) == expr {
				return true
			}
		}
	}
	return false
}

// Var returns a variable's templated value.
func (hc *hostCtx) Var(name string) (any, bool, error) {
	if _, ok := hc.raw[name]; !ok {
		return nil, false, nil
	}
	return hc.scope.Get(name)
}

// Template renders a value with Ansible's rules.
func (hc *hostCtx) Template(value any) (any, error) {
	return hc.pr.run.Jinja.Template(value, hc.scope)
}

// Eval evaluates a bare expression (assert's that, debug's var). An
// expression taken from an argument rendered from unsafe data (`that:
// "{{ result.stdout }}"`) is refused, never evaluated.
func (hc *hostCtx) Eval(expr string) (any, error) {
	if hc.isUnsafeText(expr) {
		return nil, jinja.ErrUnsafeConditional
	}
	return hc.pr.run.Jinja.Eval(expr, hc.scope)
}

// Condition evaluates a module's conditional (assert's that) as `when`
// does; like Eval, a conditional taken from an argument rendered from
// unsafe data is refused, never evaluated.
func (hc *hostCtx) Condition(expr string) (bool, error) {
	if hc.isUnsafeText(expr) {
		return false, jinja.ErrUnsafeConditional
	}
	return hc.pr.run.Jinja.EvalBool(expr, hc.scope)
}

// RenderFile renders a template file for the template module.
func (hc *hostCtx) RenderFile(path string, opts modules.TemplateOptions) ([]byte, error) {
	extra := map[string]any{}
	if opts.Dest != "" {
		extra["template_destpath"] = opts.Dest
	}
	out, err := hc.pr.run.Jinja.RenderFileWith(path, hc.scope, extra,
		jinja.FileOptions{TrimBlocks: opts.TrimBlocks, LstripBlocks: opts.LstripBlocks,
			NewlineSequence: opts.NewlineSequence, Overrides: opts.Overrides})
	if err != nil {
		return nil, err
	}
	return []byte(out), nil
}

// FindFile resolves a relative file the way Ansible searches: the role's
// kind directory, the role, the playbook's kind directory, the playbook dir.
func (hc *hostCtx) FindFile(kind, name string) (string, error) {
	if filepath.IsAbs(name) {
		return name, nil
	}
	var dirs []string
	if hc.f != nil && hc.f.role != nil && hc.f.role.Role != nil {
		rp := hc.f.role.Role.Path
		dirs = append(dirs, filepath.Join(rp, kind), rp, filepath.Join(rp, "tasks", kind), filepath.Join(rp, "tasks"))
	}
	if hc.f != nil && hc.f.dir != "" {
		dirs = append(dirs, filepath.Join(hc.f.dir, kind), hc.f.dir)
	}
	pd := hc.pr.run.pb.Dir
	dirs = append(dirs, filepath.Join(pd, kind), pd)
	for _, d := range dirs {
		p := filepath.Join(d, name)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("could not find or access '%s' (searched %s)", name, filepath.Join(pd, kind))
}

// ReadVars reads a variables file with the run's loader (vault included).
func (hc *hostCtx) ReadVars(path string) (map[string]any, error) {
	vars, err := hc.pr.run.Loader.ReadVars(path)
	if errors.Is(err, playbook.ErrNotMapping) {
		return nil, fmt.Errorf("%w: %w", modules.ErrVarsNotMapping, err)
	}
	return vars, err
}

// conditions evaluates `when`-style conditions (all must hold).
func (hc *hostCtx) conditions(conds []string) (bool, error) {
	for _, c := range conds {
		ok, err := hc.pr.run.Jinja.EvalBool(c, hc.scope)
		if err != nil {
			return false, fmt.Errorf("the conditional check '%s' failed. The error was: %w", c, err)
		}
		if !ok {
			return false, nil
		}
	}
	return true, nil
}

// boolOf templates a keyword value (ignore_errors, no_log) into a bool.
func (hc *hostCtx) boolOf(v any) bool {
	if v == nil {
		return false
	}
	out, err := hc.Template(v)
	if err != nil {
		return false
	}
	return truthy(out)
}

// intOr templates a keyword value into an int, with a default.
func (hc *hostCtx) intOr(v any, def int) int {
	if v == nil {
		return def
	}
	out, err := hc.Template(v)
	if err != nil {
		return def
	}
	switch n := out.(type) {
	case int:
		return n
	case float64:
		return int(n)
	case string:
		if i, err := strconv.Atoi(n); err == nil {
			return i
		}
	}
	return def
}

// truthy converts a templated value to a bool as Ansible's boolean() does
// (non-strict: anything unrecognised is false).
func truthy(v any) bool {
	b, _ := pyvalue.Boolean(v)
	return b
}

// sleepCtx sleeps for seconds unless ctx ends first.
func sleepCtx(ctx context.Context, seconds int) bool {
	return sleepFor(ctx, time.Duration(seconds)*time.Second)
}

// sleepFor waits d, or until ctx is done (then false).
func sleepFor(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	select {
	case <-ctx.Done():
		return false
	case <-time.After(d):
		return true
	}
}
