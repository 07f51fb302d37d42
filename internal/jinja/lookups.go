package jinja

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/nikolalohinski/gonja/v2/exec"

	"github.com/edxplay/edxplay/internal/keyorder"
	"github.com/edxplay/edxplay/internal/pyvalue"
	"github.com/edxplay/edxplay/internal/taint"
)

// OmitPlaceholder is the value of the `omit` variable; module arguments
// equal to it must be dropped by the caller.
const OmitPlaceholder = "__omit_place_holder__c0a5dbc7b8b4e6a9d2d1f6d3c2b1a0f9e8d7c6b5"

// lookupFn runs one lookup plugin on its terms.
type lookupFn func(rc *renderCtx, terms []any, kw map[string]any) ([]any, error)

func lookupTable() map[string]lookupFn {
	return map[string]lookupFn{
		"file":        lookupFile,
		"env":         lookupEnv,
		"template":    lookupTemplate,
		"vars":        lookupVars,
		"first_found": lookupFirstFound,
		"items":       func(_ *renderCtx, terms []any, _ map[string]any) ([]any, error) { return flatten(terms, 1, false), nil },
		"list":        func(_ *renderCtx, terms []any, _ map[string]any) ([]any, error) { return terms, nil },
		"indexed_items": func(_ *renderCtx, terms []any, _ map[string]any) ([]any, error) {
			out := []any{}
			for i, t := range flatten(terms, 1, false) {
				out = append(out, pyTuple{i, t})
			}
			return out, nil
		},
		"dict":     lookupDict,
		"pipe":     lookupPipe,
		"lines":    lookupLines,
		"sequence": lookupSequence,
		"nested":   lookupNested,
	}
}

// globals returns the per-rendering global functions and values.
func (rc *renderCtx) globals() map[string]any {
	return map[string]any{
		"lookup": func(params *exec.VarArgs) *exec.Value { return rc.lookupCall(params, false) },
		"query":  func(params *exec.VarArgs) *exec.Value { return rc.lookupCall(params, true) },
		"q":      func(params *exec.VarArgs) *exec.Value { return rc.lookupCall(params, true) },
		"omit":   OmitPlaceholder,
		"none":   nil,
		"dict":   dictGlobal,
		"range": func(params *exec.VarArgs) *exec.Value {
			out := rangeGlobal(params)
			if err, ok := out.Interface().(error); ok {
				rc.st.budget(nil).noteErr(err)
			}
			return out
		},
	}
}

// dictGlobal implements dict(pairs) and dict(key=value).
func dictGlobal(params *exec.VarArgs) *exec.Value {
	c, err := newCall(nil, params)
	if err != nil {
		return exec.AsValue(err)
	}
	out := map[string]any{}
	var keys []string
	if len(c.args) > 0 {
		if m, ok := c.args[0].(map[string]any); ok {
			for k, v := range m {
				out[k] = v
			}
			keys = dictKeys(m)
		} else {
			list, err := toList(c.args[0])
			if err != nil {
				return exec.AsValue(err)
			}
			for _, item := range list {
				pair, err := toList(item)
				if err != nil || len(pair) != 2 {
					return exec.AsValue(fmt.Errorf("dictionary update sequence element has wrong length"))
				}
				out[keyString(pair[0])] = pair[1]
				keys = append(keys, keyString(pair[0]))
			}
		}
	}
	for k, v := range c.kw {
		out[k] = v
	}
	// gonja keeps keyword arguments in a Go map: their order is lost.
	keyorder.Record(out, append(keys, sortedKeys(c.kw)...))
	return asValue(out)
}

// lookupCall implements lookup()/query() with Ansible's result shaping.
func (rc *renderCtx) lookupCall(params *exec.VarArgs, wantList bool) *exec.Value {
	c, err := newCall(nil, params)
	if err != nil {
		return exec.AsValue(err)
	}
	if len(c.args) == 0 {
		return exec.AsValue(errors.New("lookup plugin name is required"))
	}
	name := pyStr(c.args[0])
	fn, ok := lookupTable()[name]
	if !ok {
		return exec.AsValue(fmt.Errorf("lookup plugin (%s) not found", name))
	}
	if w, ok := c.kw["wantlist"]; ok {
		wantList = wantList || truthy(w)
		delete(c.kw, "wantlist")
	}
	mode := "strict"
	if m, ok := c.kw["errors"].(string); ok {
		mode = m
		delete(c.kw, "errors")
	}
	allowUnsafe := truthy(c.kw["allow_unsafe"])
	delete(c.kw, "allow_unsafe")
	ran, err := fn(rc, c.args[1:], c.kw)
	if len(ran) > 0 && !allowUnsafe {
		// Lookup results are unsafe unless allow_unsafe=True, as in Ansible:
		// a file or a command's output is never evaluated as a template.
		rc.reads.flags |= taint.Unsafe
	}
	if err != nil {
		if mode == "strict" || IsUndefined(err) {
			return exec.AsValue(err)
		}
		if wantList {
			return asValue([]any{})
		}
		return exec.AsValue(nil)
	}
	return asValue(shapeLookup(ran, wantList))
}

