package modules

import (
	"context"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Pip manages Python packages with pip on the target, optionally in a virtualenv.
type Pip struct{}

// Spec describes pip's arguments.
func (Pip) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "pip",
		Short: "Manages Python library dependencies",
		Args: []modspec.Arg{
			{Name: "name", Type: modspec.List, Doc: "Package names, optionally with version specifiers (foo==1.0, bar>=2)."},
			{Name: "version", Type: modspec.String, Doc: "Version for a single name (name==version)."},
			{Name: "requirements", Type: modspec.String, Doc: "Path of a pip requirements file on the target."},
			{Name: "virtualenv", Type: modspec.Path, Doc: "Virtualenv directory to install into; created when missing."},
			{Name: "virtualenv_command", Type: modspec.Path, Default: "virtualenv", Doc: "Command creating the virtualenv (e.g. virtualenv or \"python3 -m venv\")."},
			{Name: "virtualenv_python", Type: modspec.String, Doc: "Python executable for virtualenv -p (not with venv)."},
			{Name: "virtualenv_site_packages", Type: modspec.Bool, Default: false, Doc: "Give the virtualenv access to the global site-packages."},
			{Name: "state", Type: modspec.String, Default: "present", Choices: []string{"absent", "forcereinstall", "latest", "present"}, Doc: "Wanted package state."},
			{Name: "extra_args", Type: modspec.String, Doc: "Extra arguments passed to pip."},
			{Name: "editable", Type: modspec.Bool, Default: false, Doc: "Pass --editable (for VCS URLs)."},
			{Name: "executable", Type: modspec.Path, Doc: "pip executable to use (not with virtualenv)."},
			{Name: "chdir", Type: modspec.Path, Doc: "Directory to run pip in."},
			{Name: "umask", Type: modspec.String, Doc: "Umask (octal) for the pip run."},
		},
		MutuallyExclusive: [][]string{{"name", "requirements"}, {"executable", "virtualenv"}},
		RequiredOneOf:     [][]string{{"name", "requirements"}},
		Example:           "- pip:\n    name: [flask==2.3.3, gunicorn]\n    virtualenv: /opt/app/venv\n    virtualenv_command: python3 -m venv\n",
	}
}

// pipRun is one pip invocation.
type pipRun struct {
	call *Call
	a    args
	fs   *hostfile.FS
}

// Run creates the virtualenv if needed and brings packages to the state.
func (m Pip) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe reads the installed packages and describes the install,
// upgrade or removal, changing nothing. When the virtualenv does not
// exist yet it describes its creation and the wanted package states; the
// packages are then read in the new virtualenv as the change is applied.
func (Pip) Describe(ctx context.Context, call *Call) (*Planned, error) {
	r := newPipRun(call)
	reqs, err := r.requirements()
	if err != nil {
		return reported(&Result{Failed: true, Msg: err.Error()}), nil
	}
	data := map[string]any{"name": namesOf(reqs), "requirements": nilIfEmpty(r.a.str("requirements")), "version": nilIfEmpty(r.a.str("version")),
		"virtualenv": nilIfEmpty(r.a.str("virtualenv")), "state": r.a.str("state")}
	missing, err := r.virtualenvMissing(ctx)
	if err != nil {
		return reported(&Result{Failed: true, Msg: err.Error(), Data: data}), nil
	}
	if missing {
		res := &Result{Changed: true, Data: data}
		if call.Diff {
			res.Diffs = []modspec.Diff{{Before: "virtualenv: absent\n", After: "virtualenv: present\n" + requirementStates(reqs, nil, r.a.str("state"))}}
		}
		return planned(res, func(ctx context.Context, call *Call) (*Result, error) {
			return newPipRun(call).createAndInstall(ctx, reqs, data)
		}), nil
	}
	res, apply, err := r.describePackages(ctx, reqs, true)
	if err != nil || res == nil {
		return nil, err
	}
	p := reported(withPipData(res, data, ""))
	if apply != nil {
		p.apply = func(ctx context.Context, call *Call) (*Result, error) {
			var out strings.Builder
			res, err := apply(ctx, newPipRun(call), &out)
			if err != nil || res == nil {
				return res, err
			}
			return withPipData(res, data, out.String()), nil
		}
	}
	return p, nil
}

// newPipRun is a pip invocation for call.
func newPipRun(call *Call) *pipRun {
	return &pipRun{call: call, a: args(call.Args), fs: hostfile.New(call.Conn, call.Become)}
}

// createAndInstall creates the virtualenv, then reads its packages and
// brings them to the state (as described, without a second prediction).
func (r *pipRun) createAndInstall(ctx context.Context, reqs []pipRequirement, data map[string]any) (*Result, error) {
	var out strings.Builder
	if err := r.createVirtualenv(ctx, &out); err != nil {
		return &Result{Failed: true, Msg: err.Error(), Data: data}, nil
	}
	res, apply, err := r.describePackages(ctx, reqs, false)
	if err == nil && res != nil && apply != nil {
		res, err = apply(ctx, r, &out)
	}
	if err != nil || res == nil {
		return res, err
	}
	res.Changed = true
	return withPipData(res, data, out.String()), nil
}

