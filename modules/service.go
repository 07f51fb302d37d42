package modules

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Service manages services: through systemctl where systemd runs, else
// through init scripts (service / /etc/init.d) and update-rc.d.
type Service struct{}

// SysVInit manages SysV init scripts, like service without systemd.
type SysVInit struct{}

func serviceSpec(name, short string) modspec.Spec {
	return modspec.Spec{
		Name:  name,
		Short: short,
		Args: []modspec.Arg{
			{Name: "name", Type: modspec.String, Required: true, Aliases: []string{"service"}, Doc: "Name of the service."},
			{Name: "state", Type: modspec.String, Choices: []string{"reloaded", "restarted", "started", "stopped"}, Doc: "Wanted run state; restarted and reloaded always act."},
			{Name: "enabled", Type: modspec.Bool, Doc: "Whether the service starts on boot."},
			{Name: "pattern", Type: modspec.String, Doc: "Without a status action, look for this string in the process table."},
			{Name: "arguments", Type: modspec.String, Default: "", Aliases: []string{"args"}, Doc: "Extra arguments for the init script."},
			{Name: "sleep", Type: modspec.Int, Doc: "Seconds to sleep between stop and start of a restart (init scripts)."},
			{Name: "runlevel", Type: modspec.String, Default: "default", Doc: "Accepted for compatibility (OpenRC)."},
			{Name: "use", Type: modspec.String, Default: "auto", Doc: "Force the service manager (auto, systemd, sysvinit, service)."},
		},
		Example: "- " + name + ":\n    name: cron\n    state: started\n    enabled: true\n",
	}
}

// Spec describes service's arguments.
func (Service) Spec() modspec.Spec { return serviceSpec("service", "Manage services") }

// Spec describes sysvinit's arguments.
func (SysVInit) Spec() modspec.Spec { return serviceSpec("sysvinit", "Manage SysV services") }

// Run manages the service through init scripts only.
func (s SysVInit) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, s, call)
}

// Describe reads the init script's state and describes the change.
func (SysVInit) Describe(ctx context.Context, call *Call) (*Planned, error) {
	return describeInitScript(ctx, call, hostfile.New(call.Conn, call.Become))
}

// Run picks systemctl or init scripts and applies the wanted state.
func (s Service) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, s, call)
}

// Describe reads the service's state and describes the change.
func (Service) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	fs := hostfile.New(call.Conn, call.Become)
	use := a.str("use")
	if use == "" || use == "auto" {
		running, err := systemdRunning(ctx, fs)
		if err != nil {
			return nil, err
		}
		use = map[bool]string{true: "systemd", false: "sysvinit"}[running]
	}
	if use == "systemd" {
		return describeUnit(ctx, call, &systemctl{fs: fs, a: a}, a.str("name"))
	}
	return describeInitScript(ctx, call, fs)
}

// serviceName is what an init script name may contain (it is globbed unquoted).
var serviceName = regexp.MustCompile(`^[A-Za-z0-9@._+-]+$`)

// initScript drives one SysV init script.
type initScript struct {
	fs   *hostfile.FS
	name string
	a    args
}

// control runs "service NAME ACTION ARGS", or the script directly.
func (s *initScript) control(ctx context.Context, action string) (string, string, int, error) {
	n := hostfile.Quote(s.name)
	cmd := fmt.Sprintf("if command -v service >/dev/null 2>&1; then service %s %s %s; else /etc/init.d/%s %s %s; fi",
		n, action, s.a.str("arguments"), n, action, s.a.str("arguments"))
	res, err := s.fs.Run(ctx, cmd)
	return res.Stdout, res.Stderr, res.RC, err
}

// running reports whether the service runs, as Ansible judges status output.
func (s *initScript) running(ctx context.Context) (bool, error) {
	if p := s.a.str("pattern"); p != "" {
		res, err := s.fs.Run(ctx, "ps auxww | grep -v grep | grep -F -- "+hostfile.Quote(p)+" >/dev/null")
		return err == nil && res.RC == 0, err
	}
	out, _, rc, err := s.control(ctx, "status")
	if err != nil {
		return false, err
	}
	if rc >= 1 && rc <= 4 || rc == 69 {
		return false, nil
	}
	if strings.Count(out, "\n") <= 1 {
		clean := strings.ReplaceAll(strings.ToLower(out), strings.ToLower(s.name), "")
		switch {
		case strings.Contains(clean, "stop"), strings.Contains(clean, "not running"), strings.Contains(clean, "inactive"), strings.Contains(clean, "dead"):
			return false, nil
		case strings.Contains(clean, "is running"), strings.Contains(clean, "start/running"), strings.Contains(clean, "running"):
			return !strings.Contains(clean, "not "), nil
		}
	}
	return rc == 0, nil
}

