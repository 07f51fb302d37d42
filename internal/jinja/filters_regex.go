package jinja

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/edxplay/edxplay/internal/pyregex"
)

func regexFilters() map[string]filterFn {
	return map[string]filterFn{
		"regex_replace": filterRegexReplace,
		"regex_search":  filterRegexSearch,
		"regex_findall": filterRegexFindall,
		"regex_escape": func(in any, _ *call) (any, error) {
			return pyregex.Escape(pyStr(in)), nil
		},
	}
}

// compilePy compiles a Python regular expression with Ansible's flags.
func compilePy(pattern string, ignorecase, multiline bool) (*regexp.Regexp, error) {
	var flags pyregex.Flag
	if ignorecase {
		flags |= pyregex.IgnoreCase
	}
	if multiline {
		flags |= pyregex.Multiline
	}
	return pyregex.Compile(pattern, flags)
}

func regexFlags(c *call, firstPos int) (bool, bool) {
	ic := truthy(c.kw["ignorecase"])
	ml := truthy(c.kw["multiline"])
	if firstPos >= 0 {
		ic = truthy(c.arg(firstPos, "ignorecase", false))
		ml = truthy(c.arg(firstPos+1, "multiline", false))
	}
	return ic, ml
}

func filterRegexReplace(in any, c *call) (any, error) {
	ic, ml := regexFlags(c, 2)
	re, err := compilePy(pyStr(c.arg(0, "pattern", "")), ic, ml)
	if err != nil {
		return nil, err
	}
	out, _, err := pyregex.ReplaceAll(re, pyStr(noneToEmpty(in)), pyStr(c.arg(1, "replacement", "")))
	return out, err
}

func filterRegexSearch(in any, c *call) (any, error) {
	var groups []string
	for _, a := range c.args[min(1, len(c.args)):] {
		s := pyStr(a)
		switch {
		case strings.HasPrefix(s, `\g<`) && strings.HasSuffix(s, ">"):
			groups = append(groups, s[3:len(s)-1])
		case strings.HasPrefix(s, `\`):
			groups = append(groups, s[1:])
		default:
			return nil, fmt.Errorf("Unknown argument")
		}
	}
	ic, ml := regexFlags(c, -1)
	re, err := compilePy(pyStr(c.arg(0, "regex", "")), ic, ml)
	if err != nil {
		return nil, err
	}
	value := pyStr(noneToEmpty(in))
	m := re.FindStringSubmatchIndex(value)
	if m == nil {
		return nil, nil
	}
	if len(groups) == 0 {
		return value[m[0]:m[1]], nil
	}
	out := []any{}
	for _, g := range groups {
		idx, err := strconv.Atoi(g)
		if err != nil {
			idx = re.SubexpIndex(g)
		}
		if idx < 0 || 2*idx+1 >= len(m) {
			return nil, fmt.Errorf("no such group %s", pyQuote(g))
		}
		if m[2*idx] < 0 {
			out = append(out, nil)
			continue
		}
		out = append(out, value[m[2*idx]:m[2*idx+1]])
	}
	return out, nil
}

func filterRegexFindall(in any, c *call) (any, error) {
	ml := truthy(c.arg(1, "multiline", false))
	ic := truthy(c.arg(2, "ignorecase", false))
	re, err := compilePy(pyStr(c.arg(0, "regex", "")), ic, ml)
	if err != nil {
		return nil, err
	}
	out := []any{}
	for _, m := range re.FindAllStringSubmatch(pyStr(noneToEmpty(in)), -1) {
		switch len(m) {
		case 1:
			out = append(out, m[0])
		case 2:
			out = append(out, m[1])
		default:
			t := make(pyTuple, len(m)-1)
			for i, g := range m[1:] {
				t[i] = g
			}
			out = append(out, t)
		}
	}
	return out, nil
}
