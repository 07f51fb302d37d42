package ansiblefilters

import (
	"regexp"
	"strings"

	j "github.com/edxplay/edxplay/internal/jinja2"
)

// The Open edX configuration repository's config-encoders role ships
// filter plugins (jtyr's Config Encoder Filters) that render a data
// structure as an INI, TOML, YAML or JSON file. This file reproduces the
// ones its roles use and the rest (apache, erlang, haproxy, logstash, nginx, pam, xml), output for output, quirks included (items equal to
// a list's last item end it, as upstream compares by value).

// RegisterConfigEncoders adds the config-encoders role's filters.
func RegisterConfigEncoders(e *j.Environment) {
	for _, f := range configEncoders() {
		e.AddFilter(f.name, f.fn)
	}
}

// ConfigEncoderNames returns the names RegisterConfigEncoders adds.
func ConfigEncoderNames() []string {
	var out []string
	for _, f := range configEncoders() {
		out = append(out, f.name)
	}
	return out
}

func configEncoders() []filter {
	f := j.Bool(false)
	return []filter{
		{"encode_apache", sig("encode_apache", "data", []j.Param{opt("convert_bools", f), opt("convert_nums", f),
			opt("indent", j.Str("  ")), opt("level", j.Int(0)), opt("quote_all_nums", f), opt("quote_all_strings", f),
			opt("block_type", j.Str("sections"))}, encodeApache)},
		{"encode_erlang", sig("encode_erlang", "data", []j.Param{opt("atom_value_indicator", j.Str(":")), opt("convert_bools", f),
			opt("convert_nums", f), opt("indent", j.Str("  ")), opt("level", j.Int(0))}, encodeErlang)},
		{"encode_haproxy", sig("encode_haproxy", "data", []j.Param{opt("indent", j.Str("  "))}, encodeHAProxy)},
		{"encode_ini", sig("encode_ini", "data", []j.Param{opt("comment", j.Str("#")), opt("delimiter", j.Str(" = ")),
			opt("quote", j.Str("")), opt("section_is_comment", f), opt("ucase_prop", f)}, encodeINI)},
		{"encode_json", sig("encode_json", "data", []j.Param{opt("convert_bools", f), opt("convert_nums", f),
			opt("indent", j.Str("  ")), opt("level", j.Int(0))}, encodeJSON)},
		{"encode_logstash", sig("encode_logstash", "data", []j.Param{opt("convert_bools", f), opt("convert_nums", f),
			opt("indent", j.Str("  ")), opt("level", j.Int(0)), opt("prevtype", j.Str("")), opt("section_prefix", j.Str(":"))}, encodeLogstash)},
		{"encode_nginx", sig("encode_nginx", "data", []j.Param{opt("indent", j.Str("  ")), opt("level", j.Int(0)),
			opt("block_semicolon", f)}, encodeNginx)},
		{"encode_pam", sig("encode_pam", "data", []j.Param{opt("print_label", f), opt("separate_types", j.Bool(true)),
			opt("separator", j.Str("  "))}, encodePAM)},
		{"encode_toml", sig("encode_toml", "data", []j.Param{opt("convert_bools", f), opt("convert_nums", f),
			opt("first", j.Bool(true)), opt("indent", j.Str("  ")), opt("level", j.Int(0)), opt("prevkey", j.Str("")),
			opt("prevtype", j.Str("")), opt("quote", j.Str(`"`))}, encodeTOML)},
		{"encode_xml", sig("encode_xml", "data", []j.Param{opt("attribute_sign", j.Str("^")), opt("escape_xml", j.Bool(true)),
			opt("indent", j.Str("  ")), opt("level", j.Int(0))}, encodeXML)},
		{"encode_yaml", sig("encode_yaml", "data", []j.Param{opt("convert_bools", f), opt("convert_nums", f),
			opt("indent", j.Str("  ")), opt("level", j.Int(0)), opt("quote", j.Str(`"`)), opt("skip_indent", f)}, encodeYAML)},
	}
}

