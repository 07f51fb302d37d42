package modules

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// aptGetZero is how apt-get says it did nothing.
const aptGetZero = "\n0 upgraded, 0 newly installed"

// dpkgOptions expands "force-confdef,force-confold" for apt-get.
func dpkgOptions(opts string) string {
	var out []string
	for _, o := range strings.Split(opts, ",") {
		if o = strings.TrimSpace(o); o != "" {
			out = append(out, fmt.Sprintf("-o \"Dpkg::Options::=--%s\"", o))
		}
	}
	return strings.Join(out, " ")
}

// flags returns the apt-get flags the boolean arguments ask for.
func (r *aptRun) flags(extra ...string) string {
	f := []string{"-y", dpkgOptions(r.a.str("dpkg_options"))}
	f = append(f, extra...)
	if r.a.boolean("force") {
		f = append(f, "--force-yes")
	}
	if r.simulate {
		f = append(f, "--simulate")
	}
	return strings.Join(f, " ")
}

// trailing returns the options apt-get install takes after the packages.
func (r *aptRun) trailing() string {
	var f []string
	if rel := r.a.str("default_release"); rel != "" {
		f = append(f, "-t "+hostfile.Quote(rel))
	}
	if r.a.has("install_recommends") {
		f = append(f, map[bool]string{true: "-o APT::Install-Recommends=yes", false: "-o APT::Install-Recommends=no"}[r.a.boolean("install_recommends")])
	}
	for arg, flag := range map[string]string{"allow_unauthenticated": "--allow-unauthenticated", "allow_downgrade": "--allow-downgrades", "allow_change_held_packages": "--allow-change-held-packages"} {
		if r.a.boolean(arg) {
			f = append(f, flag)
		}
	}
	return strings.Join(f, " ")
}

// describeInstall reads the packages' states and describes bringing
// them to present, latest, fixed or build-dep.
func (r *aptRun) describeInstall(ctx context.Context, state string, names []string) (*Planned, error) {
	pkgs, err := r.queryPackages(ctx, names, r.a.str("default_release"))
	if err != nil {
		return nil, err
	}
	var targets []string
	var changing []aptPackage
	for _, p := range pkgs {
		if state == "build-dep" {
			targets = append(targets, hostfile.Quote(p.name))
			continue
		}
		if p.installed == "" && p.candidate == "" && len(p.versions) == 0 {
			return reported(&Result{Failed: true, Msg: fmt.Sprintf("No package matching '%s' is available", p.name)}), nil
		}
		if (!p.isInstalled() && r.a.boolean("only_upgrade")) || !needsInstall(p, state) {
			continue
		}
		v := p.installable()
		if v == "" {
			return reported(&Result{Failed: true, Msg: "no available installation candidate for " + p.spec}), nil
		}
		target := p.name
		if p.version != "" {
			target += "=" + v
		}
		targets = append(targets, hostfile.Quote(target))
		changing = append(changing, p)
	}
	if len(targets) == 0 {
		return reported(&Result{}), nil
	}
	return r.describeStep(ctx, func(ctx context.Context, r *aptRun) (*Result, error) {
		return r.install(ctx, state, names, targets, changing)
	})
}

// install runs apt-get install (or build-dep) of targets, the packages
// changing of names.
func (r *aptRun) install(ctx context.Context, state string, names, targets []string, changing []aptPackage) (*Result, error) {
	var extra []string
	for arg, flag := range map[string]string{"only_upgrade": "--only-upgrade", "autoremove": "--auto-remove"} {
		if r.a.boolean(arg) {
			extra = append(extra, flag)
		}
	}
	if state == "fixed" {
		extra = append(extra, "--fix-broken")
	}
	verb := "install"
	if state == "build-dep" {
		verb = "build-dep"
	}
	cmd := fmt.Sprintf("apt-get %s %s %s %s", r.flags(extra...), verb, strings.Join(targets, " "), r.trailing())
	res, err := r.exec(ctx, cmd)
	if err != nil {
		return nil, err
	}
	if res.RC != 0 {
		return &Result{Failed: true, Msg: fmt.Sprintf("'%s' failed: %s", cmd, res.Stderr),
			Data: map[string]any{"stdout": res.Stdout, "stderr": res.Stderr, "rc": res.RC}}, nil
	}
	if state == "build-dep" {
		return &Result{Changed: !strings.Contains(res.Stdout, aptGetZero), Data: map[string]any{"stdout": res.Stdout, "stderr": res.Stderr}}, nil
	}
	if !r.simulate {
		r.markManual(ctx, names)
	}
	return &Result{Changed: true, Data: map[string]any{"stdout": res.Stdout, "stderr": res.Stderr},
		Diffs: r.packageDiff(ctx, changing, func(p aptPackage) string { return p.installable() })}, nil
}

// needsInstall reports whether p must be installed or upgraded for state.
func needsInstall(p aptPackage, state string) bool {
	if !p.isInstalled() {
		return true
	}
	if p.version != "" && !p.versionMatches(p.installed) {
		return true
	}
	return state == "latest" && p.version == "" && p.candidate != "" && p.candidate != p.installed
}

// markManual marks installed packages as manually installed, as Ansible does.
func (r *aptRun) markManual(ctx context.Context, names []string) {
	var quoted []string
	for _, n := range names {
		name, _ := splitPackageSpec(n)
		quoted = append(quoted, hostfile.Quote(name))
	}
	list := strings.Join(quoted, " ")
	_, _ = r.exec(ctx, fmt.Sprintf("auto=$(apt-mark showauto %s 2>/dev/null); [ -z \"$auto\" ] || apt-mark manual $auto >/dev/null", list))
}