// withPipData adds the call's data and pip's output to res.
func withPipData(res *Result, data map[string]any, stdout string) *Result {
	for k, v := range data {
		res.Data[k] = v
	}
	res.Data["stdout"] = stdout
	return res
}

// requirements parses name (and version) into requirement specifiers.
func (r *pipRun) requirements() ([]pipRequirement, error) {
	var reqs []pipRequirement
	for _, v := range r.a.list("name") {
		for _, s := range strings.Split(fmt.Sprint(v), ",") {
			if s = strings.TrimSpace(s); s != "" {
				reqs = append(reqs, parseRequirement(s))
			}
		}
	}
	if v := r.a.str("version"); v != "" {
		if len(reqs) != 1 {
			return nil, fmt.Errorf("version is incompatible with more than one name")
		}
		if len(reqs[0].specs) > 0 {
			return nil, fmt.Errorf("The 'version' argument conflicts with any version specifier provided along with a package name. Please keep the version specifier, but remove the 'version' argument.")
		}
		reqs[0] = parseRequirement(reqs[0].name + "==" + v)
	}
	return reqs, nil
}

func namesOf(reqs []pipRequirement) []any {
	out := []any{}
	for _, r := range reqs {
		out = append(out, r.raw)
	}
	return out
}

// shell wraps a command with the umask and chdir arguments.
func (r *pipRun) shell(cmd string) string {
	var pre []string
	if u := r.a.str("umask"); u != "" {
		pre = append(pre, "umask "+hostfile.Quote(u))
	}
	if d := r.a.str("chdir"); d != "" {
		pre = append(pre, "cd "+hostfile.Quote(d))
	}
	pre = append(pre, "PIP_DISABLE_PIP_VERSION_CHECK=1 LC_ALL=C.UTF-8 "+cmd)
	return strings.Join(pre, " && ")
}

// virtualenvMissing reports whether the virtualenv argument names one
// that does not exist yet.
func (r *pipRun) virtualenvMissing(ctx context.Context) (bool, error) {
	env := r.a.str("virtualenv")
	if env == "" {
		return false, nil
	}
	res, err := r.fs.Run(ctx, "[ -f "+hostfile.Quote(env+"/bin/activate")+" ]")
	if err != nil || res.RC == 0 {
		return false, err
	}
	return true, nil
}

// createVirtualenv creates the virtualenv with virtualenv_command.
func (r *pipRun) createVirtualenv(ctx context.Context, out *strings.Builder) error {
	env := r.a.str("virtualenv")
	venvCmd := r.a.str("virtualenv_command")
	isVenv := strings.Contains(venvCmd, "-m venv") || strings.HasSuffix(venvCmd, "pyvenv")
	cmd := venvCmd
	if r.a.boolean("virtualenv_site_packages") {
		cmd += " --system-site-packages"
	}
	if py := r.a.str("virtualenv_python"); py != "" {
		if isVenv {
			return fmt.Errorf("virtualenv_python should not be used when using the venv module or pyvenv as virtualenv_command")
		}
		cmd += " -p" + hostfile.Quote(py)
	}
	res, err := r.fs.Run(ctx, r.shell(cmd+" "+hostfile.Quote(env)))
	if err != nil {
		return err
	}
	out.WriteString(res.Stdout)
	if res.RC != 0 {
		return fmt.Errorf("Failed to create virtualenv %s: %s", env, strings.TrimSpace(res.Stderr+res.Stdout))
	}
	return nil
}

// pipCmd is the pip executable: the virtualenv's, the executable argument, or pip3/pip.
func (r *pipRun) pipCmd() string {
	if env := r.a.str("virtualenv"); env != "" {
		return hostfile.Quote(env + "/bin/pip")
	}
	if exe := r.a.str("executable"); exe != "" {
		return hostfile.Quote(exe)
	}
	return "$(command -v pip3 || command -v pip || echo pip3)"
}

// freeze returns the installed packages, canonical name -> version.
func (r *pipRun) freeze(ctx context.Context) (map[string]string, error) {
	pip := r.pipCmd()
	res, err := r.fs.Run(ctx, r.shell(pip+" list --format=freeze 2>/dev/null || "+pip+" freeze"))
	if err != nil {
		return nil, err
	}
	if res.RC != 0 {
		return nil, fmt.Errorf("Unable to list installed packages: %s", strings.TrimSpace(res.Stderr))
	}
	out := map[string]string{}
	for _, line := range strings.Split(res.Stdout, "\n") {
		if name, version, ok := strings.Cut(strings.TrimSpace(line), "=="); ok {
			out[canonicalName(name)] = version
		}
	}
	return out, nil
}
