package lookups

import (
	"context"
	"strings"

	"github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/internal/pyregex"
)

// iniOptions are the ini lookup's options in Ansible's order (which
// _parse_params depends on).
var iniOptions = []option{
	{name: "type", typ: optRaw, def: jinja2.Str("ini"), choices: []string{"ini", "properties"}},
	{name: "file", typ: optRaw, def: jinja2.Str("ansible.ini")},
	{name: "section", typ: optRaw, def: jinja2.Str("global")},
	{name: "re", typ: optBool, def: jinja2.Bool(false)},
	{name: "encoding", typ: optRaw, def: jinja2.Str("utf-8")},
	{name: "default", typ: optRaw, def: jinja2.Str("")},
	{name: "case_sensitive", typ: optRaw, def: jinja2.Bool(false)},
	{name: "allow_no_value", typ: optBool, def: jinja2.Bool(false), alias: "allow_none"},
}

// iniParams is _parse_params: the term's words grouped under the option
// whose "name=" they contain, the first group being the key.
func iniParams(term string) []string {
	params := map[string]string{}
	var keys []string
	this := "key"
	for i, phrase := range strings.Fields(term) {
		if strings.Contains(phrase, "=") {
			for _, o := range iniOptions {
				if strings.Contains(phrase, o.name+"=") {
					this = o.name
				}
			}
		}
		if i == 0 || params[this] == "" {
			params[this] = phrase
			keys = append(keys, this)
		} else {
			params[this] += " " + phrase
		}
	}
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = params[k]
	}
	return out
}

func lookupINI(ctx context.Context, r *runner, terms jinja2.Value, kw *jinja2.Dict) ([]jinja2.Value, error) {
	base, err := options("ini", iniOptions, kw)
	if err != nil {
		return nil, err
	}
	list, err := items(terms)
	if err != nil {
		return nil, err
	}
	var out []jinja2.Value
	for _, t := range list {
		term := pyStr(t)
		key, err := iniInline(term, base)
		if err != nil {
			return nil, err
		}
		v, err := iniLookup(ctx, r, key, base)
		if err != nil {
			return nil, err
		}
		out = append(out, v...)
	}
	return out, nil
}

// iniInline applies a term's inline key=value options to opts (which
// persist to later terms, as in Ansible) and returns the key.
func iniInline(term string, opts map[string]jinja2.Value) (string, error) {
	if !strings.Contains(term, "=") && !strings.Contains(strings.TrimSpace(term), " ") {
		return term, nil
	}
	params := iniParams(term)
	key, updated := term, false
	for _, p := range params {
		if !strings.Contains(p, "=") {
			if key == term {
				key, updated = p, true
			}
			continue
		}
		parts := strings.Split(p, "=")
		if len(parts) != 2 {
			reprs := make([]string, len(params))
			for i, q := range params {
				reprs[i] = jinja2.Repr(jinja2.Str(q))
			}
			return "", ansibleError("AnsibleLookupError", "Could not use '%s' from '[%s]': too many values to unpack (expected 2). too many values to unpack (expected 2)", p, strings.Join(reprs, ", "))
		}
		if _, ok := opts[parts[0]]; !ok {
			return "", ansibleError("AnsibleLookupError", "%s is not a valid option.", parts[0])
		}
		opts[parts[0]] = jinja2.Str(parts[1])
	}
	if !updated {
		return "", ansibleError("AnsibleOptionsError", "No key to lookup was provided as first term with in string inline options: %s", term)
	}
	return key, nil
}

func truth(v jinja2.Value) bool {
	t, _ := jinja2.Truth(v)
	return t
}

// iniLookup reads the file and returns the key's value (or the values of
// the keys the key matches as a regular expression).
func iniLookup(ctx context.Context, r *runner, key string, opts map[string]jinja2.Value) ([]jinja2.Value, error) {
	file := strOpt(opts, "file")
	path, err := findFile(ctx, r.ctrl, "files", file, false)
	if err != nil {
		return nil, err
	}
	if path == "" {
		return nil, ansibleError("AnsibleParserError", "Invalid filename: 'None'")
	}
	decode, ok := decoders[strings.ReplaceAll(strings.ToLower(strOpt(opts, "encoding")), "_", "-")]
	if !ok {
		return nil, ansibleError("LookupError", "unknown encoding: %s", strOpt(opts, "encoding"))
	}
	data, secret, err := readFile(ctx, r.ctrl, path)
	if err != nil {
		return nil, err
	}
	src := decode(data)
	if strOpt(opts, "type") == "properties" {
		src = "[java_properties]\n" + src
		opts["section"] = jinja2.Str("java_properties")
	}
	cp, err := parseINI(src, !truth(opts["case_sensitive"]), truth(opts["allow_no_value"]))
	if err != nil {
		if jinja2.ErrorClass(err) == "DuplicateOptionError" {
			return nil, ansibleError("AnsibleLookupError", "Duplicate option in '%s': %s", file, messageOf(err))
		}
		return nil, err
	}
	section := strOpt(opts, "section")
	sec, ok := cp.sections[section]
	if !ok {
		return nil, ansibleError("AnsibleLookupError", "No section '%s' in %s", section, file)
	}
	mark := func(s string) jinja2.Value { return text([]byte(s), secret) }
	if truth(opts["re"]) {
		re, err := pyregex.Compile(`\A(?:`+key+`)`, 0)
		if err != nil {
			return nil, jinja2.NewError("error", "%s", err)
		}
		var out []jinja2.Value
		for _, n := range cp.names(sec) {
			if !re.MatchString(n) {
				continue
			}
			v, _, err := cp.get(sec, section, n)
			if err != nil {
				return nil, err
			}
			if v == nil {
				out = append(out, jinja2.None)
				continue
			}
			out = append(out, mark(*v))
		}
		return out, nil
	}
	v, found, err := cp.get(sec, section, cp.xform(key))
	switch {
	case err != nil:
		return nil, err
	case !found:
		return optionalValue(opts["default"]), nil
	case v == nil:
		return nil, nil
	}
	return []jinja2.Value{mark(*v)}, nil
}

// optionalValue is [v] unless v is None.
func optionalValue(v jinja2.Value) []jinja2.Value {
	if v.IsNone() {
		return nil
	}
	return []jinja2.Value{v}
}
