package modules

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// Cron manages crontab entries and environment variables, marked with
// "#Ansible: NAME" comments exactly as Ansible does.
type Cron struct{}

// Spec describes cron's arguments.
func (Cron) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "cron",
		Short: "Manage cron.d and crontab entries",
		Args: []modspec.Arg{
			{Name: "name", Type: modspec.String, Doc: "Description of the job (the #Ansible: marker), or the variable name with env."},
			{Name: "job", Type: modspec.String, Aliases: []string{"value"}, Doc: "The command to run, or the variable's value with env."},
			{Name: "state", Type: modspec.String, Default: "present", Choices: []string{"absent", "present"}, Doc: "Whether the job or variable is present."},
			{Name: "user", Type: modspec.String, Doc: "Whose crontab to edit; required with cron_file (the line's user field)."},
			{Name: "cron_file", Type: modspec.Path, Doc: "A file in /etc/cron.d (or an absolute path) instead of a user's crontab."},
			{Name: "minute", Type: modspec.String, Default: "*", Doc: "Minute field."},
			{Name: "hour", Type: modspec.String, Default: "*", Doc: "Hour field."},
			{Name: "day", Type: modspec.String, Default: "*", Aliases: []string{"dom"}, Doc: "Day of month field."},
			{Name: "month", Type: modspec.String, Default: "*", Doc: "Month field."},
			{Name: "weekday", Type: modspec.String, Default: "*", Aliases: []string{"dow"}, Doc: "Day of week field."},
			{Name: "special_time", Type: modspec.String, Choices: []string{"annually", "daily", "hourly", "monthly", "reboot", "weekly", "yearly"}, Doc: "Special time instead of the five fields."},
			{Name: "disabled", Type: modspec.Bool, Default: false, Doc: "Comment the job out."},
			{Name: "env", Type: modspec.Bool, Default: false, Doc: "Manage an environment variable NAME=\"job\" instead of a job."},
			{Name: "insertafter", Type: modspec.String, Doc: "With env, insert after this variable."},
			{Name: "insertbefore", Type: modspec.String, Doc: "With env, insert before this variable."},
			{Name: "backup", Type: modspec.Bool, Default: false, Doc: "Accepted for compatibility; no backup is kept."},
		},
		MutuallyExclusive: [][]string{{"insertafter", "insertbefore"}},
		Example:           "- cron:\n    name: check dirs\n    minute: \"0\"\n    hour: \"5,2\"\n    job: ls -alh > /dev/null\n",
	}
}

const cronMarker = "#Ansible: "

// crontab is the lines of a user crontab or cron file.
type crontab struct {
	lines    []string
	existing string
	file     string // cron file path, "" for a user crontab
	user     string
}

// Run edits the crontab and writes it when it changed.
func (c Cron) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, c, call)
}

// Describe reads the crontab and describes the edit, changing nothing.
func (Cron) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	fs := hostfile.New(call.Conn, call.Become)
	if res := cronArgsError(a); res != nil {
		return reported(res), nil
	}
	tab, err := readCrontab(ctx, fs, a)
	if err != nil {
		return nil, err
	}
	before := tab.existing
	install := a.str("state") == "present"
	var changed bool
	if a.boolean("env") {
		if strings.Contains(a.str("name"), " ") {
			return reported(&Result{Failed: true, Msg: "Invalid name for environment variable"}), nil
		}
		changed = tab.setEnv(a, install)
	} else {
		changed = tab.setJob(a, install)
		if changed && !install && tab.file != "" && tab.isEmpty() {
			return removeCronFile(ctx, call, fs, tab, before)
		}
	}
	if !changed && tab.existing != "" && !strings.HasSuffix(tab.existing, "\n") && !strings.HasSuffix(tab.existing, "\r") {
		changed = true
	}
	data := map[string]any{"jobs": tab.jobNames(), "envs": tab.envNames()}
	if tab.file != "" {
		data["cron_file"] = a.str("cron_file")
	}
	if !changed {
		return reported(&Result{Data: data}), nil
	}
	out := &Result{Changed: true, Data: data}
	if call.Diff {
		out.Diffs = []modspec.Diff{{BeforeHeader: tab.header(), AfterHeader: tab.header(), Before: before, After: tab.render()}}
	}
	return planned(out, func(ctx context.Context, call *Call) (*Result, error) {
		if err := tab.write(ctx, call, hostfile.New(call.Conn, call.Become)); err != nil {
			return &Result{Failed: true, Msg: err.Error(), Data: data}, nil
		}
		return reportedTo(out, call), nil
	}), nil
}

