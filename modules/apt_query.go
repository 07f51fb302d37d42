package modules

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/edxplay/edxplay/modules/hostfile"
)

// aptPackage is one requested package and what dpkg and apt know of it.
type aptPackage struct {
	spec      string // as given, e.g. "hello=2.10*"
	name      string
	version   string // requested version pattern, "" for any
	status    string // dpkg's status word: installed, config-files, ... or ""
	installed string // installed version, "" when not installed
	candidate string // apt's candidate version, "" when none
	versions  []string
}

// isInstalled reports whether dpkg has the package fully installed.
func (p aptPackage) isInstalled() bool { return p.status == "installed" }

// versionMatches reports whether v satisfies the requested version pattern.
func (p aptPackage) versionMatches(v string) bool {
	if p.version == "" {
		return true
	}
	ok, _ := path.Match(p.version, v)
	return ok || p.version == v
}

// installable returns the version to install for the request, or "".
func (p aptPackage) installable() string {
	if p.version == "" {
		return p.candidate
	}
	if p.versionMatches(p.candidate) {
		return p.candidate
	}
	for _, v := range p.versions {
		if p.versionMatches(v) {
			return v
		}
	}
	return ""
}

// splitPackageSpec splits "name=version" (a leading > of >= is dropped).
func splitPackageSpec(spec string) (name, version string) {
	name, version, _ = strings.Cut(spec, "=")
	return strings.TrimSuffix(name, ">"), version
}

// queryPackages asks dpkg and apt-cache about every package in one command.
func (r *aptRun) queryPackages(ctx context.Context, specs []string, release string) ([]aptPackage, error) {
	pkgs := make([]aptPackage, len(specs))
	var b strings.Builder
	policy := "apt-cache policy"
	if release != "" {
		policy = "apt-cache -t " + hostfile.Quote(release) + " policy"
	}
	for i, s := range specs {
		name, version := splitPackageSpec(s)
		pkgs[i] = aptPackage{spec: s, name: name, version: version}
		q := hostfile.Quote(name)
		fmt.Fprintf(&b, "echo '@@ %d'; dpkg-query -W -f='${Status} ${Version}\\n' %s 2>/dev/null | head -n1; echo '@@ policy'; %s %s 2>/dev/null\n", i, q, policy, q)
	}
	res, err := r.exec(ctx, b.String())
	if err != nil {
		return nil, err
	}
	parsePackageQuery(res.Stdout, pkgs)
	return pkgs, nil
}

// parsePackageQuery fills pkgs from the query command's output.
func parsePackageQuery(out string, pkgs []aptPackage) {
	cur, inPolicy, inTable := -1, false, false
	for _, line := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(line, "@@ policy"):
			inPolicy, inTable = true, false
			continue
		case strings.HasPrefix(line, "@@ "):
			cur, inPolicy = atoiOr(strings.TrimPrefix(line, "@@ "), -1), false
			continue
		}
		if cur < 0 || cur >= len(pkgs) {
			continue
		}
		p := &pkgs[cur]
		if !inPolicy {
			parseDpkgStatus(line, p)
			continue
		}
		f := strings.Fields(line)
		switch {
		case strings.HasPrefix(strings.TrimSpace(line), "Candidate:") && p.candidate == "" && len(f) == 2:
			if f[1] != "(none)" {
				p.candidate = f[1]
			}
		case strings.TrimSpace(line) == "Version table:":
			inTable = true
		case inTable && len(f) >= 2 && f[0] == "***":
			p.versions = append(p.versions, f[1])
		case inTable && len(f) >= 2 && isDigits(f[1]) && !isDigits(f[0]):
			p.versions = append(p.versions, f[0])
		}
	}
}

// parseDpkgStatus reads "install ok installed 2.10-3".
func parseDpkgStatus(line string, p *aptPackage) {
	f := strings.Fields(line)
	if len(f) < 3 {
		return
	}
	p.status = f[2]
	if p.status == "installed" && len(f) >= 4 {
		p.installed = f[3]
	}
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// packageStates renders "name: version" (or "absent") lines for a diff.
func packageStates(pkgs []aptPackage, version func(aptPackage) string) string {
	var b strings.Builder
	for _, p := range pkgs {
		v := version(p)
		if v == "" {
			v = "absent"
		}
		fmt.Fprintf(&b, "%s: %s\n", p.name, v)
	}
	return b.String()
}
