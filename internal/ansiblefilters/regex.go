package ansiblefilters

import (
	"regexp"
	"strconv"
	"strings"

	j "github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/pyregex"
)

// compileRegex compiles a Python pattern with re.I and re.M as asked;
// errors are Python's re.error.
func compileRegex(pattern j.Value, ignorecase, multiline j.Value) (*pyregex.Regexp, error) {
	p, err := text(pattern)
	if err != nil {
		return nil, err
	}
	var flags pyregex.Flag
	if t, _ := truth(ignorecase); t {
		flags |= pyregex.IgnoreCase
	}
	if t, _ := truth(multiline); t {
		flags |= pyregex.Multiline
	}
	re, err := pyregex.Compile(p, flags)
	if err != nil {
		return nil, j.NewError("error", "%s", err.Error())
	}
	return re, nil
}

// regexReplace is re.sub(pattern, replacement, value).
func regexReplace(_ *j.CallContext, a []j.Value) (j.Value, error) {
	value, err := text(a[0])
	if err != nil {
		return j.None, err
	}
	re, err := compileRegex(a[1], a[3], a[4])
	if err != nil {
		return j.None, err
	}
	repl, err := text(a[2])
	if err != nil {
		return j.None, err
	}
	out, _, err := pyregex.ReplaceAll(re, value, repl)
	if err != nil {
		return j.None, j.NewError("error", "%s", err.Error())
	}
	return j.Str(out), nil
}

// regexFindall is re.findall(regex, value).
func regexFindall(_ *j.CallContext, a []j.Value) (j.Value, error) {
	value, err := text(a[0])
	if err != nil {
		return j.None, err
	}
	re, err := compileRegex(a[1], a[3], a[2])
	if err != nil {
		return j.None, err
	}
	var out []j.Value
	all, err := pyregex.FindAll(re, value)
	if err != nil {
		return j.None, err
	}
	for _, idx := range all {
		m := make([]string, len(idx)/2)
		for i := range m {
			if idx[2*i] >= 0 {
				m[i] = value[idx[2*i]:idx[2*i+1]]
			}
		}
		switch len(m) {
		case 1:
			out = append(out, j.Str(m[0]))
		case 2:
			out = append(out, j.Str(m[1]))
		default:
			t := make([]j.Value, len(m)-1)
			for i, g := range m[1:] {
				t[i] = j.Str(g)
			}
			out = append(out, j.NewTuple(t...))
		}
	}
	return j.NewList(out...), nil
}

// regexSearch is re.search: the match, or the listed groups ('\\1',
// '\\g<name>'), or None.
func regexSearch(_ *j.CallContext, v j.Value, args []j.Value, kw *j.Dict) (j.Value, error) {
	if len(args) == 0 {
		if _, ok := kw.GetStr("regex"); !ok {
			return j.None, typeError("regex_search() missing 1 required positional argument: 'regex'")
		}
	}
	value, err := text(v)
	if err != nil {
		return j.None, err
	}
	pattern, _ := kw.GetStr("regex")
	if len(args) > 0 {
		pattern = args[0]
		args = args[1:]
	}
	var groups []string
	for _, g := range args {
		s, err := text(g)
		if err != nil {
			return j.None, err
		}
		switch {
		case strings.HasPrefix(s, `\g`):
			m := regexp.MustCompile(`^\\g<(\S+)>`).FindStringSubmatch(s)
			if m == nil {
				return j.None, j.NewError("AttributeError", "'NoneType' object has no attribute 'group'")
			}
			groups = append(groups, m[1])
		case strings.HasPrefix(s, `\`):
			m := regexp.MustCompile(`^\\(\d+)`).FindStringSubmatch(s)
			if m == nil {
				return j.None, j.NewError("AttributeError", "'NoneType' object has no attribute 'group'")
			}
			groups = append(groups, m[1])
		default:
			return j.None, filterError("Unknown argument")
		}
	}
	ic, _ := kw.GetStr("ignorecase")
	ml, _ := kw.GetStr("multiline")
	re, err := compileRegex(pattern, ic, ml)
	if err != nil {
		return j.None, err
	}
	m := re.FindStringSubmatchIndex(value)
	if m == nil {
		return j.None, nil
	}
	if len(groups) == 0 {
		return j.Str(value[m[0]:m[1]]), nil
	}
	var out []j.Value
	for _, g := range groups {
		idx, err := strconv.Atoi(g)
		if err != nil {
			idx = re.SubexpIndex(g)
		}
		if idx < 0 || 2*idx+1 >= len(m) {
			return j.None, j.NewError("IndexError", "no such group")
		}
		if m[2*idx] < 0 {
			out = append(out, j.None)
			continue
		}
		out = append(out, j.Str(value[m[2*idx]:m[2*idx+1]]))
	}
	return j.NewList(out...), nil
}

// bre matches the characters special in POSIX basic regular expressions.
var bre = regexp.MustCompile(`([].[^$*\\])`)

// regexEscape escapes a string for a python or posix_basic regex.
func regexEscape(_ *j.CallContext, a []j.Value) (j.Value, error) {
	s, err := text(a[0])
	if err != nil {
		return j.None, err
	}
	typ, _ := text(a[1])
	switch typ {
	case "python":
		return j.Str(pyregex.Escape(s)), nil
	case "posix_basic":
		return j.Str(bre.ReplaceAllString(s, `\$1`)), nil
	case "posix_extended":
		return j.None, filterError("Regex type (%s) not yet implemented", typ)
	}
	return j.None, filterError("Invalid regex type (%s)", typ)
}
