package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/edxplay/edxplay/engine"
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
   99  interrupted (Ctrl-C)

With --detailed-exitcode (for CI, with --check or plan):
   0   nothing to change
   2   changes pending (or check mode could not predict a task: see "unknown")
   3   one or more hosts failed
   4   one or more hosts were unreachable
   1   any other error`

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
		&cli.BoolFlag{Name: "detailed-exitcode", Usage: "exit 0 when nothing changes, 2 when changes are pending (see Exit codes)"},
		&cli.BoolFlag{Name: "list-hosts", Usage: "list the hosts each play would run on"},
		&cli.BoolFlag{Name: "list-tasks", Usage: "list the tasks that would run"},
		&cli.BoolFlag{Name: "list-tags", Usage: "list all available tags"},
		&cli.BoolFlag{Name: "syntax-check", Usage: "check the playbook's syntax; run nothing"},
		&cli.StringFlag{Name: "start-at-task", Usage: "start the playbook at the task with this `NAME`"},
		&cli.StringFlag{Name: "strategy", Usage: "override the play strategy (linear, free)"},
		&cli.BoolFlag{Name: "force-handlers", Usage: "run notified handlers even on hosts that failed"},
		&cli.StringFlag{Name: "private-key", Aliases: []string{"key-file"}, Usage: "SSH private key `FILE`"},
		&cli.StringFlag{Name: "ssh-config", Aliases: []string{"F"}, Usage: "ssh_config `FILE` (default ~/.ssh/config; \"none\" for none)"},
		&cli.StringFlag{Name: "host-key-checking", Usage: "host key policy: strict (default), accept-new (record unknown keys), off (ignore keys: unsafe)"},
		&cli.IntFlag{Name: "timeout", Aliases: []string{"T"}, Usage: "SSH connect timeout in `SECONDS` (default 10)"},
		&cli.IntFlag{Name: "connect-retries", Usage: "retries, with backoff, of a failed SSH connect (default 2)"},
		&cli.StringFlag{Name: "ssh-common-args", Usage: "OpenSSH-style options for every host (-o ProxyJump=..., -J, -F, -i)"},
		&cli.BoolFlag{Name: "ask-pass", Aliases: []string{"k"}, Usage: "ask for the SSH password"},
		&cli.BoolFlag{Name: "ask-become-pass", Aliases: []string{"K"}, Usage: "ask for the privilege escalation password"},
		&cli.StringFlag{Name: "output", Value: "human", Usage: "`FORMAT` of stdout: human, or json (one JSON event per line; human output goes to stderr)"},
		&cli.StringFlag{Name: "junit", Usage: "write a JUnit XML report of the run to `FILE`"},
		&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Count: new(int), Usage: "verbose output (-vvv for more)"},
	)
}

// commonFlags are shared by commands that read an inventory and variables.
func commonFlags() []cli.Flag {
	return append(vaultSecretFlags(),
		&cli.StringSliceFlag{Name: "inventory", Aliases: []string{"i"}, Usage: "inventory `PATH` or comma-separated host list"},
		&cli.StringSliceFlag{Name: "extra-vars", Aliases: []string{"e"}, Usage: "set variables: key=value, @file.yml or a YAML/JSON mapping"},
	)
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

// execute runs the playbook with the command line's options and maps the
// outcome to an exit code.
func execute(c *cli.Context, s *session) error {
	sum, err := s.runWith(c, nil)
	if err != nil {
		return err
	}
	return summaryCode(sum, c.Bool("detailed-exitcode"))
}

// runOptions are the engine options given by run's flags.
func (s *session) runOptions(c *cli.Context) engine.Options {
	return engine.Options{Check: c.Bool("check"), Diff: c.Bool("diff"), Forks: c.Int("forks"),
		Tags: splitList(c.StringSlice("tags")), SkipTags: splitList(c.StringSlice("skip-tags")),
		Limit: c.String("limit"), ExtraVars: s.extraVars, Verbosity: c.Count("verbose"),
		StartAtTask: c.String("start-at-task"), Become: c.Bool("become"), BecomeUser: c.String("become-user"),
		BecomeMethod: c.String("become-method"), RemoteUser: c.String("user"),
		Connection: c.String("connection"), Strategy: c.String("strategy"), ForceHandlers: c.Bool("force-handlers"),
		NoProbeCache: os.Getenv("EDXPLAY_PROBE_CACHE") == "off"}
}

// runWith runs with run's flags, adjusted by mutate, and human output.
func (s *session) runWith(c *cli.Context, mutate func(*engine.Options)) (*engine.Summary, error) {
	opts := s.runOptions(c)
	if mutate != nil {
		mutate(&opts)
	}
	out, err := newRunOutput(c, opts.Verbosity, c.Bool("diff"))
	if err != nil {
		return nil, withCode(exitUsage, err)
	}
	sum, err := s.execute(c, opts, out.reporter)
	if ferr := out.finish(); ferr != nil {
		if err == nil && !sum.AnyFailed() && !sum.AnyUnreachable() {
			return nil, withCode(exitError, ferr)
		}
		fmt.Fprintln(c.App.ErrWriter, "[WARNING]:", ferr)
	}
	return sum, err
}

// execute runs the playbook over the transports with opts and reporter.
func (s *session) execute(c *cli.Context, opts engine.Options, reporter engine.Reporter) (*engine.Summary, error) {
	sshOpts, err := s.sshOptions(c)
	if err != nil {
		return nil, withCode(exitUsage, err)
	}
	if c.Bool("ask-become-pass") {
		if opts.BecomePassword, err = promptSecret("BECOME password: "); err != nil {
			return nil, withCode(exitUsage, err)
		}
	}
	dialer := newDialer(sshOpts)
	defer dialer.Close()
	runner := &engine.Runner{Opts: opts, Inv: s.inv, InvSrcs: s.invSources, Dialer: dialer,
		Reporter: reporter, Loader: s.loader, Jinja: s.jinja}
	sum, err := runner.Run(c.Context, s.pb)
	if err != nil {
		if c.Context.Err() != nil {
			return nil, withCode(exitInterrupted, fmt.Errorf("user interrupted execution"))
		}
		return nil, withCode(exitError, err)
	}
	return sum, nil
}

// summaryCode maps a run's outcome to its exit code.
func summaryCode(sum *engine.Summary, detailed bool) error {
	switch {
	case sum.AnyUnreachable():
		return withCode(exitUnreachable, nil)
	case sum.AnyFailed() && detailed:
		return withCode(exitDetailedFailed, nil)
	case sum.AnyFailed():
		return withCode(exitFailed, nil)
	case detailed && (sum.AnyChanged() || sum.AnyUnknown()):
		return withCode(exitChangesPending, nil)
	}
	return nil
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
