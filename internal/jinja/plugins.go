package jinja

import "strings"

// ansibleFilters are the filters of ansible-core 2.14's own plugins
// (ansible.builtin): they replace Jinja2's builtins of the same name.
var ansibleFilters = setOf("b64decode b64encode basename bool checksum combine comment dict2items dirname " +
	"expanduser expandvars extract fileglob flatten from_json from_yaml from_yaml_all hash items2dict mandatory " +
	"md5 password_hash path_join quote random realpath regex_escape regex_findall regex_replace regex_search " +
	"relpath sha1 shuffle split splitext strftime subelements ternary to_datetime to_json to_nice_json " +
	"to_nice_yaml to_uuid to_yaml type_debug combinations difference human_readable human_to_bytes intersect " +
	"log permutations pow product rekey_on_member root symmetric_difference union unique zip zip_longest " +
	"urldecode urlsplit")

// ansibleTests are the tests of ansible-core 2.14's own plugins.
var ansibleTests = setOf("all any change changed failed failure falsy finished match reachable regex search " +
	"skip skipped started succeeded success successful truthy unreachable vault_encrypted version " +
	"version_compare contains isnan issubset issuperset nan subset superset abs directory exists file is_abs " +
	"is_dir is_file is_link is_mount is_same_file link link_exists mount same_file uri url urn")

func setOf(names string) map[string]bool {
	out := map[string]bool{}
	for _, n := range strings.Fields(names) {
		out[n] = true
	}
	return out
}
