package lookups

import (
	"context"
	"errors"
	"strings"

	"github.com/edxplay/edxplay/internal/jinja2"
)

// Globals returns the lookup, query and q functions of one templating
// context, to add to the template's variables (or environment globals).
func Globals(ctx context.Context, ctrl Controller) map[string]jinja2.Value {
	lookup := jinja2.Func("lookup", func(_ *jinja2.CallContext, args []jinja2.Value, kw *jinja2.Dict) (jinja2.Value, error) {
		return callGlobal(ctx, ctrl, "_lookup", args, kw, false)
	})
	query := jinja2.Func("query", func(_ *jinja2.CallContext, args []jinja2.Value, kw *jinja2.Dict) (jinja2.Value, error) {
		return callGlobal(ctx, ctrl, "_query_lookup", args, kw, true)
	})
	return map[string]jinja2.Value{"lookup": lookup, "query": query, "q": query}
}

// callGlobal binds lookup(name, *args, **kwargs) as Python does.
func callGlobal(ctx context.Context, ctrl Controller, fname string, args []jinja2.Value, kw *jinja2.Dict, wantlist bool) (jinja2.Value, error) {
	kw = kw.Copy()
	var name jinja2.Value
	switch v, ok := kw.GetStr("name"); {
	case len(args) > 0 && ok:
		return jinja2.None, jinja2.NewError("TypeError", "Templar.%s() got multiple values for argument 'name'", fname)
	case len(args) > 0:
		name, args = args[0], args[1:]
	case ok:
		name = v
		kw.Delete(jinja2.Str("name"))
	default:
		return jinja2.None, jinja2.NewError("TypeError", "Templar.%s() missing 1 required positional argument: 'name'", fname)
	}
	if wantlist {
		kw.SetStr("wantlist", jinja2.Bool(true))
	}
	s, err := jinja2.ToString(name)
	if err != nil {
		return jinja2.None, err
	}
	return Call(ctx, ctrl, s, args, kw)
}

// Call is Templar._lookup: runs the named lookup on args with the
// keyword options wantlist, allow_unsafe and errors (strict, warn,
// ignore) applied as Ansible does. Results are unsafe unless
// allow_unsafe=False is overridden; without wantlist string results are
// joined with commas.
func Call(ctx context.Context, ctrl Controller, name string, args []jinja2.Value, kw *jinja2.Dict) (jinja2.Value, error) {
	fn, ok := table()[shortName(name)]
	var pyPlugin string
	if !ok {
		if pyPlugin, ok = findPyPlugin(ctx, ctrl, name); !ok {
			return jinja2.None, errorf("lookup plugin (%s) not found", name)
		}
	}
	kw = kw.Copy()
	wantlist, err := popTruth(kw, "wantlist")
	if err != nil {
		return jinja2.None, err
	}
	allowUnsafe := pop(kw, "allow_unsafe", jinja2.Bool(false))
	mode := pop(kw, "errors", jinja2.Str("strict"))
	terms := make([]jinja2.Value, len(args))
	for i, a := range args {
		if terms[i], err = ctrl.Template(ctx, a, true); err != nil {
			return jinja2.None, err
		}
	}
	if pyPlugin != "" {
		return callPyPlugin(ctx, ctrl, name, pyPlugin, terms, kw, mode, wantlist, allowUnsafe)
	}
	ran, err := fn(ctx, &runner{ctrl: ctrl, subdir: "files"}, jinja2.NewList(terms...), kw)
	if err != nil {
		return handleError(ctrl, name, err, mode, wantlist)
	}
	isFalse := allowUnsafe.Kind() == jinja2.BoolKind && !allowUnsafe.BoolValue()
	if len(ran) == 0 || !isFalse {
		return jinja2.NewList(ran...), nil
	}
	return shape(ran, wantlist), nil
}

// callPyPlugin is Call for a Python lookup plugin file.
func callPyPlugin(ctx context.Context, ctrl Controller, name, path string, terms []jinja2.Value, kw *jinja2.Dict,
	mode jinja2.Value, wantlist bool, allowUnsafe jinja2.Value) (jinja2.Value, error) {
	ran, typ, err := runPyPlugin(ctx, ctrl, name, path, terms, kw)
	var setup setupError
	if errors.As(err, &setup) {
		return jinja2.None, setup.error
	}
	if err != nil {
		return handleError(ctrl, name, err, mode, wantlist)
	}
	if allowUnsafe.Kind() != jinja2.BoolKind || allowUnsafe.BoolValue() {
		return ran, nil
	}
	return shapePy(name, ran, typ, wantlist)
}

