package modules

import (
	"context"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Systemd manages systemd units with systemctl.
type Systemd struct{}

// Spec describes systemd's arguments.
func (Systemd) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "systemd",
		Short: "Manage systemd units",
		Args: []modspec.Arg{
			{Name: "name", Type: modspec.String, Aliases: []string{"service", "unit"}, Doc: "Unit name (.service is implied)."},
			{Name: "state", Type: modspec.String, Choices: []string{"reloaded", "restarted", "started", "stopped"}, Doc: "Wanted run state; restarted and reloaded always act."},
			{Name: "enabled", Type: modspec.Bool, Doc: "Whether the unit starts on boot."},
			{Name: "masked", Type: modspec.Bool, Doc: "Whether the unit is masked."},
			{Name: "daemon_reload", Type: modspec.Bool, Default: false, Aliases: []string{"daemon-reload"}, Doc: "Run systemctl daemon-reload first."},
			{Name: "daemon_reexec", Type: modspec.Bool, Default: false, Aliases: []string{"daemon-reexec"}, Doc: "Run systemctl daemon-reexec first."},
			{Name: "scope", Type: modspec.String, Default: "system", Choices: []string{"system", "user", "global"}, Doc: "systemctl scope."},
			{Name: "no_block", Type: modspec.Bool, Default: false, Doc: "Do not wait for the job to finish."},
			{Name: "force", Type: modspec.Bool, Doc: "Override existing symlinks."},
		},
		Example: "- systemd:\n    name: nginx\n    state: started\n    enabled: true\n    daemon_reload: true\n",
	}
}

// Run brings the unit to the wanted state.
func (s Systemd) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, s, call)
}

// Describe reads the unit's state and describes the change. daemon_reload
// and daemon_reexec change what systemd reports, so the apply step runs
// them first and describes the unit again from what systemd then says,
// as ansible-core reads the unit after them.
func (Systemd) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	fs := hostfile.New(call.Conn, call.Become)
	sd := &systemctl{fs: fs, a: a}
	if !a.has("name") && !a.boolean("daemon_reload") && !a.boolean("daemon_reexec") {
		return reported(&Result{Failed: true, Msg: "one of the following is required: name, daemon_reload, daemon_reexec"}), nil
	}
	var ops []string
	for _, op := range []string{"daemon_reload", "daemon_reexec"} {
		if a.boolean(op) {
			ops = append(ops, op)
		}
	}
	p, err := describeSystemdUnit(ctx, call, fs, sd)
	if err != nil || len(ops) == 0 {
		return p, err
	}
	return planned(p.Result, func(ctx context.Context, call *Call) (*Result, error) {
		for _, op := range ops {
			if _, err := fs.Exec(ctx, sd.cmd(strings.ReplaceAll(op, "_", "-"))); err != nil {
				return &Result{Failed: true, Msg: fmt.Sprintf("failure when executing systemctl %s: %v", op, err)}, nil
			}
		}
		after, err := describeSystemdUnit(ctx, call, fs, sd)
		if err != nil {
			return nil, err
		}
		return after.applyTo(ctx, call)
	}), nil
}

// describeSystemdUnit describes the change of the named unit, through
// its init script where systemd does not run.
func describeSystemdUnit(ctx context.Context, call *Call, fs *hostfile.FS, sd *systemctl) (*Planned, error) {
	a := sd.a
	if !a.has("name") {
		return reported(&Result{Changed: false}), nil
	}
	if running, err := systemdRunning(ctx, fs); err != nil {
		return nil, err
	} else if !running {
		// no systemd on this host (containers, chroots, older systems):
		// manage the service through its init script, as `service` does
		byScript := *call
		byScript.Args = map[string]any{}
		for k, v := range call.Args {
			byScript.Args[k] = v
		}
		byScript.Args["name"] = strings.TrimSuffix(a.str("name"), ".service")
		return describeInitScript(ctx, &byScript, fs)
	}
	return describeUnit(ctx, call, sd, a.str("name"))
}

// systemctl runs systemctl for one scope.
type systemctl struct {
	fs *hostfile.FS
	a  args
}

func (s *systemctl) cmd(verb string, extra ...string) string {
	parts := []string{"systemctl"}
	if scope := s.a.str("scope"); scope != "" && scope != "system" {
		parts = append(parts, "--"+scope)
	}
	if s.a.boolean("no_block") && (verb == "start" || verb == "stop" || verb == "restart" || verb == "reload") {
		parts = append(parts, "--no-block")
	}
	if s.a.boolean("force") && (verb == "enable" || verb == "disable" || verb == "mask" || verb == "unmask") {
		parts = append(parts, "--force")
	}
	parts = append(parts, verb)
	for _, e := range extra {
		parts = append(parts, hostfile.Quote(e))
	}
	return strings.Join(parts, " ")
}