// cronArgsError validates argument combinations as Ansible does.
func cronArgsError(a args) *Result {
	fail := func(msg string) *Result { return &Result{Failed: true, Msg: msg} }
	if a.has("special_time") {
		for _, f := range []string{"minute", "hour", "day", "month", "weekday"} {
			if a.str(f) != "*" {
				return fail("You must specify time and date fields or special time.")
			}
		}
	}
	if a.str("state") == "present" {
		switch {
		case a.has("cron_file") && !a.has("user"):
			return fail("To use cron_file=... parameter you must specify user=... as well")
		case !a.has("job"):
			return fail("You must specify 'job' to install a new cron job or variable")
		case (a.has("insertafter") || a.has("insertbefore")) && !a.boolean("env"):
			return fail("Insertafter and insertbefore parameters are valid only with env=yes")
		}
	}
	return nil
}

// readCrontab loads the cron file or the user's crontab (crontab -l).
func readCrontab(ctx context.Context, fs *hostfile.FS, a args) (*crontab, error) {
	tab := &crontab{user: a.str("user")}
	if f := a.str("cron_file"); f != "" {
		tab.file = f
		if !path.IsAbs(f) {
			tab.file = path.Join("/etc/cron.d", f)
		}
		res, err := fs.Run(ctx, "cat "+hostfile.Quote(tab.file)+" 2>/dev/null")
		if err != nil {
			return nil, err
		}
		tab.existing = res.Stdout
		tab.lines = splitLines(res.Stdout)
		return tab, nil
	}
	res, err := fs.Run(ctx, tab.crontabCmd("-l")+" 2>/dev/null")
	if err != nil {
		return nil, err
	}
	tab.existing = res.Stdout
	for i, l := range splitLines(res.Stdout) {
		if i <= 2 && (strings.HasPrefix(l, "# DO NOT EDIT THIS FILE - edit the master and reinstall.") ||
			strings.HasPrefix(l, "# (/tmp/") && strings.Contains(l, "installed on") || strings.HasPrefix(l, "# (") && strings.Contains(l, "version")) {
			tab.existing = strings.Replace(tab.existing, l+"\n", "", 1)
			continue
		}
		tab.lines = append(tab.lines, l)
	}
	return tab, nil
}

func (t *crontab) crontabCmd(arg string) string {
	if t.user != "" {
		return "crontab -u " + hostfile.Quote(t.user) + " " + arg
	}
	return "crontab " + arg
}

func (t *crontab) header() string {
	switch {
	case t.file != "":
		return t.file
	case t.user != "":
		return fmt.Sprintf("crontab for user \"%s\"", t.user)
	}
	return "crontab"
}

func (t *crontab) render() string {
	out := strings.Join(t.lines, "\n")
	if out != "" {
		out = strings.TrimRight(out, "\r\n") + "\n"
	}
	return out
}

func (t *crontab) isEmpty() bool {
	for _, l := range t.lines {
		if strings.TrimSpace(l) != "" {
			return false
		}
	}
	return true
}

// write installs the crontab: the cron file directly, a user crontab through crontab(1).
func (t *crontab) write(ctx context.Context, call *Call, fs *hostfile.FS) error {
	if t.file != "" {
		info, err := fs.Stat(ctx, t.file, hostfile.StatOptions{})
		if err != nil {
			return err
		}
		mode := ""
		if !info.Exists {
			mode = "0644"
		}
		return fs.Write(ctx, info, []byte(t.render()), hostfile.Attrs{Mode: mode})
	}
	res, err := call.Conn.Run(ctx, commandWithStdin(t.crontabCmd("-"), []byte(t.render()), call))
	if err != nil {
		return err
	}
	if res.RC != 0 {
		return fmt.Errorf("crontab failed: %s", strings.TrimSpace(res.Stderr))
	}
	return nil
}

// removeCronFile describes deleting a cron file left without entries.
func removeCronFile(ctx context.Context, call *Call, fs *hostfile.FS, tab *crontab, before string) (*Planned, error) {
	a := args(call.Args)
	info, err := fs.Stat(ctx, tab.file, hostfile.StatOptions{})
	if err != nil {
		return nil, err
	}
	out := &Result{Changed: info.Exists, Data: map[string]any{"cron_file": a.str("cron_file"), "state": "absent"}}
	if call.Diff {
		out.Diffs = []modspec.Diff{{BeforeHeader: tab.file, AfterHeader: "/dev/null", Before: before}}
	}
	return planned(out, func(ctx context.Context, call *Call) (*Result, error) {
		if info.Exists {
			if err := fs.Remove(ctx, tab.file, false); err != nil {
				return nil, err
			}
		}
		return reportedTo(out, call), nil
	}), nil
}
