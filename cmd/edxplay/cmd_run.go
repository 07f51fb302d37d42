package main

import (
	"fmt"
	"os"

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

// runOpts are run's parsed flags.
type runOpts struct {
	inputFlags
	execFlags
	selectFlags
	DetailedExitcode bool
	ListHosts        bool
	ListTasks        bool
	ListTags         bool
	SyntaxCheck      bool
	Slice            string
}

func runCommand() *cli.Command {
	o := &runOpts{}
	return &cli.Command{
		Name:        "run",
		Aliases:     []string{"playbook"},
		Usage:       "run a playbook",
		ArgsUsage:   "PLAYBOOK...",
		Description: runHelp,
		Flags:       o.flags(),
		Action:      o.action,
	}
}

func (o *runOpts) flags() []cli.Flag {
	return concatFlags(o.inputFlags.flags(), o.execFlags.flags(), o.selectFlags.flags(), []cli.Flag{
		&cli.BoolFlag{Name: "detailed-exitcode", Destination: &o.DetailedExitcode,
			Usage: "exit 0 when nothing changes, 2 when changes are pending (see Exit codes)"},
		&cli.BoolFlag{Name: "list-hosts", Destination: &o.ListHosts, Usage: "list the hosts each play would run on"},
		&cli.BoolFlag{Name: "list-tasks", Destination: &o.ListTasks, Usage: "list the tasks that would run"},
		&cli.BoolFlag{Name: "list-tags", Destination: &o.ListTags, Usage: "list all available tags"},
		&cli.BoolFlag{Name: "syntax-check", Destination: &o.SyntaxCheck, Usage: "check the playbook's syntax; run nothing"},
		&cli.StringFlag{Name: "slice", Destination: &o.Slice, EnvVars: []string{"EDXPLAY_SLICE"},
			Usage: "run slice `I/N` of the hosts (host k of the inventory goes to slice k mod N + 1), or auto: " +
				"from a Kubernetes Indexed Job's or CI matrix's variables (docs/slicing.md)"},
	})
}

func (o *runOpts) action(c *cli.Context) error {
	if c.NArg() < 1 {
		return withCode(exitUsage, fmt.Errorf("run needs a PLAYBOOK argument"))
	}
	s, err := loadSession(c.Context, &o.inputFlags, c.Args().First())
	if err != nil {
		return err
	}
	for _, arg := range c.Args().Slice()[1:] {
		if err := s.addPlaybook(arg); err != nil {
			return err
		}
	}
	sel := o.selection()
	noteIgnoredSettings(c.App.ErrWriter, s.cfg, o.verbosity())
	slice, err := parseSlice(o.Slice, os.Getenv)
	if err != nil {
		return withCode(exitUsage, err)
	}
	switch {
	case o.SyntaxCheck:
		warnNotImplemented(c.App.ErrWriter, s.pb)
		warnPlugins(c.App.ErrWriter, s.pb)
		fmt.Fprintf(c.App.Writer, "\nplaybook: %s\n", s.pbShown)
		return nil
	case o.ListHosts:
		return s.listHosts(c.App.Writer, sel.Limit, slice)
	case o.ListTags || o.ListTasks:
		return s.printListing(c.App.Writer, o.ListTasks, sel.Tags, sel.SkipTags)
	}
	if err := s.promptPlayVars(c.App.Writer, c.App.ErrWriter); err != nil {
		return err
	}
	opts := engineOptions(sel, o.outputFlags, s.extraVars, s.cfg)
	opts.Slice = slice // a run's own: plan and apply do not slice
	sum, err := s.runWithOutput(c, &o.execFlags, opts)
	if err != nil {
		return err
	}
	return summaryCode(sum, o.DetailedExitcode)
}

// runWithOutput runs with opts and the reporters of the output flags.
func (s *session) runWithOutput(c *cli.Context, x *execFlags, opts engine.Options) (*engine.Summary, error) {
	out, err := newRunOutput(c, x.outputFlags, s.cfg)
	if err != nil {
		return nil, withCode(exitUsage, err)
	}
	if opts.Slice.Sliced() && out.json != nil {
		out.json.Slice(opts.Slice)
	}
	sum, err := s.execute(c, &x.transportFlags, opts, out.reporter)
	if ferr := out.finish(); ferr != nil {
		if err == nil && !sum.AnyFailed() && !sum.AnyUnreachable() {
			return nil, withCode(exitError, ferr)
		}
		fmt.Fprintln(c.App.ErrWriter, "[WARNING]:", ferr)
	}
	return sum, err
}

// execute runs the playbook over the transports with opts and reporter.
func (s *session) execute(c *cli.Context, t *transportFlags, opts engine.Options, reporter engine.Reporter) (*engine.Summary, error) {
	tc := configuredTransport(*t, s.cfg)
	sshOpts, err := sshOptionsOf(&tc, opts.RemoteUser)
	if err != nil {
		return nil, withCode(exitUsage, err)
	}
	if tc.AskBecomePass {
		if opts.BecomePassword, err = promptSecret("BECOME password: "); err != nil {
			return nil, withCode(exitUsage, err)
		}
	}
	dialer := newDialer(sshOpts)
	defer dialer.Close()
	runner := &engine.Runner{Opts: opts, Inv: s.inv, InvSrcs: s.invSources, Dialer: dialer,
		Reporter: reporter, Loader: s.loader, Jinja: s.jinja}
	sum, err := runner.RunAll(c.Context, s.playbooks())
	if err != nil {
		if c.Context.Err() != nil {
			return nil, withCode(exitInterrupted, errInterrupted)
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
