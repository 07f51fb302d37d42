package jinja

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/edxplay/edxplay/internal/pyvalue"
)

// Sequence builds the items of the sequence lookup (with_sequence): each
// term is "start=1 end=5 stride=1 format=%d", "count=N" or the shortcut
// "[start-]end[/stride][:format]"; items are formatted strings.
func Sequence(terms []any) ([]any, error) {
	out := []any{}
	for _, term := range terms {
		spec, err := parseSequence(strings.TrimSpace(pyStr(term)))
		if err != nil {
			return nil, err
		}
		if n := sequenceLen(spec); n+len(out) > maxItems {
			return nil, fmt.Errorf("with_sequence: %s gives more than %d items", pyStr(term), maxItems)
		}
		for i := spec.start; (spec.stride > 0 && i <= spec.end) || (spec.stride < 0 && i >= spec.end); i += spec.stride {
			item, err := pyPercent(spec.format, []any{i}, nil)
			if err != nil {
				return nil, fmt.Errorf("with_sequence: bad format %q: %w", spec.format, err)
			}
			out = append(out, item)
		}
	}
	return out, nil
}

func lookupSequence(_ *renderCtx, terms []any, _ map[string]any) ([]any, error) {
	return Sequence(terms)
}

// sequenceLen is how many items spec gives (start to end inclusive).
func sequenceLen(spec sequenceSpec) int {
	switch {
	case spec.stride > 0:
		return pyvalue.RangeLen(spec.start, spec.end+1, spec.stride)
	case spec.stride < 0:
		return pyvalue.RangeLen(spec.start, spec.end-1, spec.stride)
	}
	return 0
}

type sequenceSpec struct {
	start, end, stride int
	format             string
}

func parseSequence(s string) (sequenceSpec, error) {
	sp := sequenceSpec{start: 1, stride: 1, format: "%d"}
	if !strings.Contains(s, "=") {
		return parseSequenceShortcut(s, sp)
	}
	count := -1
	for _, field := range strings.Fields(s) {
		k, str, ok := strings.Cut(field, "=")
		if !ok {
			return sp, fmt.Errorf("with_sequence: can't parse arguments %q", s)
		}
		var n int64
		if k != "format" {
			var err error
			if n, err = strconv.ParseInt(str, 0, 64); err != nil {
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

// lookupNested implements the nested lookup (with_nested): the product of
// the term lists, each item flattened one level.
func lookupNested(_ *renderCtx, terms []any, _ map[string]any) ([]any, error) {
	if len(terms) == 0 {
		return nil, fmt.Errorf("with_nested requires at least one element in the nested list")
	}
	lists := make([][]any, len(terms))
	for i, term := range terms {
		if s, ok := term.(string); ok {
			term = []any{s} // listify_lookup_plugin_terms
		}
		list, err := toList(term)
		if err != nil {
			return nil, err
		}
		lists[i] = list
	}
	result := lists[0]
	for _, next := range lists[1:] {
		if len(next) > 0 && len(result) > maxItems/len(next) {
			return nil, fmt.Errorf("with_nested: the product has more than %d items", maxItems)
		}
		var combined []any
		for _, x := range result {
			for _, y := range next {
				combined = append(combined, flatten([]any{x, y}, 1, false))
			}
		}
		result = combined
	}
	out := []any{}
	for _, x := range result {
		list, err := toList(x) // a bare string item splits into characters, as in Ansible
		if err != nil {
			return nil, err
		}
		out = append(out, flatten(list, 1, false))
	}
	return out, nil
}