// enabled reports whether start links exist in any runlevel.
func (s *initScript) enabled(ctx context.Context) (bool, error) {
	res, err := s.fs.Run(ctx, "ls /etc/rc?.d/S??"+s.name+" >/dev/null 2>&1")
	return err == nil && res.RC == 0, err
}

// setEnabled creates or disables the links with update-rc.d (or chkconfig).
func (s *initScript) setEnabled(ctx context.Context, on bool) error {
	n := hostfile.Quote(s.name)
	action := map[bool]string{true: "enable", false: "disable"}[on]
	cmd := fmt.Sprintf(`if command -v update-rc.d >/dev/null 2>&1; then
  if [ %s = enable ] && ! ls /etc/rc?.d/K??%s >/dev/null 2>&1; then update-rc.d %s defaults || exit 1; fi
  update-rc.d %s %s
elif command -v chkconfig >/dev/null 2>&1; then chkconfig %s %s
else echo "no update-rc.d or chkconfig to %s %s" >&2; exit 1; fi`,
		action, s.name, n, n, action, n, map[bool]string{true: "on", false: "off"}[on], action, n)
	_, err := s.fs.Exec(ctx, cmd)
	return err
}

// describeInitScript describes applying enabled and state through the
// init script.
func describeInitScript(ctx context.Context, call *Call, fs *hostfile.FS) (*Planned, error) {
	a := args(call.Args)
	s := &initScript{fs: fs, name: a.str("name"), a: a}
	if !serviceName.MatchString(s.name) {
		return reported(&Result{Failed: true, Msg: fmt.Sprintf("invalid service name %q", s.name)}), nil
	}
	res, err := fs.Run(ctx, "[ -x /etc/init.d/"+hostfile.Quote(s.name)+" ]")
	if err != nil {
		return nil, err
	}
	data := map[string]any{"name": s.name}
	if res.RC != 0 {
		return reported(&Result{Failed: true, Msg: fmt.Sprintf("Could not find the requested service %s: host", s.name), Data: data}), nil
	}
	out := &Result{Data: data}
	acts := &serviceActions{out: out}
	failed := func(err error, data map[string]any) *Result {
		return &Result{Failed: true, Msg: err.Error(), Data: data}
	}
	var before, after []string
	if a.has("enabled") {
		on, err := s.enabled(ctx)
		if err != nil {
			return nil, err
		}
		want := a.boolean("enabled")
		before, after = append(before, fmt.Sprintf("enabled: %v", on)), append(after, fmt.Sprintf("enabled: %v", want))
		if on != want {
			out.Changed = true
			acts.add(data, func(ctx context.Context) error { return s.setEnabled(ctx, want) }, failed)
		}
		data["enabled"] = want
	}
	if a.has("state") {
		running, err := s.running(ctx)
		if err != nil {
			return nil, err
		}
		if verb := runStateVerb(out, a.str("state"), running, &before, &after); verb != "" {
			acts.add(data, func(ctx context.Context) error { return s.act(ctx, verb) }, failed)
		}
		data["state"] = map[string]string{"stopped": "stopped"}[a.str("state")]
		if data["state"] == "" {
			data["state"] = "started"
		}
	}
	if out.Changed && call.Diff {
		out.Diffs = []modspec.Diff{{Before: strings.Join(before, "\n") + "\n", After: strings.Join(after, "\n") + "\n"}}
	}
	return acts.planned(), nil
}

// act runs an init script action; a restart with sleep stops, sleeps and starts.
func (s *initScript) act(ctx context.Context, verb string) error {
	if verb == "restart" && s.a.has("sleep") {
		if err := s.act(ctx, "stop"); err != nil {
			return err
		}
		if _, err := s.fs.Run(ctx, fmt.Sprintf("sleep %d", s.a.integer("sleep"))); err != nil {
			return err
		}
		verb = "start"
	}
	out, stderr, rc, err := s.control(ctx, verb)
	if err != nil {
		return err
	}
	if rc != 0 {
		msg := strings.TrimSpace(stderr)
		if msg == "" {
			msg = strings.TrimSpace(out)
		}
		return fmt.Errorf("%s", msg)
	}
	return nil
}

// systemdRunning reports whether systemd manages the host's services.
func systemdRunning(ctx context.Context, fs *hostfile.FS) (bool, error) {
	res, err := fs.Run(ctx, "[ -d /run/systemd/system ] && command -v systemctl >/dev/null")
	if err != nil {
		return false, err
	}
	return res.RC == 0, nil
}
