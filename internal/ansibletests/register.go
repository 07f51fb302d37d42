// Package ansibletests holds the Jinja2 tests ansible-core 2.14 adds to
// Jinja2's own (ansible/plugins/test/*.py): task result tests, regular
// expressions, versions, sets, paths, URIs and truthiness, with Ansible's
// error messages.
package ansibletests

import (
	"github.com/edxplay/edxplay/internal/jinja2"
)

// tests is the one list of Ansible's tests, by the names Ansible gives them
// (aliases included).
func tests() map[string]jinja2.TestFunc {
	return map[string]jinja2.TestFunc{
		// core.py
		"failed":          resultTest("failed", "failed", failed),
		"failure":         resultTest("failed", "failed", failed),
		"succeeded":       resultTest("success", "failed", success),
		"success":         resultTest("success", "failed", success),
		"successful":      resultTest("success", "failed", success),
		"reachable":       resultTest("reachable", "unreachable", reachable),
		"unreachable":     resultTest("unreachable", "unreachable", unreachable),
		"changed":         resultTest("changed", "changed", changed),
		"change":          resultTest("changed", "changed", changed),
		"skipped":         resultTest("skipped", "skipped", skipped),
		"skip":            resultTest("skipped", "skipped", skipped),
		"finished":        resultTest("finished", "finished", asyncState("finished")),
		"started":         resultTest("started", "started", asyncState("started")),
		"match":           regexTest("match", "match"),
		"search":          regexTest("search", "search"),
		"regex":           regexTest("regex", ""),
		"version_compare": versionCompare,
		"version":         versionCompare,
		"any":             anyAll("any", true),
		"all":             anyAll("all", false),
		"truthy":          truthy("truthy", true),
		"falsy":           truthy("falsy", false),
		"vault_encrypted": vaultEncrypted,
		// mathstuff.py
		"subset":     setTest("issubset", true),
		"issubset":   setTest("issubset", true),
		"superset":   setTest("issuperset", false),
		"issuperset": setTest("issuperset", false),
		"contains":   contains,
		"nan":        isNaN,
		"isnan":      isNaN,
		// files.py
		"directory":    pathTest("isdir", "s", isDir),
		"is_dir":       pathTest("isdir", "s", isDir),
		"file":         pathTest("isfile", "path", isFile),
		"is_file":      pathTest("isfile", "path", isFile),
		"link":         pathTest("islink", "path", isLink),
		"is_link":      pathTest("islink", "path", isLink),
		"exists":       pathTest("exists", "path", exists),
		"link_exists":  pathTest("lexists", "path", lexists),
		"abs":          pathTest("isabs", "s", isAbs),
		"is_abs":       pathTest("isabs", "s", isAbs),
		"same_file":    sameFile,
		"is_same_file": sameFile,
		"mount":        pathTest("ismount", "path", isMount),
		"is_mount":     pathTest("ismount", "path", isMount),
		// uri.py
		"uri": uriTest("is_uri", isURI),
		"url": uriTest("is_url", isURL),
		"urn": urnTest,
	}
}

// Register adds every Ansible test to env, replacing Jinja2's builtin of
// the same name where Ansible does.
func Register(env *jinja2.Environment) {
	for name, t := range tests() {
		env.AddTest(name, t)
	}
}

// Names returns the names of the tests Register adds.
func Names() []string {
	t := tests()
	out := make([]string, 0, len(t))
	for name := range t {
		out = append(out, name)
	}
	return out
}

// bindValue binds a test's value and arguments to a Python signature whose
// first parameter is the tested value (so messages count it as Python does).
func bindValue(fname string, params []jinja2.Param, v jinja2.Value, args []jinja2.Value, kw *jinja2.Dict) ([]jinja2.Value, error) {
	return jinja2.BindArgs(fname, params, append([]jinja2.Value{v}, args...), kw)
}

// filterError is Ansible's AnsibleFilterError, which tests raise too.
func filterError(format string, args ...any) error {
	return jinja2.NewError("AnsibleFilterError", format, args...)
}
