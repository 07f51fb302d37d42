package modules

import (
	"context"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Apt manages Debian packages with apt-get and dpkg.
type Apt struct{}

// Spec describes apt's arguments.
func (Apt) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "apt",
		Short: "Manages apt-packages",
		Args: []modspec.Arg{
			{Name: "name", Type: modspec.List, Aliases: []string{"package", "pkg"}, Doc: "Package names, optionally pinned with name=version (a trailing * matches versions)."},
			{Name: "state", Type: modspec.String, Default: "present", Choices: []string{"absent", "build-dep", "latest", "present", "fixed", "installed", "removed"}, Doc: "Desired package state."},
			{Name: "update_cache", Type: modspec.Bool, Aliases: []string{"update-cache"}, Doc: "Run apt-get update first."},
			{Name: "cache_valid_time", Type: modspec.Int, Default: 0, Doc: "Update the cache only when older than this many seconds (implies update_cache)."},
			{Name: "install_recommends", Type: modspec.Bool, Aliases: []string{"install-recommends"}, Doc: "Install recommended packages (unset: the OS default)."},
			{Name: "deb", Type: modspec.Path, Doc: "Path (on the target) or URL of a .deb file to install."},
			{Name: "force", Type: modspec.Bool, Default: false, Doc: "Pass --force-yes (and --force-all to dpkg)."},
			{Name: "purge", Type: modspec.Bool, Default: false, Doc: "Purge configuration files when removing."},
			{Name: "autoremove", Type: modspec.Bool, Default: false, Doc: "Remove unused dependency packages."},
			{Name: "autoclean", Type: modspec.Bool, Default: false, Doc: "Clean retrieved package files that can no longer be downloaded."},
			{Name: "default_release", Type: modspec.String, Aliases: []string{"default-release"}, Doc: "Target release (-t) for installs."},
			{Name: "dpkg_options", Type: modspec.String, Default: "force-confdef,force-confold", Doc: "Comma-separated dpkg options passed with -o Dpkg::Options::=--OPT."},
			{Name: "upgrade", Type: modspec.String, Default: "no", Choices: []string{"dist", "full", "no", "safe", "yes"}, Doc: "Upgrade installed packages."},
			{Name: "only_upgrade", Type: modspec.Bool, Default: false, Doc: "Only upgrade packages that are already installed."},
			{Name: "allow_downgrade", Type: modspec.Bool, Default: false, Aliases: []string{"allow-downgrade", "allow_downgrades", "allow-downgrades"}, Doc: "Allow installing lower versions."},
			{Name: "allow_unauthenticated", Type: modspec.Bool, Default: false, Aliases: []string{"allow-unauthenticated"}, Doc: "Allow unauthenticated packages."},
			{Name: "allow_change_held_packages", Type: modspec.Bool, Default: false, Doc: "Allow changing held packages."},
			{Name: "force_apt_get", Type: modspec.Bool, Default: false, Doc: "Accepted for compatibility; apt-get is always used."},
			{Name: "lock_timeout", Type: modspec.Int, Default: 60, Doc: "Seconds to wait for the dpkg lock."},
			{Name: "update_cache_retries", Type: modspec.Int, Default: 5, Doc: "Retries of apt-get update."},
			{Name: "policy_rc_d", Type: modspec.Int, Doc: "Exit code of a /usr/sbin/policy-rc.d in place while apt runs (101: packages start no services); the previous one is restored."},
		},
		MutuallyExclusive: [][]string{{"deb", "name"}},
		Example:           "- apt:\n    name: [nginx, curl=7.88*]\n    state: present\n    update_cache: true\n    cache_valid_time: 3600\n",
	}
}

// aptRun carries one apt invocation's context.
type aptRun struct {
	call *Call
	a    args
	fs   *hostfile.FS
	// simulate passes --simulate to apt-get and dpkg: the description's runs.
	simulate bool
}

// aptEnv prefixes apt commands so they never prompt and print in English.
const aptEnv = "DEBIAN_FRONTEND=noninteractive DEBIAN_PRIORITY=critical LC_ALL=C "

func (r *aptRun) exec(ctx context.Context, cmd string) (connection.Result, error) {
	return r.fs.Run(ctx, aptEnv+cmd)
}

// on is r as the apply step of call runs it: for real, with call's diff
// setting.
func (r *aptRun) on(call *Call) *aptRun {
	return &aptRun{call: call, a: r.a, fs: hostfile.New(call.Conn, call.Become)}
}

// simulating is r as the description runs it: apt-get with --simulate.
func (r *aptRun) simulating() *aptRun {
	out := *r
	out.simulate = true
	return &out
}