// shapeLookup joins string results with commas unless a list is wanted.
func shapeLookup(ran []any, wantList bool) any {
	if wantList || len(ran) == 0 {
		return ran
	}
	parts := make([]string, 0, len(ran))
	for _, r := range ran {
		s, ok := r.(string)
		if !ok {
			if len(ran) == 1 {
				return ran[0]
			}
			return ran
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ",")
}

func lookupFile(rc *renderCtx, terms []any, kw map[string]any) ([]any, error) {
	out := []any{}
	for _, t := range terms {
		path, err := rc.find("file", pyStr(t), "")
		if err != nil {
			return nil, fmt.Errorf("could not locate file in lookup: %s", pyStr(t))
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("could not read file in lookup: %w", err)
		}
		s := string(data)
		if v, ok := kw["rstrip"]; !ok || truthy(v) {
			s = strings.TrimRight(s, " \t\n\r\v\f")
		}
		if truthy(kw["lstrip"]) {
			s = strings.TrimLeft(s, " \t\n\r\v\f")
		}
		out = append(out, s)
	}
	return out, nil
}

func lookupEnv(rc *renderCtx, terms []any, kw map[string]any) ([]any, error) {
	out := []any{}
	for _, t := range terms {
		v, ok := rc.engine.opts.LookupEnv(pyStr(t))
		if !ok {
			def, hasDef := kw["default"]
			if !hasDef {
				def = ""
			}
			out = append(out, def)
			continue
		}
		out = append(out, v)
	}
	return out, nil
}

func lookupTemplate(rc *renderCtx, terms []any, kw map[string]any) ([]any, error) {
	out := []any{}
	for _, t := range terms {
		path, err := rc.find("template", pyStr(t), "")
		if err != nil {
			return nil, fmt.Errorf("the template file %s could not be found for the lookup", pyStr(t))
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("read template for lookup: %w", err)
		}
		scope := rc.scope
		if vars, ok := kw["template_vars"].(map[string]any); ok {
			scope = scope.With(vars)
		}
		text, read, err := rc.engine.render(string(data), path, scope, rc.st)
		if err != nil {
			return nil, err
		}
		rc.reads.merge(read)
		out = append(out, text)
	}
	return out, nil
}

func lookupVars(rc *renderCtx, terms []any, kw map[string]any) ([]any, error) {
	out := []any{}
	for _, t := range terms {
		name := pyStr(t)
		r, ok := rc.scope.resolveMarked(name, rc.st)
		v, err := r.value, r.err
		if err != nil {
			return nil, err
		}
		rc.reads.note(r)
		if !ok {
			def, hasDef := kw["default"]
			if !hasDef {
				return nil, &UndefinedError{Name: name, Hint: "No variable found with this name: " + name}
			}
			v = def
		}
		out = append(out, v)
	}
	return out, nil
}

func lookupFirstFound(rc *renderCtx, terms []any, kw map[string]any) ([]any, error) {
	var files, paths []any
	for _, t := range flatten(terms, -1, true) {
		if m, ok := t.(map[string]any); ok {
			files = append(files, flatten([]any{m["files"]}, -1, true)...)
			paths = append(paths, flatten([]any{m["paths"]}, -1, true)...)
			continue
		}
		files = append(files, t)
	}
	files = append(files, flatten([]any{kw["files"]}, -1, true)...)
	paths = append(paths, flatten([]any{kw["paths"]}, -1, true)...)
	for _, f := range expandCandidates(files, paths) {
		if p, err := rc.find("file", f, ""); err == nil {
			return []any{p}, nil
		}
	}
	if truthy(kw["skip"]) {
		return []any{}, nil
	}
	return nil, errors.New("No file was found when using first_found.")
}

// expandCandidates combines first_found files with paths (splitting the
// comma/semicolon separated forms Ansible accepts).
func expandCandidates(files, paths []any) []string {
	split := func(list []any) []string {
		var out []string
		for _, x := range list {
			for _, part := range strings.FieldsFunc(pyStr(x), func(r rune) bool { return r == ',' || r == ';' }) {
				out = append(out, strings.TrimSpace(part))
			}
		}
		return out
	}
	names := split(files)
	dirs := split(paths)
	if len(dirs) == 0 {
		return names
	}
	var out []string
	for _, d := range dirs {
		for _, n := range names {
			out = append(out, strings.TrimRight(d, "/")+"/"+n)
		}
	}
	return out
}

func lookupDict(_ *renderCtx, terms []any, _ map[string]any) ([]any, error) {
	out := []any{}
	for _, t := range terms {
		m, ok := t.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("with_dict expects a dict")
		}
		for _, k := range dictKeys(m) {
			out = append(out, map[string]any{"key": k, "value": m[k]})
		}
	}
	return out, nil
}

// rangeGlobal implements Python's range() as a list.
func rangeGlobal(params *exec.VarArgs) *exec.Value {
	c, err := newCall(nil, params)
	if err != nil {
		return exec.AsValue(err)
	}
	start, stop, step := 0, 0, 1
	switch len(c.args) {
	case 1:
		stop = asInt(c.args[0], 0)
	case 2, 3:
		start, stop = asInt(c.args[0], 0), asInt(c.args[1], 0)
		if len(c.args) == 3 {
			step = asInt(c.args[2], 1)
		}
	default:
		return exec.AsValue(fmt.Errorf("range expected 1 to 3 arguments, got %d", len(c.args)))
	}
	if step == 0 {
		return exec.AsValue(errors.New("range() arg 3 must not be zero"))
	}
	if n := pyvalue.RangeLen(start, stop, step); n > maxItems {
		return exec.AsValue(&LimitError{fmt.Sprintf("range() of %d items exceeds the limit of %d", n, maxItems)})
	}
	out := []any{}
	for i := start; (step > 0 && i < stop) || (step < 0 && i > stop); i += step {
		out = append(out, i)
	}
	return asValue(out)
}
