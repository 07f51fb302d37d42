// Package ansiblefilters registers Ansible 2.14's builtin filters
// (ansible.builtin core, mathstuff, urls, urlsplit, encryption) on a
// jinja2.Environment, with the behaviour, results and error messages of
// ansible-core 2.14 on Python 3.
package ansiblefilters

import (
	"sort"

	j "github.com/edxplay/edxplay/internal/jinja2"
)

// filter is one registered filter.
type filter struct {
	name string
	fn   j.FilterFunc
}

// env is the implicit environment parameter of Ansible's
// @pass_environment filters, counted in their argument errors.
var env = req("environment")

// envSig is sig for a @pass_environment filter.
func envSig(pyname, value string, params []j.Param, fn body) j.FilterFunc {
	all := append([]j.Param{j.Required(value)}, params...)
	return func(c *j.CallContext, v j.Value, args []j.Value, kw *j.Dict) (j.Value, error) {
		a, err := j.BindArgs(pyname, append([]j.Param{env}, all...), append([]j.Value{j.None, v}, args...), kw)
		if err != nil {
			return j.None, err
		}
		return fn(c, a[1:])
	}
}

// filters lists every filter Register adds, in Ansible's plugin order.
func filters() []filter {
	none := j.None
	return []filter{
		// core.py
		{"b64decode", sig("b64decode", "string", []j.Param{opt("encoding", j.Str("utf-8"))}, b64decode)},
		{"b64encode", sig("b64encode", "string", []j.Param{opt("encoding", j.Str("utf-8"))}, b64encode)},
		{"to_uuid", sig("to_uuid", "string", []j.Param{opt("namespace", j.Str(ansibleNamespace))}, toUUID)},
		{"to_json", toJSON},
		{"to_nice_json", toNiceJSON},
		{"from_json", sig("loads", "s", nil, fromJSON)},
		{"to_yaml", toYAML},
		{"to_nice_yaml", toNiceYAML},
		{"from_yaml", sig("from_yaml", "data", nil, fromYAML)},
		{"from_yaml_all", sig("from_yaml_all", "data", nil, fromYAMLAll)},
		{"basename", sig("basename", "p", nil, basename)},
		{"dirname", sig("dirname", "p", nil, dirname)},
		{"expanduser", sig("expanduser", "path", nil, expanduser)},
		{"expandvars", sig("expandvars", "path", nil, expandvars)},
		{"path_join", sig("path_join", "paths", nil, pathJoin)},
		{"realpath", sig("realpath", "filename", nil, realpath)},
		{"relpath", sig("relpath", "path", []j.Param{opt("start", none)}, relpath)},
		{"splitext", sig("splitext", "p", nil, splitext)},
		{"fileglob", sig("fileglob", "pathname", nil, fileglob)},
		{"bool", sig("to_bool", "a", nil, toBool)},
		{"to_datetime", sig("to_datetime", "string", []j.Param{opt("format", j.Str("%Y-%m-%d %H:%M:%S"))}, toDatetime)},
		{"strftime", sig("strftime", "string_format", []j.Param{opt("second", none), opt("utc", j.Bool(false))}, strftime)},
		{"quote", sig("quote", "a", nil, quote)},
		{"md5", sig("md5s", "data", nil, digestFilter("md5"))},
		{"sha1", sig("checksum_s", "data", nil, digestFilter("sha1"))},
		{"checksum", sig("checksum_s", "data", nil, digestFilter("sha1"))},
		{"password_hash", sig("get_encrypted_password", "password", []j.Param{opt("hashtype", j.Str("sha512")),
			opt("salt", none), opt("salt_size", none), opt("rounds", none), opt("ident", none)}, passwordHash)},
		{"hash", sig("get_hash", "data", []j.Param{opt("hashtype", j.Str("sha1"))}, hashFilter)},
		{"regex_replace", sig("regex_replace", "value", []j.Param{opt("pattern", j.Str("")), opt("replacement", j.Str("")),
			opt("ignorecase", j.Bool(false)), opt("multiline", j.Bool(false))}, regexReplace)},
		{"regex_escape", sig("regex_escape", "string", []j.Param{opt("re_type", j.Str("python"))}, regexEscape)},
		{"regex_search", regexSearch},
		{"regex_findall", sig("regex_findall", "value", []j.Param{req("regex"), opt("multiline", j.Bool(false)),
			opt("ignorecase", j.Bool(false))}, regexFindall)},
		{"ternary", sig("ternary", "value", []j.Param{req("true_val"), req("false_val"), opt("none_val", none)}, ternary)},
		{"random", envSig("rand", "end", []j.Param{opt("start", none), opt("step", none), opt("seed", none)}, random)},
		{"shuffle", sig("randomize_list", "mylist", []j.Param{opt("seed", none)}, shuffle)},
		{"mandatory", sig("mandatory", "a", []j.Param{opt("msg", none)}, mandatory)},
		{"comment", comment},
		{"type_debug", sig("type_debug", "o", nil, typeDebug)},
		{"combine", combine},
		{"extract", envSig("extract", "item", []j.Param{req("container"), opt("morekeys", none)}, extract)},
		{"flatten", sig("flatten", "mylist", []j.Param{opt("levels", none), opt("skip_nulls", j.Bool(true))}, flatten)},
		{"dict2items", sig("dict_to_list_of_dict_key_value_elements", "mydict", []j.Param{opt("key_name", j.Str("key")),
			opt("value_name", j.Str("value"))}, dict2items)},
		{"items2dict", sig("list_of_dict_key_value_elements_to_dict", "mylist", []j.Param{opt("key_name", j.Str("key")),
			opt("value_name", j.Str("value"))}, items2dict)},
		{"subelements", sig("subelements", "obj", []j.Param{req("subelements"), opt("skip_missing", j.Bool(false))}, subelements)},
		{"split", split},
		// mathstuff.py
		{"log", sig("logarithm", "x", []j.Param{opt("base", j.Float(2.718281828459045))}, logarithm)},
		{"pow", sig("power", "x", []j.Param{req("y")}, power)},
		{"root", sig("inversepower", "x", []j.Param{opt("base", j.Int(2))}, inversePower)},
		{"unique", envSig("unique", "a", []j.Param{opt("case_sensitive", none), opt("attribute", none)}, unique)},
		{"intersect", envSig("intersect", "a", []j.Param{req("b")}, intersect)},
		{"difference", envSig("difference", "a", []j.Param{req("b")}, difference)},
		{"symmetric_difference", envSig("symmetric_difference", "a", []j.Param{req("b")}, symmetricDifference)},
		{"union", envSig("union", "a", []j.Param{req("b")}, union)},
		{"product", product},
		{"permutations", sig("permutations", "iterable", []j.Param{opt("r", none)}, permutations)},
		{"combinations", combinationsFilter},
		{"human_readable", sig("human_readable", "size", []j.Param{opt("isbits", j.Bool(false)), opt("unit", none)}, humanReadable)},
		{"human_to_bytes", sig("human_to_bytes", "size", []j.Param{opt("default_unit", none), opt("isbits", j.Bool(false))}, humanToBytes)},
		{"rekey_on_member", sig("rekey_on_member", "data", []j.Param{req("key"), opt("duplicates", j.Str("error"))}, rekeyOnMember)},
		{"zip", zipFilter},
		{"zip_longest", zipLongest},
		// encryption.py
		{"vault", sig("do_vault", "data", []j.Param{req("secret"), opt("salt", none), opt("vaultid", j.Str("filter_default")),
			opt("wrap_object", j.Bool(false))}, vaultFilter)},
		{"unvault", sig("do_unvault", "vault", []j.Param{req("secret"), opt("vaultid", j.Str("filter_default"))}, unvault)},
		// urls.py, urlsplit.py
		{"urldecode", sig("unquote_plus", "string", []j.Param{opt("encoding", j.Str("utf-8")), opt("errors", j.Str("replace"))}, urldecode)},
		{"urlsplit", sig("split_url", "value", []j.Param{opt("query", j.Str("")), opt("alias", j.Str("urlsplit"))}, urlsplit)},
		// community.general, routed from ansible.builtin
		{"json_query", sig("json_query", "data", []j.Param{req("expr")}, jsonQuery)},
	}
}

// Register adds Ansible's filters to env, replacing Jinja2's builtins of
// the same name (unique), as Ansible's plugin loader does.
func Register(e *j.Environment) {
	for _, f := range filters() {
		e.AddFilter(f.name, f.fn)
	}
}

// Names returns the names of the filters Register adds, sorted.
func Names() []string {
	var out []string
	for _, f := range filters() {
		out = append(out, f.name)
	}
	sort.Strings(out)
	return out
}
