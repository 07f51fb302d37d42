package ansibletests

import (
	"github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/pyregex"
)

// regexTest is match, search or regex: re.compile(pattern, flags) and the
// named method of the pattern on the value as text. matchType "" is the
// regex test, whose match_type argument chooses the method.
func regexTest(fname, matchType string) jinja2.TestFunc {
	value := jinja2.Required("value")
	if matchType == "" {
		value = jinja2.Optional("value", jinja2.Str(""))
	}
	params := []jinja2.Param{value, jinja2.Optional("pattern", jinja2.Str("")),
		jinja2.Optional("ignorecase", jinja2.Bool(false)), jinja2.Optional("multiline", jinja2.Bool(false))}
	if matchType == "" {
		params = append(params, jinja2.Optional("match_type", jinja2.Str("search")))
	}
	return func(_ *jinja2.CallContext, v jinja2.Value, args []jinja2.Value, kw *jinja2.Dict) (bool, error) {
		a, err := bindValue(fname, params, v, args, kw)
		if err != nil {
			return false, err
		}
		mt := matchType
		if mt == "" {
			if a[4].Kind() != jinja2.StrKind {
				return false, jinja2.NewError("TypeError", "attribute name must be string, not '%s'", jinja2.TypeName(a[4]))
			}
			mt = a[4].StrValue()
		}
		return regexRun(a[0], a[1], a[2], a[3], mt)
	}
}

func regexRun(value, pattern, ignorecase, multiline jinja2.Value, matchType string) (bool, error) {
	text, err := jinja2.ToString(value)
	if err != nil {
		return false, err
	}
	if pattern.Kind() != jinja2.StrKind {
		return false, jinja2.NewError("TypeError", "first argument must be string or compiled pattern")
	}
	var flags pyregex.Flag
	if ic, err := jinja2.Truth(ignorecase); err != nil {
		return false, err
	} else if ic {
		flags |= pyregex.IgnoreCase
	}
	if ml, err := jinja2.Truth(multiline); err != nil {
		return false, err
	} else if ml {
		flags |= pyregex.Multiline
	}
	pat := pattern.StrValue()
	switch matchType {
	case "match":
		pat = `\A(?:` + pat + `)`
	case "fullmatch":
		pat = `\A(?:` + pat + `)\z`
	}
	re, err := pyregex.Compile(pat, flags)
	if err != nil {
		return false, jinja2.NewError("error", "%s", err)
	}
	switch matchType {
	case "match", "fullmatch", "search", "findall":
	case "finditer", "scanner", "split":
		return true, nil // an iterator, a scanner or a non-empty list
	default:
		return false, patternAttrError(matchType)
	}
	return re.MatchString(text), nil
}

// patternAttrError is what calling getattr(pattern, name, 'search')(value)
// raises for a match_type that is not a matching method.
func patternAttrError(name string) error {
	switch name {
	case "sub", "subn":
		return jinja2.NewError("TypeError", "%s() missing required argument 'string' (pos 2)", name)
	case "flags", "groups":
		return jinja2.NewError("TypeError", "'int' object is not callable")
	case "groupindex":
		return jinja2.NewError("TypeError", "'dict' object is not callable")
	}
	return jinja2.NewError("TypeError", "'str' object is not callable")
}