// Run brings packages to the wanted state.
func (m Apt) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe reads the apt cache's age and the packages' states, and
// describes the change with apt-get --simulate (as Ansible's check mode
// does). When the cache is to be updated, the packages are described on
// the cache as it is; the apply step updates it, then describes the
// packages again on the new cache and applies that.
func (Apt) Describe(ctx context.Context, call *Call) (*Planned, error) {
	r := &aptRun{call: call, a: args(call.Args), fs: hostfile.New(call.Conn, call.Become)}
	state := map[string]string{"installed": "present", "removed": "absent"}[r.a.str("state")]
	if state == "" {
		state = r.a.str("state")
	}
	names := r.packageNames()
	for _, n := range names {
		if strings.Count(n, "=") > 1 {
			return reported(&Result{Failed: true, Msg: "invalid package spec: " + n}), nil
		}
	}
	stale, stamp, err := r.cacheStale(ctx)
	if err != nil {
		return reported(&Result{Failed: true, Msg: err.Error()}), nil
	}
	if r.a.has("update_cache") || r.a.integer("cache_valid_time") > 0 {
		if len(names) == 0 && r.a.str("deb") == "" && !r.upgrading() {
			return r.describeCacheOnly(stale, stamp), nil
		}
	}
	p, err := r.dispatch(ctx, state, names)
	if err != nil {
		return nil, err
	}
	p.Result = withCacheData(p.Result, state, stale, stamp)
	switch apply := p.apply; {
	case stale:
		p.apply = func(ctx context.Context, call *Call) (*Result, error) {
			return r.on(call).refreshThenApply(ctx, call, state, names, stamp)
		}
	case apply != nil:
		p.apply = func(ctx context.Context, call *Call) (*Result, error) {
			res, err := apply(ctx, call)
			return withCacheData(res, state, false, stamp), err
		}
	}
	if p.apply != nil && r.a.has("policy_rc_d") {
		inner := p.apply
		p.apply = func(ctx context.Context, call *Call) (*Result, error) {
			return r.on(call).withPolicyRCD(ctx, func() (*Result, error) { return inner(ctx, call) })
		}
	}
	return p, nil
}

// withPolicyRCD runs an apply step with policy_rc_d's policy-rc.d in place.
func (r *aptRun) withPolicyRCD(ctx context.Context, run func() (*Result, error)) (*Result, error) {
	restore, err := r.policyRCD(ctx)
	if err != nil {
		return nil, err
	}
	res, err := run()
	if rerr := restore(ctx); err == nil && rerr != nil {
		return nil, rerr
	}
	return res, err
}

// describeCacheOnly describes a task that only updates the cache.
func (r *aptRun) describeCacheOnly(stale bool, stamp int64) *Planned {
	res := &Result{Changed: stale, Data: map[string]any{"cache_updated": stale, "cache_update_time": stamp}}
	if !stale {
		return reported(res)
	}
	return planned(res, func(ctx context.Context, call *Call) (*Result, error) {
		updated, after, err := r.on(call).refreshCache(ctx, stamp)
		if err != nil {
			return &Result{Failed: true, Msg: err.Error()}, nil
		}
		return &Result{Changed: updated, Data: map[string]any{"cache_updated": updated, "cache_update_time": after}}, nil
	})
}

// refreshThenApply updates the cache, then describes the packages on the
// new cache and applies that description.
func (r *aptRun) refreshThenApply(ctx context.Context, call *Call, state string, names []string, stamp int64) (*Result, error) {
	updated, after, err := r.refreshCache(ctx, stamp)
	if err != nil {
		return &Result{Failed: true, Msg: err.Error()}, nil
	}
	p, err := r.dispatch(ctx, state, names)
	if err != nil {
		return nil, err
	}
	defer p.releaseNow()
	res, err := p.applyTo(ctx, call)
	if err != nil {
		return nil, err
	}
	return withCacheData(res, state, updated, after), nil
}

// withCacheData adds the cache's update state to a package result (not
// to a removal's, as Ansible does).
func withCacheData(res *Result, state string, updated bool, stamp int64) *Result {
	if res == nil {
		return nil
	}
	if res.Data == nil {
		res.Data = map[string]any{}
	}
	if state != "absent" {
		res.Data["cache_updated"], res.Data["cache_update_time"] = updated, stamp
	}
	return res
}

// policyRCDPath is where invoke-rc.d looks for the local policy.
const policyRCDPath = "/usr/sbin/policy-rc.d"

// policyRCD puts a policy-rc.d exiting with policy_rc_d in place (not in
// check mode), moving an existing one aside; the returned step restores it.
func (r *aptRun) policyRCD(ctx context.Context) (func(context.Context) error, error) {
	if !r.a.has("policy_rc_d") || r.call.Check {
		return func(context.Context) error { return nil }, nil
	}
	p := hostfile.Quote(policyRCDPath)
	bak := hostfile.Quote(policyRCDPath + ".edxplay-saved")
	script := fmt.Sprintf("if [ -e %[1]s ] || [ -L %[1]s ]; then mv -f %[1]s %[2]s; fi && printf '#!/bin/sh\\nexit %%d\\n' %[3]d > %[1]s && chmod 0755 %[1]s",
		p, bak, r.a.integer("policy_rc_d"))
	res, err := r.fs.Run(ctx, script)
	if err != nil {
		return nil, fmt.Errorf("apt: policy_rc_d: %w", err)
	}
	if res.RC != 0 {
		return nil, fmt.Errorf("apt: policy_rc_d: %s", strings.TrimSpace(res.Stderr))
	}
	return func(ctx context.Context) error {
		res, err := r.fs.Run(ctx, fmt.Sprintf("rm -f %[1]s && if [ -e %[2]s ] || [ -L %[2]s ]; then mv -f %[2]s %[1]s; fi", p, bak))
		if err == nil && res.RC != 0 {
			err = fmt.Errorf("%s", res.Stderr)
		}
		if err != nil {
			return fmt.Errorf("apt: restore %s: %w", policyRCDPath, err)
		}
		return nil
	}, nil
}

