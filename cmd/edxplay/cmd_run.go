package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/report"
)

const runHelp = `Runs PLAYBOOK against the hosts of the inventory, as ansible-playbook does.
A PLAYBOOK that is not a file is looked up among the built-in playbooks
(edxplay run edx-stateless.yml works from any directory).

Exit codes:
   0   every host ok (or changed)
   1   an error stopped the run
   2   one or more hosts failed
   4   one or more hosts were unreachable, or the playbook/inventory could not be parsed
   5   bad command-line options
   99  interrupted (Ctrl-C)`

func runCommand() *cli.Command {
	return &cli.Command{
		Name:        "run",
		Aliases:     []string{"playbook"},
		Usage:       "run a playbook",
		ArgsUsage:   "PLAYBOOK",
		Description: runHelp,
		Flags:       runFlags(),
		Action:      runAction,
	}
}

func runFlags() []cli.Flag {
	return append(commonFlags(),
		&cli.StringFlag{Name: "limit", Aliases: []string{"l"}, Usage: "further limit hosts to a `PATTERN`"},
		&cli.StringSliceFlag{Name: "tags", Aliases: []string{"t"}, Usage: "only run tasks tagged with these `TAGS`"},
		&cli.StringSliceFlag{Name: "skip-tags", Usage: "skip tasks tagged with these `TAGS`"},
		&cli.BoolFlag{Name: "check", Aliases: []string{"C"}, Usage: "don't make changes; predict what would change"},
		&cli.BoolFlag{Name: "diff", Aliases: []string{"D"}, Usage: "show the differences in changed files and state"},
		&cli.IntFlag{Name: "forks", Aliases: []string{"f"}, Value: 100, Usage: "how many hosts run a task at once"},
		&cli.StringFlag{Name: "user", Aliases: []string{"u"}, Usage: "connect as this `USER`"},
		&cli.BoolFlag{Name: "become", Aliases: []string{"b"}, Usage: "run operations with become (sudo)"},
		&cli.StringFlag{Name: "become-user", Usage: "become this `USER` (default root)"},
		&cli.StringFlag{Name: "become-method", Usage: "privilege escalation `METHOD` (sudo, su)"},
		&cli.StringFlag{Name: "connection", Aliases: []string{"c"}, Usage: "connection `TYPE` (ssh, local)"},
		&cli.BoolFlag{Name: "list-hosts", Usage: "list the hosts each play would run on"},
		&cli.BoolFlag{Name: "list-tasks", Usage: "list the tasks that would run"},
		&cli.BoolFlag{Name: "list-tags", Usage: "list all available tags"},
		&cli.BoolFlag{Name: "syntax-check", Usage: "check the playbook's syntax; run nothing"},
		&cli.StringFlag{Name: "start-at-task", Usage: "start the playbook at the task with this `NAME`"},
		&cli.StringFlag{Name: "strategy", Usage: "override the play strategy (linear, free)"},
		&cli.StringFlag{Name: "private-key", Aliases: []string{"key-file"}, Usage: "SSH private key `FILE`"},
		&cli.StringFlag{Name: "ssh-config", Aliases: []string{"F"}, Usage: "ssh_config `FILE` (default ~/.ssh/config; \"none\" for none)"},
		&cli.StringFlag{Name: "host-key-checking", Usage: "host key policy: strict (default), accept-new (record unknown keys), off (ignore keys: unsafe)"},
		&cli.IntFlag{Name: "timeout", Aliases: []string{"T"}, Usage: "SSH connect timeout in `SECONDS` (default 10)"},
		&cli.IntFlag{Name: "connect-retries", Usage: "retries, with backoff, of a failed SSH connect (default 2)"},
		&cli.StringFlag{Name: "ssh-common-args", Usage: "OpenSSH-style options for every host (-o ProxyJump=..., -J, -F, -i)"},
		&cli.BoolFlag{Name: "ask-pass", Aliases: []string{"k"}, Usage: "ask for the SSH password"},
		&cli.BoolFlag{Name: "ask-become-pass", Aliases: []string{"K"}, Usage: "ask for the privilege escalation password"},
		&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Count: new(int), Usage: "verbose output (-vvv for more)"},
		&cli.StringFlag{Name: "output", Value: "human", Usage: "`FORMAT` of stdout: human, or json (one JSON event per line; human output goes to stderr)"},
		&cli.StringFlag{Name: "junit", Usage: "write a JUnit XML report of the run to `FILE`"},
	)
}

// commonFlags are shared by commands that read an inventory and variables.
func commonFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "inventory", Aliases: []string{"i"}, Usage: "inventory `PATH` or comma-separated host list"},
		&cli.StringSliceFlag{Name: "extra-vars", Aliases: []string{"e"}, Usage: "set variables: key=value, @file.yml or a YAML/JSON mapping"},
	}
}

