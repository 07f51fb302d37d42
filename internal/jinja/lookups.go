package jinja

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/lookups"

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

// lookupGlobal is lookup(), query() or q() with Ansible's result shaping.
func lookupGlobal(fname string) jinja2.Value {
	return jinja2.Func(fname, func(cc *jinja2.CallContext, args []jinja2.Value, kw *jinja2.Dict) (jinja2.Value, error) {
		rc, ok := cc.Vars().(*renderCtx)
		if !ok {
			return jinja2.None, fmt.Errorf("%s used outside of the templar", fname)
		}
		c := newCall(cc, args, kw)
		if len(c.args) > 0 {
			if _, ours := lookupTable()[pyStr(c.args[0])]; !ours {
				return lookups.Globals(context.Background(), controller{rc})[fname].ObjectOf().(jinja2.Callable).Call(cc, args, kw)
			}
		}
		out, err := rc.lookupCall(c, fname != "lookup")
		if err != nil {
			return jinja2.None, err
		}
		return jinja2.WithMarksOf((&converter{rc: rc}).toValue(out), args...), nil
	})
}

// lookupCall runs one lookup plugin.
func (rc *renderCtx) lookupCall(c *call, wantList bool) (any, error) {
	if len(c.args) == 0 {
		return nil, errors.New("lookup plugin name is required")
	}
	name := pyStr(c.args[0])
	fn, ok := lookupTable()[name]
	if !ok {
		return nil, fmt.Errorf("lookup plugin (%s) not found", name)
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
			return nil, err
		}
		if wantList {
			return []any{}, nil
		}
		return nil, nil
	}
	return shapeLookup(ran, wantList), nil
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

// lookupTemplate is lookup('template'): each file rendered with the
// template_* variables and template_vars, with the delimiter options;
// convert_data (on by default) and jinja2_native choose the result type.
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
		vars := templateVars(path, rc.engine.opts.AnsibleManaged)
		if tv, ok := kw["template_vars"].(map[string]any); ok {
			for k, v := range tv {
				vars[k] = v
			}
		}
		opts := FileOptions{TrimBlocks: true, Overrides: map[string]string{}}
		for k, v := range kw {
			if s, ok := v.(string); ok && strings.HasSuffix(k, "_string") {
				opts.Overrides[k] = s
			}
		}
		mode := concatEval
		if c, ok := kw["convert_data"]; ok && !truthy(c) {
			mode = concatString
		}
		if truthy(kw["jinja2_native"]) {
			mode = concatNative
		}
		v, read, err := rc.engine.renderSource(string(data), path, rc.scope.With(vars), rc.st, fileConfig(opts), mode)
		if err != nil {
			return nil, err
		}
		rc.reads.merge(read)
		out = append(out, v)
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