func (r *aptRun) upgrading() bool { u := r.a.str("upgrade"); return u != "" && u != "no" }

// dispatch describes the upgrade, deb install, cleanup or package state.
func (r *aptRun) dispatch(ctx context.Context, state string, names []string) (*Planned, error) {
	if r.upgrading() {
		return r.describeStep(ctx, func(ctx context.Context, r *aptRun) (*Result, error) { return r.upgrade(ctx, r.a.str("upgrade")) })
	}
	if deb := r.a.str("deb"); deb != "" {
		if state != "present" {
			return reported(&Result{Failed: true, Msg: "deb only supports state=present"}), nil
		}
		return r.describeDeb(ctx, deb)
	}
	if len(names) == 1 && names[0] == "*" && state == "latest" {
		return r.describeStep(ctx, func(ctx context.Context, r *aptRun) (*Result, error) { return r.upgrade(ctx, "yes") })
	}
	if len(names) == 0 && (r.a.boolean("autoremove") || r.a.boolean("autoclean")) {
		op := "autoremove"
		if r.a.boolean("autoclean") {
			op = "autoclean"
		}
		return r.describeStep(ctx, func(ctx context.Context, r *aptRun) (*Result, error) { return r.cleanup(ctx, op) })
	}
	if state == "absent" {
		return r.describeRemove(ctx, names)
	}
	return r.describeInstall(ctx, state, names)
}

// aptStep is an apt-get or dpkg run: simulated by the description, made
// for real by the apply step.
type aptStep func(ctx context.Context, r *aptRun) (*Result, error)

// describeStep describes step by simulating it. The apply step runs it
// for real, unless the simulation says nothing would change.
func (r *aptRun) describeStep(ctx context.Context, step aptStep) (*Planned, error) {
	res, err := step(ctx, r.simulating())
	if err != nil {
		return nil, err
	}
	if res == nil || (!res.Changed && !res.Failed) {
		return reported(res), nil
	}
	return planned(res, func(ctx context.Context, call *Call) (*Result, error) {
		return step(ctx, r.on(call))
	}), nil
}

// packageNames returns the name argument as trimmed strings.
func (r *aptRun) packageNames() []string {
	var out []string
	for _, v := range r.a.list("name") {
		for _, n := range strings.Split(fmt.Sprint(v), ",") {
			if n = strings.TrimSpace(n); n != "" {
				out = append(out, n)
			}
		}
	}
	return out
}

// cacheStale reads the cache time stamp and tells whether the cache is
// to be updated (asked for, and older than cache_valid_time).
func (r *aptRun) cacheStale(ctx context.Context) (bool, int64, error) {
	stamp, err := r.cacheTime(ctx)
	if err != nil {
		return false, 0, err
	}
	valid := int64(r.a.integer("cache_valid_time"))
	if !r.a.boolean("update_cache") && valid == 0 {
		return false, stamp, nil
	}
	now, err := r.remoteNow(ctx)
	if err != nil {
		return false, 0, err
	}
	return stamp+valid < now, stamp, nil
}

// refreshCache runs apt-get update (with retries) on a cache stamped
// stamp, and returns whether the stamp moved and the new stamp.
func (r *aptRun) refreshCache(ctx context.Context, stamp int64) (bool, int64, error) {
	var res connection.Result
	var err error
	for try := 0; try < max(r.a.integer("update_cache_retries"), 1); try++ {
		if res, err = r.exec(ctx, "apt-get update -q"); err != nil {
			return false, 0, err
		}
		if res.RC == 0 {
			break
		}
	}
	if res.RC != 0 {
		return false, 0, fmt.Errorf("Failed to update apt cache: %s", strings.TrimSpace(res.Stderr+res.Stdout))
	}
	after, err := r.cacheTime(ctx)
	return after != stamp, after, err
}

// cacheTime is the mtime of apt's update stamp or lists directory.
func (r *aptRun) cacheTime(ctx context.Context) (int64, error) {
	out, err := r.fs.Exec(ctx, "stat -c %Y /var/lib/apt/periodic/update-success-stamp 2>/dev/null || stat -c %Y /var/lib/apt/lists 2>/dev/null || echo 0")
	if err != nil {
		return 0, fmt.Errorf("read apt cache time: %w", err)
	}
	return int64(atoiOr(strings.TrimSpace(out), 0)), nil
}

func (r *aptRun) remoteNow(ctx context.Context) (int64, error) {
	out, err := r.fs.Exec(ctx, "date +%s")
	if err != nil {
		return 0, fmt.Errorf("read target time: %w", err)
	}
	return int64(atoiOr(strings.TrimSpace(out), 0)), nil
}
