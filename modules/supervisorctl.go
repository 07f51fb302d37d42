package modules

import (
	"context"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Supervisorctl manages programs and groups of supervisord through
// supervisorctl, as community.general.supervisorctl does.
type Supervisorctl struct{}

// Spec describes supervisorctl's arguments.
func (Supervisorctl) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "supervisorctl",
		Short: "Manage the state of a program or group of programs running via supervisord",
		Args: []modspec.Arg{
			{Name: "name", Type: modspec.String, Required: true, Doc: "Program name; a name ending in ':' is a group, 'all' matches every program."},
			{Name: "state", Type: modspec.String, Required: true, Choices: []string{"present", "started", "stopped", "restarted", "absent", "signalled"},
				Doc: "present/absent add or remove the program from the configuration; restarted always acts (after an update)."},
			{Name: "config", Type: modspec.Path, Doc: "supervisorctl configuration file (-c)."},
			{Name: "server_url", Type: modspec.String, Doc: "URL of the supervisord server (-s)."},
			{Name: "username", Type: modspec.String, Doc: "Username for the server (-u)."},
			{Name: "password", Type: modspec.String, NoLog: true, Doc: "Password for the server (-p)."},
			{Name: "signal", Type: modspec.String, Doc: "Signal to send with state=signalled (e.g. HUP)."},
			{Name: "supervisorctl_path", Type: modspec.Path, Doc: "Path of supervisorctl; found on PATH when omitted."},
			{Name: "stop_before_removing", Type: modspec.Bool, Default: false, Doc: "Stop the program's processes before state=absent removes it."},
		},
		Example: "- supervisorctl:\n    name: lms\n    state: restarted\n    config: /etc/supervisor/supervisord.conf\n" +
			"- supervisorctl:\n    name: 'workers:'\n    state: started\n",
	}
}

// supervisorProcess is one line of `supervisorctl status`.
type supervisorProcess struct{ name, status string }

// supervisorRun is one invocation against one supervisord.
type supervisorRun struct {
	call  *Call
	fs    *hostfile.FS
	base  string
	name  string
	group bool
}

// Run brings the matched programs to the wanted state.
func (m Supervisorctl) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe reads the programs' status and describes the supervisorctl
// actions that bring them to the wanted state, changing nothing.
func (Supervisorctl) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	r := &supervisorRun{call: call, fs: hostfile.New(call.Conn, call.Become), name: a.str("name")}
	if strings.HasSuffix(r.name, ":") {
		r.group, r.name = true, strings.TrimRight(r.name, ":")
	}
	state := a.str("state")
	if state == "signalled" && a.str("signal") == "" {
		return reported(&Result{Failed: true, Msg: "state is signalled but all of the following are missing: signal"}), nil
	}
	base, res := r.command(ctx, a)
	if res != nil {
		return reported(res), nil
	}
	r.base = base
	return r.describe(ctx, state, a)
}

// command finds supervisorctl and builds its common arguments.
func (r *supervisorRun) command(ctx context.Context, a args) (string, *Result) {
	path := a.str("supervisorctl_path")
	if path == "" {
		res, err := r.fs.Run(ctx, "command -v supervisorctl")
		if err != nil || res.RC != 0 {
			return "", &Result{Failed: true, Msg: "Failed to find required executable \"supervisorctl\" in paths: /usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin"}
		}
		path = strings.TrimSpace(res.Stdout)
	}
	parts := []string{hostfile.Quote(path)}
	for _, opt := range []struct{ flag, arg string }{{"-c", "config"}, {"-s", "server_url"}, {"-u", "username"}, {"-p", "password"}} {
		if v := a.str(opt.arg); v != "" {
			parts = append(parts, opt.flag, hostfile.Quote(v))
		}
	}
	return strings.Join(parts, " "), nil
}

// ctl runs `supervisorctl ACTION [NAME]` and returns its rc and output.
func (r *supervisorRun) ctl(ctx context.Context, action, name string) (int, string, error) {
	cmd := r.base + " " + action
	if name != "" {
		cmd += " " + hostfile.Quote(name)
	}
	res, err := r.fs.Run(ctx, cmd)
	if err != nil {
		return 0, "", fmt.Errorf("supervisorctl %s: %w", action, err)
	}
	return res.RC, res.Stdout + res.Stderr, nil
}

// mustCtl is ctl that fails on a non-zero exit.
func (r *supervisorRun) mustCtl(ctx context.Context, action, name string) (string, error) {
	rc, out, err := r.ctl(ctx, action, name)
	if err == nil && rc != 0 {
		err = fmt.Errorf("supervisorctl %s failed (rc %d): %s", action, rc, strings.TrimSpace(out))
	}
	return out, err
}

// matched lists the processes the name (or group) selects.
func (r *supervisorRun) matched(ctx context.Context) ([]supervisorProcess, error) {
	_, out, err := r.ctl(ctx, "status", "")
	if err != nil {
		return nil, err
	}
	var procs []supervisorProcess
	for _, line := range strings.Split(out, "\n") {
		fields := strings.Fields(line)
		if len(fields) < 2 {
			continue
		}
		p := supervisorProcess{name: fields[0], status: fields[1]}
		if r.group {
			if group, _, _ := strings.Cut(p.name, ":"); group != r.name {
				continue
			}
		} else if p.name != r.name && r.name != "all" {
			continue
		}
		procs = append(procs, p)
	}
	return procs, nil
}