// packageDiff describes the packages' states before and after: after a real
// run the target is asked again, a simulation uses planned.
func (r *aptRun) packageDiff(ctx context.Context, pkgs []aptPackage, planned func(aptPackage) string) []modspec.Diff {
	if !r.call.Diff || len(pkgs) == 0 {
		return nil
	}
	before := packageStates(pkgs, func(p aptPackage) string { return p.installed })
	after := packageStates(pkgs, planned)
	if !r.simulate {
		specs := make([]string, len(pkgs))
		for i, p := range pkgs {
			specs[i] = p.name
		}
		if now, err := r.queryPackages(ctx, specs, ""); err == nil {
			after = packageStates(now, func(p aptPackage) string { return p.installed })
		}
	}
	return []modspec.Diff{{Before: before, After: after}}
}

// describeRemove reads the packages' states and describes removing (or
// purging) the installed ones.
func (r *aptRun) describeRemove(ctx context.Context, names []string) (*Planned, error) {
	pkgs, err := r.queryPackages(ctx, names, "")
	if err != nil {
		return nil, err
	}
	purge := r.a.boolean("purge")
	var targets []string
	var changing []aptPackage
	for _, p := range pkgs {
		if p.installed != "" || (purge && p.status != "" && p.status != "not-installed") {
			targets = append(targets, hostfile.Quote(p.spec))
			changing = append(changing, p)
		}
	}
	if len(targets) == 0 {
		return reported(&Result{}), nil
	}
	return r.describeStep(ctx, func(ctx context.Context, r *aptRun) (*Result, error) {
		return r.remove(ctx, targets, changing)
	})
}

// remove runs apt-get remove of targets, the packages changing.
func (r *aptRun) remove(ctx context.Context, targets []string, changing []aptPackage) (*Result, error) {
	var extra []string
	if r.a.boolean("purge") {
		extra = append(extra, "--purge")
	}
	if r.a.boolean("autoremove") {
		extra = append(extra, "--auto-remove")
	}
	cmd := fmt.Sprintf("apt-get -q %s remove %s", r.flags(extra...), strings.Join(targets, " "))
	res, err := r.exec(ctx, cmd)
	if err != nil {
		return nil, err
	}
	if res.RC != 0 {
		return &Result{Failed: true, Msg: fmt.Sprintf("'apt-get remove %s' failed: %s", strings.Join(targets, " "), res.Stderr),
			Data: map[string]any{"stdout": res.Stdout, "stderr": res.Stderr, "rc": res.RC}}, nil
	}
	return &Result{Changed: true, Data: map[string]any{"stdout": res.Stdout, "stderr": res.Stderr},
		Diffs: r.packageDiff(ctx, changing, func(aptPackage) string { return "" })}, nil
}

// cleanupChanged tells from apt-get's output whether a cleanup did something.
var cleanupChanged = map[string]string{"autoremove": "The following packages will be REMOVED", "autoclean": "Del "}

// cleanup runs apt-get autoremove or autoclean.
func (r *aptRun) cleanup(ctx context.Context, op string) (*Result, error) {
	var extra []string
	if r.a.boolean("purge") {
		extra = append(extra, "--purge")
	}
	return r.simpleOp(ctx, fmt.Sprintf("apt-get %s %s", r.flags(extra...), op), func(out string) bool {
		return strings.Contains(out, cleanupChanged[op])
	})
}

// upgrade upgrades installed packages (upgrade=yes/safe/full/dist).
func (r *aptRun) upgrade(ctx context.Context, kind string) (*Result, error) {
	verb := map[string]string{"yes": "upgrade --with-new-pkgs", "safe": "upgrade --with-new-pkgs", "full": "dist-upgrade", "dist": "dist-upgrade"}[kind]
	if r.a.boolean("autoremove") {
		verb += " --auto-remove"
	}
	res, err := r.simpleOp(ctx, fmt.Sprintf("apt-get %s %s %s", r.flags(), verb, r.trailing()), func(out string) bool {
		return !strings.Contains(out, aptGetZero)
	})
	if res != nil && !res.Failed {
		res.Msg = fmt.Sprint(res.Data["stdout"])
	}
	return res, err
}

// simpleOp runs an apt-get command whose change is judged from its output.
func (r *aptRun) simpleOp(ctx context.Context, cmd string, changed func(string) bool) (*Result, error) {
	res, err := r.exec(ctx, cmd)
	if err != nil {
		return nil, err
	}
	data := map[string]any{"stdout": res.Stdout, "stderr": res.Stderr}
	if res.RC != 0 {
		data["rc"] = res.RC
		return &Result{Failed: true, Msg: fmt.Sprintf("'%s' failed: %s", cmd, res.Stderr), Data: data}, nil
	}
	out := &Result{Changed: changed(res.Stdout), Data: data}
	if out.Changed && r.call.Diff {
		out.Diffs = []modspec.Diff{{After: preparedDiff(res.Stdout)}}
	}
	return out, nil
}

var upgradedLine = regexp.MustCompile(`^[0-9]+ (packages )?upgraded`)

// preparedDiff extracts apt-get's summary as Ansible's parse_diff does.
func preparedDiff(out string) string {
	lines := strings.Split(strings.ReplaceAll(out, "\r\n", "\n"), "\n")
	start, end := -1, len(lines)
	for i, l := range lines {
		if l == "Reading state information..." && start < 0 {
			start = i
		}
		if upgradedLine.MatchString(l) {
			end = i
			break
		}
	}
	if end < len(lines) {
		end++
	}
	return strings.Join(lines[start+1:end], "\n") + "\n"
}
