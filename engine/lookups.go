package engine

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/edxplay/edxplay/internal/jinja"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/playbook"
)

// moreLoopItems expands the with_* lookups beyond the list forms:
// sequence, subelements, flattened, fileglob and first_found.
func (pr *playRun) moreLoopItems(l *playbook.Loop, v any, hc *hostCtx) ([]any, bool, error) {
	switch l.Kind {
	case "sequence":
		items, err := sequenceItems(v)
		return items, true, err
	case "subelements":
		items, err := subelementItems(v)
		return items, true, err
	case "flattened":
		return flattenAll(asList(v)), true, nil
	case "fileglob":
		var out []any
		for _, pat := range asList(v) {
			matches, _ := filepath.Glob(hc.searchGlob(fmt.Sprint(pat)))
			sort.Strings(matches)
			out = append(out, toAnyList(matches)...)
		}
		return out, true, nil
	case "first_found":
		names, skip := firstFoundNames(v)
		for _, name := range names {
			if p, err := hc.FindFile("files", name); err == nil {
				return []any{p}, true, nil
			}
		}
		if skip {
			return []any{}, true, nil
		}
		return nil, true, fmt.Errorf("no file was found when using first_found")
	}
	return nil, false, nil
}

// firstFoundNames are with_first_found's candidates: plain names, and for
// a {files, paths, skip} term its files (split at , and ;) under each of
// its paths (split at , : and ;); skip is the last such term's.
func firstFoundNames(v any) ([]string, bool) {
	var names []string
	skip := false
	split := func(x any, seps string) []string {
		var out []string
		for _, it := range flattenAll(asList(x)) {
			out = append(out, strings.FieldsFunc(fmt.Sprint(it), func(r rune) bool { return strings.ContainsRune(seps, r) })...)
		}
		return out
	}
	for _, term := range flattenAll(asList(v)) {
		m, ok := odict.Plain(term)
		if !ok {
			names = append(names, fmt.Sprint(term))
			continue
		}
		skip = truthy(m["skip"])
		files, paths := split(m["files"], ",;"), split(m["paths"], ",:;")
		if len(paths) == 0 {
			names = append(names, files...)
			continue
		}
		for _, p := range paths {
			for _, f := range files {
				names = append(names, filepath.Join(p, f))
			}
		}
	}
	return names, skip
}

// searchGlob anchors a relative fileglob pattern in the role's or playbook's files/.
func (hc *hostCtx) searchGlob(pat string) string {
	if filepath.IsAbs(pat) {
		return pat
	}
	if hc.f != nil && hc.f.role != nil && hc.f.role.Role != nil {
		return filepath.Join(hc.f.role.Role.Path, "files", pat)
	}
	return filepath.Join(hc.pr.run.pb.Dir, "files", pat)
}

func flattenAll(l []any) []any {
	var out []any
	for _, x := range l {
		if sub, ok := x.([]any); ok {
			out = append(out, flattenAll(sub)...)
		} else {
			out = append(out, x)
		}
	}
	return out
}

// sequenceItems implements with_sequence through the sequence lookup.
func sequenceItems(v any) ([]any, error) {
	return jinja.Sequence(asList(v))
}

// subelementItems implements with_subelements: [list, "key"(, flags)].
func subelementItems(v any) ([]any, error) {
	terms := asList(v)
	if len(terms) < 2 {
		return nil, fmt.Errorf("subelements lookup expects a list of two or three items")
	}
	key := fmt.Sprint(terms[1])
	skipMissing := false
	if len(terms) > 2 {
		if m, ok := odict.Plain(terms[2]); ok {
			skipMissing = truthy(m["skip_missing"])
		}
	}
	var out []any
	for _, elem := range asList(terms[0]) {
		m, ok := odict.Plain(elem)
		if !ok {
			return nil, fmt.Errorf("subelements lookup expects a list of dictionaries")
		}
		sub, ok := m[key]
		if !ok {
			if skipMissing {
				continue
			}
			return nil, fmt.Errorf("could not find '%s' key in iterated item '%v'", key, jinja.PyRepr(elem))
		}
		for _, s := range asList(sub) {
			out = append(out, []any{elem, s})
		}
	}
	return out, nil
}
