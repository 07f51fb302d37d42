package engine

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/edxplay/edxplay/playbook"
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
		for _, name := range flattenAll(asList(v)) {
			if p, err := hc.FindFile("files", fmt.Sprint(name)); err == nil {
				return []any{p}, true, nil
			}
		}
		return nil, true, fmt.Errorf("no file was found when using first_found")
	}
	return nil, false, nil
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

// sequenceItems implements with_sequence: "start=1 end=5 stride=1 format=%d",
// "count=N" or the shortcut "[start-]end[/stride][:format]".
func sequenceItems(v any) ([]any, error) {
	var out []any
	for _, term := range asList(v) {
		spec, err := parseSequence(strings.TrimSpace(fmt.Sprint(term)))
		if err != nil {
			return nil, err
		}
		for i := spec.start; (spec.stride > 0 && i <= spec.end) || (spec.stride < 0 && i >= spec.end); i += spec.stride {
			out = append(out, pyPercent(spec.format, i))
		}
	}
	return out, nil
}

type sequenceSpec struct {
	start, end, stride int
	format             string
}

func parseSequence(s string) (sequenceSpec, error) {
	sp := sequenceSpec{start: 1, stride: 1, format: "%d"}
	count := -1
	if !strings.Contains(s, "=") {
		return parseSequenceShortcut(s, sp)
	}
	kv, err := playbook.ParseKV(s)
	if err != nil {
		return sp, fmt.Errorf("with_sequence: %w", err)
	}
	for k, val := range kv {
		str := fmt.Sprint(val)
		var n int64
		if k != "format" {
			n, err = strconv.ParseInt(str, 0, 64)
			if err != nil {
				return sp, fmt.Errorf("with_sequence: can't parse %s=%s as integer", k, str)
			}
		}
		switch k {
		case "start":
			sp.start = int(n)
		case "end":
			sp.end = int(n)
		case "stride":
			sp.stride = int(n)
		case "count":
			count = int(n)
		case "format":
			sp.format = str
		default:
			return sp, fmt.Errorf("with_sequence: unrecognized arguments to with_sequence: %s", k)
		}
	}
	if count >= 0 {
		sp.end = sp.start + (count-1)*sp.stride
	}
	return sp, nil
}

func parseSequenceShortcut(s string, sp sequenceSpec) (sequenceSpec, error) {
	if i := strings.Index(s, ":"); i >= 0 {
		sp.format, s = s[i+1:], s[:i]
	}
	if i := strings.Index(s, "/"); i >= 0 {
		n, err := strconv.Atoi(s[i+1:])
		if err != nil {
			return sp, fmt.Errorf("with_sequence: bad stride in %q", s)
		}
		sp.stride, s = n, s[:i]
	}
	if i := strings.Index(s, "-"); i > 0 {
		n, err := strconv.Atoi(s[:i])
		if err != nil {
			return sp, fmt.Errorf("with_sequence: bad start in %q", s)
		}
		sp.start, s = n, s[i+1:]
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return sp, fmt.Errorf("with_sequence: can't parse arguments %q", s)
	}
	sp.end = n
	return sp, nil
}

// pyPercent formats one integer with a Python %-format such as "n%02d".
func pyPercent(format string, n int) string {
	return fmt.Sprintf(strings.ReplaceAll(format, "%i", "%d"), n)
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
		if m, ok := terms[2].(map[string]any); ok {
			skipMissing = truthy(m["skip_missing"])
		}
	}
	var out []any
	for _, elem := range asList(terms[0]) {
		m, ok := elem.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("subelements lookup expects a list of dictionaries")
		}
		sub, ok := m[key]
		if !ok {
			if skipMissing {
				continue
			}
			return nil, fmt.Errorf("could not find '%s' key in iterated item '%v'", key, pyRepr(elem, false))
		}
		for _, s := range asList(sub) {
			out = append(out, []any{elem, s})
		}
	}
	return out, nil
}
