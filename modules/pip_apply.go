package modules

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// pipApply makes a described package change as r, writing pip's output to out.
type pipApply func(ctx context.Context, r *pipRun, out *strings.Builder) (*Result, error)

// describePackages reads the installed packages and describes installing,
// upgrading or removing the requirements; the returned step applies it
// (nil when nothing is to be done). Without predict an install is not
// predicted (no pip --dry-run): its result is left to the apply step.
func (r *pipRun) describePackages(ctx context.Context, reqs []pipRequirement, predict bool) (*Result, pipApply, error) {
	state := r.a.str("state")
	before, err := r.freeze(ctx)
	if err != nil {
		return &Result{Failed: true, Msg: err.Error(), Data: map[string]any{}}, nil, nil
	}
	reqFile := r.a.str("requirements")
	var targets []string
	for _, q := range reqs {
		targets = append(targets, hostfile.Quote(q.raw))
	}
	if reqFile != "" {
		targets = append(targets, "-r", hostfile.Quote(reqFile))
	}
	var verb []string
	switch state {
	case "absent":
		return r.describeUninstall(reqs, before)
	case "latest":
		verb = []string{"install", "-U"}
	case "forcereinstall":
		verb = []string{"install", "-U", "--force-reinstall"}
	default:
		verb = []string{"install"}
		if reqFile == "" && allSatisfied(reqs, before) {
			return &Result{Data: map[string]any{"cmd": ""}}, nil, nil
		}
	}
	if r.a.boolean("editable") {
		verb = append(verb, "-e")
	}
	if extra := r.a.str("extra_args"); extra != "" {
		verb = append(verb, extra)
	}
	cmd := r.pipCmd() + " " + strings.Join(verb, " ") + " " + strings.Join(targets, " ")
	res := &Result{Data: map[string]any{"cmd": cmd}}
	if predict {
		var err error
		if res, err = r.predict(ctx, cmd, reqs, before, state); err != nil {
			return nil, nil, err
		}
	}
	return res, func(ctx context.Context, r *pipRun, out *strings.Builder) (*Result, error) {
		return r.install(ctx, cmd, before, state, out)
	}, nil
}

// install runs the pip install command and reports the packages' change.
func (r *pipRun) install(ctx context.Context, cmd string, before map[string]string, state string, out *strings.Builder) (*Result, error) {
	res, err := r.fs.Run(ctx, r.shell(cmd))
	if err != nil {
		return nil, err
	}
	out.WriteString(res.Stdout)
	data := map[string]any{"cmd": cmd, "stderr": res.Stderr}
	if res.RC != 0 {
		return &Result{Failed: true, Msg: fmt.Sprintf("stdout: %s\n\n:stderr: %s", res.Stdout, res.Stderr), Data: data}, nil
	}
	after, err := r.freeze(ctx)
	if err != nil {
		return nil, err
	}
	changed := state == "forcereinstall" || !sameFreeze(before, after)
	result := &Result{Changed: changed, Data: data}
	if changed && r.call.Diff {
		result.Diffs = []modspec.Diff{{Before: freezeText(before), After: freezeText(after)}}
	}
	return result, nil
}

// predict describes an install: by the specifiers for names, by pip's
// --dry-run for requirements files and upgrades.
func (r *pipRun) predict(ctx context.Context, cmd string, reqs []pipRequirement, before map[string]string, state string) (*Result, error) {
	data := map[string]any{"cmd": cmd}
	if state == "forcereinstall" {
		return &Result{Changed: true, Data: data}, nil
	}
	if state == "present" && r.a.str("requirements") == "" {
		res := &Result{Changed: true, Data: data}
		if r.call.Diff {
			res.Diffs = []modspec.Diff{{Before: requirementStates(reqs, before, ""), After: requirementStates(reqs, nil, state)}}
		}
		return res, nil
	}
	res, err := r.fs.Run(ctx, r.shell(cmd+" --dry-run"))
	if err != nil {
		return nil, err
	}
	if res.RC != 0 {
		return &Result{Changed: true, Data: data}, nil
	}
	return &Result{Changed: strings.Contains(res.Stdout, "Would install"), Data: data}, nil
}

// describeUninstall describes removing the installed requirements.
func (r *pipRun) describeUninstall(reqs []pipRequirement, before map[string]string) (*Result, pipApply, error) {
	var names []string
	for _, q := range reqs {
		if _, ok := before[canonicalName(q.name)]; ok {
			names = append(names, hostfile.Quote(q.name))
		}
	}
	cmd := r.pipCmd() + " uninstall -y " + strings.Join(names, " ")
	if len(names) == 0 {
		return &Result{Data: map[string]any{"cmd": cmd}}, nil, nil
	}
	described := func(call *Call) *Result {
		res := &Result{Changed: true, Data: map[string]any{"cmd": cmd}}
		if call.Diff {
			res.Diffs = []modspec.Diff{{Before: requirementStates(reqs, before, ""), After: requirementStates(reqs, nil, "absent")}}
		}
		return res
	}
	return described(r.call), func(ctx context.Context, r *pipRun, out *strings.Builder) (*Result, error) {
		res := described(r.call)
		run, err := r.fs.Run(ctx, r.shell(cmd))
		if err != nil {
			return nil, err
		}
		out.WriteString(run.Stdout)
		res.Data["stderr"] = run.Stderr
		if run.RC != 0 {
			return &Result{Failed: true, Msg: fmt.Sprintf("stdout: %s\n\n:stderr: %s", run.Stdout, run.Stderr), Data: res.Data}, nil
		}
		return res, nil
	}, nil
}