var (
	strBool  = regexp.MustCompile(`(?i)^(true|false)$`)
	strInt   = regexp.MustCompile(`^[-+]?(0|[1-9][0-9]*)$`)
	strFloat = regexp.MustCompile(`(?i)^[-+]?(0|[1-9][0-9]*)(\.[0-9]*)?(e[-+]?[0-9]+)?$`)
)

// pyStr is Python's str(v) (containers print their repr).
func pyStr(v j.Value) string {
	s, err := j.ToString(v)
	if err != nil {
		return j.Repr(v)
	}
	return s
}

// isNum is upstream's _is_num: an int, float or bool.
func isNum(v j.Value) bool {
	k := v.Kind()
	return k == j.IntKind || k == j.FloatKind || k == j.BoolKind
}

func strIsNum(v j.Value) bool {
	s := pyStr(v)
	return strInt.MatchString(s) || strFloat.MatchString(s)
}

func strIsBool(v j.Value) bool { return strBool.MatchString(pyStr(v)) }

// escapeQuoted is upstream's _escape with a quote character: backslashes
// and the quote are escaped; with no quote the value is left as it is.
func escapeQuoted(v j.Value, quote string) string {
	if quote == "" {
		return pyStr(v)
	}
	return strings.ReplaceAll(strings.ReplaceAll(pyStr(v), `\`, `\\`), quote, `\`+quote)
}

// escapeControl is _escape(format='control').
func escapeControl(s string) string {
	return strings.NewReplacer("\b", `\b`, "\f", `\f`, "\n", `\n`, "\r", `\r`, "\t", `\t`).Replace(s)
}

// sortedItems is sorted(d.items()) (keys are unique, so keys decide).
func sortedItems(v j.Value) ([]j.Value, *j.Dict, error) {
	d := v.DictOf()
	keys, err := j.Sort(append([]j.Value{}, d.Keys()...), false, nil)
	return keys, d, err
}

// isLast is upstream's `data[-1] == item`.
func isLast(items []j.Value, v j.Value) bool {
	eq, _ := j.Equal(items[len(items)-1], v)
	return eq
}

// encoderOpts are the flags the recursive encoders pass down.
type encoderOpts struct {
	bools, nums bool
	indent      string
	quote       string
}

func newEncoderOpts(bools, nums, indent j.Value) encoderOpts {
	b, _ := truth(bools)
	n, _ := truth(nums)
	return encoderOpts{bools: b, nums: n, indent: pyStr(indent)}
}

func encodeINI(_ *j.CallContext, a []j.Value) (j.Value, error) {
	if a[0].Kind() != j.DictKind {
		return j.None, j.NewError("AttributeError", "'%s' object has no attribute 'items'", j.TypeName(a[0]))
	}
	sic, _ := truth(a[4])
	ucase, _ := truth(a[5])
	s, err := iniSection(a[0], pyStr(a[1]), pyStr(a[2]), pyStr(a[3]), sic, ucase, 0)
	return j.Str(s), err
}

func iniSection(data j.Value, comment, delim, quote string, sectionIsComment, ucase bool, depth int) (string, error) {
	if depth > maxDepth {
		return "", j.NewError("RecursionError", "maximum recursion depth exceeded")
	}
	keys, d, err := sortedItems(data)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, k := range keys {
		v, _ := d.Get(k)
		prop := pyStr(k)
		if ucase {
			prop = strings.ToUpper(prop)
		}
		vals := []j.Value{v}
		switch v.Kind() {
		case j.ListKind:
			vals = v.Items()
		case j.DictKind:
			vals = nil
		}
		for _, it := range vals {
			if !it.IsNone() {
				b.WriteString(prop + delim + quote + escapeQuoted(it, quote) + quote + "\n")
			}
		}
	}
	for _, k := range keys {
		v, _ := d.Get(k)
		if v.Kind() != j.DictKind {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		if sectionIsComment {
			b.WriteString(comment + " " + pyStr(k) + "\n")
		} else {
			b.WriteString("[" + pyStr(k) + "]\n")
		}
		sub, err := iniSection(v, "#", delim, quote, sectionIsComment, ucase, depth+1)
		if err != nil {
			return "", err
		}
		b.WriteString(sub)
	}
	return b.String(), nil
}