// show returns the unit's properties.
func (s *systemctl) show(ctx context.Context, unit string) (map[string]any, error) {
	res, err := s.fs.Run(ctx, s.cmd("show", unit))
	if err != nil {
		return nil, err
	}
	props := map[string]any{}
	for _, line := range strings.Split(res.Stdout, "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			props[k] = v
		}
	}
	return props, nil
}

// describeUnit describes applying masked, enabled and state to unit
// through sd.
func describeUnit(ctx context.Context, call *Call, sd *systemctl, unit string) (*Planned, error) {
	a := sd.a
	status, err := sd.show(ctx, unit)
	if err != nil {
		return nil, err
	}
	found := status["LoadState"] != "not-found" && status["LoadState"] != nil
	data := map[string]any{"name": unit, "status": status, "changed": false}
	if !found && !(a.has("masked") && a.boolean("masked")) {
		return reported(&Result{Failed: true, Msg: fmt.Sprintf("Could not find the requested service %s: host", unit), Data: data}), nil
	}
	out := &Result{Data: data}
	acts := &serviceActions{out: out}
	var before, after []string
	systemctlVerb := func(verb string) func(ctx context.Context) error {
		return func(ctx context.Context) error {
			_, err := sd.fs.Exec(ctx, sd.cmd(verb, unit))
			return err
		}
	}
	toggle := func(key, want, have, verb string) {
		before, after = append(before, key+": "+have), append(after, key+": "+want)
		if want == have {
			return
		}
		out.Changed = true
		acts.add(data, systemctlVerb(verb), func(err error, data map[string]any) *Result {
			return &Result{Failed: true, Msg: fmt.Sprintf("Unable to %s service %s: %v", verb, unit, err), Data: data}
		})
	}
	if a.has("masked") {
		masked := status["LoadState"] == "masked"
		toggle("masked", fmt.Sprint(a.boolean("masked")), fmt.Sprint(masked), map[bool]string{true: "mask", false: "unmask"}[a.boolean("masked")])
	}
	if a.has("enabled") {
		enabled, err := sd.isEnabled(ctx, unit)
		if err != nil {
			return nil, err
		}
		toggle("enabled", fmt.Sprint(a.boolean("enabled")), fmt.Sprint(enabled), map[bool]string{true: "enable", false: "disable"}[a.boolean("enabled")])
		data["enabled"] = a.boolean("enabled")
	}
	if a.has("state") {
		running := status["ActiveState"] == "active" || status["ActiveState"] == "activating" || status["ActiveState"] == "reloading"
		if verb := runStateVerb(out, a.str("state"), running, &before, &after); verb != "" {
			acts.add(data, systemctlVerb(verb), func(err error, data map[string]any) *Result {
				return &Result{Failed: true, Msg: fmt.Sprintf("Unable to %s service %s: %v", a.str("state"), unit, err), Data: data}
			})
		}
		data["state"] = a.str("state")
	}
	data["changed"] = out.Changed
	if out.Changed && call.Diff {
		out.Diffs = []modspec.Diff{{Before: strings.Join(before, "\n") + "\n", After: strings.Join(after, "\n") + "\n"}}
	}
	return acts.planned(), nil
}

// isEnabled asks systemctl is-enabled, treating static and indirect units as enabled.
func (s *systemctl) isEnabled(ctx context.Context, unit string) (bool, error) {
	res, err := s.fs.Run(ctx, s.cmd("is-enabled", unit))
	if err != nil {
		return false, err
	}
	word := strings.TrimSpace(res.Stdout)
	return res.RC == 0 || word == "static" || word == "indirect" || word == "alias", nil
}

// runStateVerb predicts the state transition: started/stopped act when
// needed, restarted/reloaded always. It records the run state for the
// diff, marks out changed when there is a verb to run, and returns it.
func runStateVerb(out *Result, state string, running bool, before, after *[]string) string {
	var verb string
	switch state {
	case "started":
		if !running {
			verb = "start"
		}
	case "stopped":
		if running {
			verb = "stop"
		}
	case "restarted":
		verb = "restart"
	case "reloaded":
		verb = "reload"
		if !running {
			verb = "start"
		}
	}
	now := map[bool]string{true: "started", false: "stopped"}[running]
	want := map[string]string{"started": "started", "stopped": "stopped", "restarted": "started", "reloaded": "started"}[state]
	*before = append(*before, "state: "+now)
	*after = append(*after, "state: "+want)
	if verb == "" {
		return ""
	}
	if now == want {
		(*before)[len(*before)-1] = "state: " + now + " (will be " + verb + "ed)"
	}
	out.Changed = true
	return verb
}