func runAction(c *cli.Context) error {
	if c.NArg() != 1 {
		return withCode(exitUsage, fmt.Errorf("run needs exactly one PLAYBOOK argument"))
	}
	s, err := loadSession(c, c.Args().First())
	if err != nil {
		return err
	}
	switch {
	case c.Bool("syntax-check"):
		fmt.Fprintf(c.App.Writer, "\nplaybook: %s\n", s.pbPath)
		return nil
	case c.Bool("list-hosts"):
		return listHosts(c, s)
	case c.Bool("list-tasks"), c.Bool("list-tags"):
		return listTasks(c, s)
	}
	return execute(c, s)
}

// execute runs the playbook and maps the outcome to an exit code.
func execute(c *cli.Context, s *session) error {
	verbosity := c.Count("verbose")
	opts := engine.Options{Check: c.Bool("check"), Diff: c.Bool("diff"), Forks: c.Int("forks"),
		Tags: splitList(c.StringSlice("tags")), SkipTags: splitList(c.StringSlice("skip-tags")),
		Limit: c.String("limit"), ExtraVars: s.extraVars, Verbosity: verbosity,
		StartAtTask: c.String("start-at-task"), Become: c.Bool("become"), BecomeUser: c.String("become-user"),
		BecomeMethod: c.String("become-method"), RemoteUser: c.String("user"),
		Connection: c.String("connection"), Strategy: c.String("strategy")}
	sshOpts, err := s.sshOptions(c)
	if err != nil {
		return withCode(exitUsage, err)
	}
	if c.Bool("ask-become-pass") {
		if opts.BecomePassword, err = promptSecret("BECOME password: "); err != nil {
			return withCode(exitUsage, err)
		}
	}
	out, err := newRunOutput(c, verbosity, opts.Diff)
	if err != nil {
		return withCode(exitUsage, err)
	}
	dialer := newDialer(sshOpts)
	defer dialer.Close()
	runner := &engine.Runner{Opts: opts, Inv: s.inv, InvSrcs: s.invSources, Dialer: dialer,
		Reporter: out.reporter, Loader: s.loader, Jinja: s.jinja}
	sum, err := runner.Run(c.Context, s.pb)
	if ferr := out.finish(); ferr != nil {
		if err == nil && !sum.AnyFailed() && !sum.AnyUnreachable() {
			return withCode(exitError, ferr)
		}
		fmt.Fprintln(c.App.ErrWriter, "[WARNING]:", ferr)
	}
	if err != nil {
		if c.Context.Err() != nil {
			return withCode(exitInterrupted, fmt.Errorf("user interrupted execution"))
		}
		return withCode(exitError, err)
	}
	switch {
	case sum.AnyUnreachable():
		return withCode(exitUnreachable, nil)
	case sum.AnyFailed():
		return withCode(exitFailed, nil)
	}
	return nil
}

// runOutput is the run's reporter, built from --output and --junit, with
// the live progress line when stderr is a terminal.
type runOutput struct {
	reporter  engine.Reporter
	json      *report.JSON
	junit     *report.JUnit
	junitFile *os.File
	progress  *report.Progress
}

// newRunOutput builds the reporters. The JUnit file is created now, so a
// bad path stops the run before it starts.
func newRunOutput(c *cli.Context, verbosity int, diff bool) (*runOutput, error) {
	o := &runOutput{}
	humanW := c.App.Writer
	switch format := c.String("output"); format {
	case "human":
	case "json":
		humanW = c.App.ErrWriter
		o.json = report.NewJSON(c.App.Writer)
	default:
		return nil, fmt.Errorf("--output must be human or json, not %q", format)
	}
	reps := []engine.Reporter{report.NewHuman(humanW, verbosity, diff)}
	if o.json != nil {
		reps = append(reps, o.json)
	}
	if path := c.String("junit"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			return nil, fmt.Errorf("junit report: %w", err)
		}
		o.junitFile, o.junit = f, report.NewJUnit()
		reps = append(reps, o.junit)
	}
	o.reporter = report.NewTee(reps...)
	if report.ProgressWanted(c.App.ErrWriter) {
		o.progress = report.NewProgress(c.App.ErrWriter, o.reporter)
		o.reporter = o.progress
	}
	return o, nil
}

// finish stops the progress line and writes the JUnit report.
func (o *runOutput) finish() error {
	if o.progress != nil {
		o.progress.Close()
	}
	var errs []error
	if o.json != nil {
		errs = append(errs, o.json.Err())
	}
	if o.junit != nil {
		if err := o.junit.WriteXML(o.junitFile); err != nil {
			errs = append(errs, err)
		}
		if err := o.junitFile.Close(); err != nil {
			errs = append(errs, fmt.Errorf("junit report: %w", err))
		}
	}
	return errors.Join(errs...)
}

// splitList splits comma-separated flag values.
func splitList(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}
