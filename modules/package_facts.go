package modules

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// PackageFacts sets ansible_facts.packages from the target's package
// database: dpkg (dpkg-query, with apt-cache policy for each installed
// version's origin), the facts Ansible's apt manager returns.
type PackageFacts struct{}

// Spec describes package_facts's arguments.
func (PackageFacts) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "package_facts",
		Short: "Package information as facts",
		Args: []modspec.Arg{
			{Name: "manager", Type: modspec.List, Default: []any{"auto"}, Doc: "Package managers to query: auto or apt (edxplay reads dpkg; others are not implemented)."},
			{Name: "strategy", Type: modspec.String, Default: "first", Choices: []string{"first", "all"}, Doc: "first: the first usable manager; all: every usable one."},
		},
		Example: "- package_facts:\n    manager: auto\n- debug:\n    var: ansible_facts.packages['openssl'][0].version\n",
	}
}

// packageManagers are the manager names Ansible accepts.
var packageManagers = []string{"apk", "apt", "pacman", "pkg", "pkg_info", "portage", "rpm"}

// dpkgQueryScript lists the installed packages (name, version, arch,
// section, status; a name has no :arch for the native architecture, as
// python-apt's) and then, after a marker line, apt-cache policy of them
// and of the package files (for origins), when apt-cache exists.
const dpkgQueryScript = `command -v dpkg-query >/dev/null 2>&1 || exit 3
a=$(dpkg --print-architecture 2>/dev/null)
l=$(dpkg-query -W -f='${binary:Package}\t${Version}\t${Architecture}\t${Section}\t${db:Status-Status}\n' | sed "s/^\([^:	]*\):$a	/\1	/") || exit 4
printf '%s\n' "$l"
echo '--- policy'
command -v apt-cache >/dev/null 2>&1 || exit 0
LC_ALL=C apt-cache policy
printf '%s\n' "$l" | awk -F '\t' '$5 != "not-installed" && $5 != "config-files" {print $1}' | LC_ALL=C xargs -r apt-cache policy`

// Run reads the package database; it changes nothing (check mode alike).
func (PackageFacts) Run(ctx context.Context, call *Call) (*Result, error) {
	a := args(call.Args)
	managers, auto := []string{}, false
	for _, m := range a.list("manager") {
		name := strings.ToLower(fmt.Sprint(m))
		if name == "auto" {
			auto = true
			continue
		}
		managers = append(managers, name)
	}
	for _, m := range managers {
		if !contains(packageManagers, m) {
			return &Result{Failed: true, Msg: "Unsupported package managers requested: " + m}, nil
		}
	}
	if !auto && !contains(managers, "apt") {
		return &Result{Failed: true, Msg: fmt.Sprintf("package manager %s is not implemented by edxplay (apt/dpkg is)", strings.Join(managers, ", "))}, nil
	}
	fs := hostfile.New(call.Conn, call.Become)
	res, err := fs.Run(ctx, dpkgQueryScript)
	if err != nil {
		return nil, err
	}
	if res.RC == 3 {
		return &Result{Failed: true, Msg: fmt.Sprintf("Could not detect a supported package manager from the following list: %s, or the required Python library is not installed. Check warnings for details.", pyStrList(append(managers, packageManagers...)))}, nil
	}
	if res.RC != 0 {
		return &Result{Failed: true, Msg: fmt.Sprintf("dpkg-query failed (rc=%d): %s", res.RC, res.Stderr)}, nil
	}
	listing, policy, _ := strings.Cut(res.Stdout, "--- policy\n")
	pkgs := dpkgPackages(listing, parseAptPolicy(policy))
	return &Result{Facts: withHostFacts(call.Host, map[string]any{"packages": pkgs}), CacheableFacts: true,
		Data: map[string]any{"ansible_facts": map[string]any{"packages": pkgs}}}, nil
}

// withHostFacts is facts as a fact module sets them: each a variable of
// its own (packages) and merged into the host's ansible_facts.
func withHostFacts(host HostContext, facts map[string]any) map[string]any {
	merged := map[string]any{}
	if host != nil {
		if cur, ok, err := host.Var("ansible_facts"); err == nil && ok {
			if m, isMap := odict.Plain(cur); isMap {
				maps.Copy(merged, m)
			}
		}
	}
	maps.Copy(merged, facts)
	out := maps.Clone(facts)
	out["ansible_facts"] = merged
	return out
}

// dpkgPackages builds the packages fact from dpkg-query's listing: each
// installed package under its name, as Ansible's apt manager does.
func dpkgPackages(listing string, origins map[string]string) map[string]any {
	pkgs := map[string]any{}
	for _, line := range strings.Split(listing, "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 5 || f[0] == "" || f[4] == "not-installed" || f[4] == "config-files" {
			continue
		}
		p := map[string]any{"name": f[0], "version": f[1], "arch": f[2], "category": f[3],
			"origin": origins[f[0]+"\x00"+f[1]], "source": "apt"}
		list, _ := pkgs[f[0]].([]any)
		pkgs[f[0]] = append(list, p)
	}
	return pkgs
}

var (
	policyPkgRe     = regexp.MustCompile(`^(\S+):$`)
	policyVersionRe = regexp.MustCompile(`^ (\*\*\*| {3}) (\S+) -?\d+$`)
	policySourceRe  = regexp.MustCompile(`^\s+-?\d+ (.+)$`)
	policyReleaseRe = regexp.MustCompile(`^\s+release (.*)$`)
)

// parseAptPolicy reads apt-cache policy's package files (their origin,
// o= of the release line) and each package's version table: the origin
// of an installed version is that of the first file listing it
// (/var/lib/dpkg/status has none), keyed by name NUL version.
func parseAptPolicy(out string) map[string]string {
	fileOrigin := map[string]string{}
	origins := map[string]string{}
	section, pkg, version, lastFile := "", "", "", ""
	for _, line := range strings.Split(out, "\n") {
		switch {
		case line == "Package files:" || line == "Pinned packages:":
			section = line
		case policyPkgRe.MatchString(line):
			section, pkg, version = "pkg", policyPkgRe.FindStringSubmatch(line)[1], ""
		case section == "Package files:":
			if m := policyReleaseRe.FindStringSubmatch(line); m != nil {
				fileOrigin[lastFile] = releaseField(m[1], "o")
			} else if m := policySourceRe.FindStringSubmatch(line); m != nil && !strings.HasPrefix(strings.TrimSpace(line), "origin ") {
				lastFile = m[1]
			}
		case section == "pkg":
			if m := policyVersionRe.FindStringSubmatch(line); m != nil {
				version = m[2]
			} else if m := policySourceRe.FindStringSubmatch(line); m != nil && version != "" {
				key := pkg + "\x00" + version
				if _, seen := origins[key]; !seen {
					origins[key] = fileOrigin[m[1]]
				}
			}
		}
	}
	return origins
}

// releaseField is one k=v field of apt-cache policy's release line.
func releaseField(release, key string) string {
	for _, kv := range strings.Split(release, ",") {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			return v
		}
	}
	return ""
}

// pyStrList is Python's repr of a list of strings.
func pyStrList(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = "'" + s + "'"
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}