// wrapVar is Ansible's wrap_var: strings marked unsafe, containers copied
// with their items wrapped; other values unchanged.
func wrapVar(v jinja2.Value) jinja2.Value {
	switch v.Kind() {
	case jinja2.StrKind:
		return v.WithMark(jinja2.Unsafe)
	case jinja2.ListKind, jinja2.TupleKind:
		items := make([]jinja2.Value, len(v.Items()))
		for i, it := range v.Items() {
			items[i] = wrapVar(it)
		}
		if v.Kind() == jinja2.TupleKind {
			return jinja2.WithMarksOf(jinja2.NewTuple(items...), v)
		}
		return jinja2.WithMarksOf(jinja2.NewList(items...), v)
	case jinja2.DictKind:
		d := jinja2.NewDict()
		for i, k := range v.DictOf().Keys() {
			_ = d.Set(wrapVar(k), wrapVar(v.DictOf().Values()[i]))
		}
		return jinja2.WithMarksOf(jinja2.DictValue(d), v)
	}
	return v
}

// shape is the result of a lookup that returned items: the list for
// wantlist, else the items joined with commas, or when they are not all
// strings the only item or the list.
func shape(ran []jinja2.Value, wantlist bool) jinja2.Value {
	if wantlist {
		return wrapVar(jinja2.NewList(ran...))
	}
	parts := make([]string, len(ran))
	for i, r := range ran {
		if r.Kind() != jinja2.StrKind {
			if len(ran) == 1 {
				return wrapVar(ran[0])
			}
			return wrapVar(jinja2.NewList(ran...))
		}
		parts[i] = r.StrValue()
	}
	joined := jinja2.WithMarksOf(jinja2.Str(strings.Join(parts, ",")), ran...)
	if ran[0].IsNativeText() {
		joined = jinja2.AsNativeText(joined)
	}
	return wrapVar(joined)
}

// handleError applies the errors option to a failed run: undefined and
// option errors always fail; others fail, warn or are ignored, the
// lookup then giving [] (wantlist) or None.
func handleError(ctrl Controller, name string, err error, mode jinja2.Value, wantlist bool) (jinja2.Value, error) {
	class := classOf(err)
	var msg string
	switch class {
	case "UndefinedError", "AnsibleUndefinedVariable":
		return jinja2.None, ansibleError("AnsibleUndefinedVariable", "%s", messageOf(err))
	case "AnsibleOptionsError", "MissingSetting":
		return jinja2.None, err
	case "AnsibleLookupError":
		msg = "Lookup failed but the error is being ignored: " + messageOf(err)
	default:
		msg = "An unhandled exception occurred while running the lookup plugin '" + name +
			"'. Error was a " + pyClass(class) + ", original message: " + messageOf(err)
		err = withOrig("AnsibleError", msg, err)
	}
	switch {
	case isStr(mode, "warn"):
		ctrl.Warn(msg)
	case isStr(mode, "ignore"):
	default:
		return jinja2.None, err
	}
	if wantlist {
		return jinja2.NewList(), nil
	}
	return jinja2.None, nil
}

func isStr(v jinja2.Value, s string) bool { return v.Kind() == jinja2.StrKind && v.StrValue() == s }

// pop removes a keyword argument, returning it or def.
func pop(kw *jinja2.Dict, key string, def jinja2.Value) jinja2.Value {
	v, ok := kw.GetStr(key)
	if !ok {
		return def
	}
	kw.Delete(jinja2.Str(key))
	return v
}

func popTruth(kw *jinja2.Dict, key string) (bool, error) {
	return jinja2.Truth(pop(kw, key, jinja2.Bool(false)))
}

// Loop runs a lookup for with_<name>: the loop terms listified (a string
// is templated), the lookup run with wantlist, its items unsafe. subdir
// is where first_found looks (templates for a template task, vars for
// include_vars, else files).
func Loop(ctx context.Context, ctrl Controller, name string, loop jinja2.Value, subdir string) ([]jinja2.Value, error) {
	fn, ok := table()[shortName(name)]
	if !ok {
		return nil, errorf("Unexpected failure in finding the lookup named '%s' in the available lookup plugins", name)
	}
	terms, err := listify(ctx, ctrl, loop, shortName(name) != "first_found")
	if err != nil {
		return nil, err
	}
	if subdir == "" {
		subdir = "files"
	}
	kw := jinja2.NewDict()
	kw.SetStr("wantlist", jinja2.Bool(true))
	items, err := fn(ctx, &runner{ctrl: ctrl, subdir: subdir}, terms, kw)
	if err != nil {
		return nil, err
	}
	for i := range items {
		items[i] = wrapVar(items[i])
	}
	return items, nil
}

// listify is listify_lookup_plugin_terms: the terms templated (a string
// stripped first); a string or a non-iterable becomes a one-item list, an
// iterable (a list, a dict) stays as it is.
func listify(ctx context.Context, ctrl Controller, terms jinja2.Value, failOnUndefined bool) (jinja2.Value, error) {
	if terms.Kind() == jinja2.StrKind {
		terms = jinja2.WithMarksOf(jinja2.Str(strings.TrimSpace(terms.StrValue())), terms)
	}
	t, err := ctrl.Template(ctx, terms, failOnUndefined)
	if err != nil {
		return jinja2.None, err
	}
	if t.Kind() == jinja2.StrKind {
		return jinja2.NewList(t), nil
	}
	if _, err := jinja2.Iterate(t); err != nil {
		return jinja2.NewList(t), nil
	}
	return t, nil
}