// pipRequirement is a name with version specifiers.
type pipRequirement struct {
	raw, name string
	specs     [][2]string // operator, version
}

var (
	requirementName = regexp.MustCompile(`^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$`)
	specifierPart   = regexp.MustCompile(`^\s*(===|==|!=|~=|>=|<=|>|<)\s*([^\s,;]+)\s*$`)
)

// parseRequirement reads "name[extras] op version, op version".
func parseRequirement(s string) pipRequirement {
	q := pipRequirement{raw: s, name: s}
	m := requirementName.FindStringSubmatch(s)
	if m == nil {
		return q
	}
	q.name = m[1]
	for _, part := range strings.Split(m[3], ",") {
		if sm := specifierPart.FindStringSubmatch(part); sm != nil {
			q.specs = append(q.specs, [2]string{sm[1], sm[2]})
		}
	}
	return q
}

// satisfiedBy reports whether an installed version meets every specifier.
func (q pipRequirement) satisfiedBy(version string) bool {
	for _, s := range q.specs {
		op, want := s[0], s[1]
		if strings.HasSuffix(want, ".*") && (op == "==" || op == "!=") {
			prefix := strings.TrimSuffix(want, ".*")
			match := version == prefix || strings.HasPrefix(version, prefix+".")
			if match != (op == "==") {
				return false
			}
			continue
		}
		c := compareVersions(version, want)
		ok := map[string]bool{"==": c == 0, "===": version == want, "!=": c != 0, ">=": c >= 0, "<=": c <= 0, ">": c > 0, "<": c < 0,
			"~=": c >= 0 && compatibleRelease(version, want)}[op]
		if !ok {
			return false
		}
	}
	return true
}

// compatibleRelease checks the prefix part of ~= (all but the last component).
func compatibleRelease(version, want string) bool {
	parts := strings.Split(want, ".")
	if len(parts) < 2 {
		return true
	}
	prefix := strings.Join(parts[:len(parts)-1], ".")
	return version == prefix || strings.HasPrefix(version, prefix+".")
}

var versionPart = regexp.MustCompile(`\d+|[A-Za-z]+`)

// compareVersions compares dotted versions numerically part by part; a
// pre-release tag (a, b, rc, dev) sorts before the release.
func compareVersions(a, b string) int {
	pa, pb := versionPart.FindAllString(a, -1), versionPart.FindAllString(b, -1)
	for i := 0; i < max(len(pa), len(pb)); i++ {
		x, y := "0", "0"
		if i < len(pa) {
			x = pa[i]
		}
		if i < len(pb) {
			y = pb[i]
		}
		if c := comparePart(x, y); c != 0 {
			return c
		}
	}
	return 0
}

func comparePart(x, y string) int {
	xn, xerr := atoiStrict(x)
	yn, yerr := atoiStrict(y)
	switch {
	case xerr == nil && yerr == nil:
		return sign(xn - yn)
	case xerr == nil:
		return 1 // 1.0 > 1.0rc1
	case yerr == nil:
		return -1
	}
	return strings.Compare(x, y)
}

func atoiStrict(s string) (int, error) {
	if !isDigits(s) {
		return 0, fmt.Errorf("not a number")
	}
	return atoiOr(s, 0), nil
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// canonicalName normalizes a distribution name as PEP 503 does.
func canonicalName(n string) string {
	return strings.ToLower(regexp.MustCompile(`[-_.]+`).ReplaceAllString(n, "-"))
}

func allSatisfied(reqs []pipRequirement, installed map[string]string) bool {
	for _, q := range reqs {
		v, ok := installed[canonicalName(q.name)]
		if !ok || !q.satisfiedBy(v) {
			return false
		}
	}
	return true
}

func sameFreeze(a, b map[string]string) bool {
	return freezeText(a) == freezeText(b)
}

func freezeText(m map[string]string) string {
	lines := make([]string, 0, len(m))
	for k, v := range m {
		lines = append(lines, k+"=="+v)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}

// requirementStates renders the requirements' states for a diff: from
// installed, or (installed nil) the wanted state.
func requirementStates(reqs []pipRequirement, installed map[string]string, state string) string {
	var b strings.Builder
	for _, q := range reqs {
		v := "absent"
		switch {
		case installed != nil:
			if iv, ok := installed[canonicalName(q.name)]; ok {
				v = iv
			}
		case state != "absent":
			v = "present " + strings.TrimSpace(strings.TrimPrefix(q.raw, q.name))
		}
		fmt.Fprintf(&b, "%s: %s\n", q.name, strings.TrimSpace(v))
	}
	return b.String()
}
