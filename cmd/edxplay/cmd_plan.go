package main

import (
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/edxplay/edxplay/internal/plan"
)

// planOpts are plan's parsed flags: run's, and the plan file.
type planOpts struct {
	runOpts
	Out string
}

func planCommand() *cli.Command {
	o := &planOpts{}
	return &cli.Command{
		Name:      "plan",
		Usage:     "predict, without changing anything, what a playbook would change, and save it for review and apply",
		ArgsUsage: "PLAYBOOK",
		Description: `Runs PLAYBOOK in check mode and saves, per host and task, the module, its
arguments (secrets removed), its predicted diffs and a fingerprint of the state it
saw, to -o FILE (mode 0600).
The plan is self-contained: it holds the playbook, inventory and every file input
by digest, the -e values (vault-encrypted when a vault secret is given), --limit,
--tags, -u, -c, the become and SSH options, and the vault ids by reference.
Review it with 'edxplay show FILE'; apply exactly it, once, with 'edxplay apply FILE'.
With --detailed-exitcode: 0 nothing to change, 2 changes pending, 3 a host failed,
4 a host unreachable.`,
		Flags: append(o.runOpts.flags(),
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "plan.json", Destination: &o.Out, Usage: "write the plan to `FILE`"}),
		Action: o.action,
	}
}

func (o *planOpts) action(c *cli.Context) error {
	if c.NArg() != 1 {
		return withCode(exitUsage, fmt.Errorf("plan needs exactly one PLAYBOOK argument"))
	}
	s, err := loadSession(c.Context, &o.inputFlags, c.Args().First())
	if err != nil {
		return err
	}
	rec, err := plan.NewRecorder(redact)
	if err != nil {
		return withCode(exitError, err)
	}
	sel := o.selection()
	in, err := s.planInputs(o, sel, rec)
	if err != nil {
		return withCode(exitError, err)
	}
	opts := engineOptions(sel, o.outputFlags, s.extraVars, s.cfg)
	// Diffs are always computed: their before sides fingerprint the state.
	opts.Check, opts.Diff, opts.Recorder = true, true, rec
	sum, err := s.runWithOutput(c, &o.execFlags, opts)
	if err != nil {
		return err
	}
	id, err := plan.NewID()
	if err != nil {
		return withCode(exitError, err)
	}
	p := &plan.Plan{Version: plan.Version, ID: id, Created: time.Now().UTC(), Key: rec.Key(), Inputs: in, Hosts: rec.Hosts()}
	if err := p.Save(o.Out); err != nil {
		return withCode(exitError, err)
	}
	fmt.Fprintf(c.App.ErrWriter, "plan %s saved to %s\n", p.ID, o.Out)
	for _, h := range p.SortedHosts() {
		fmt.Fprintf(c.App.ErrWriter, "  %s: %s\n", h, p.Summary(h))
	}
	return summaryCode(sum, o.DetailedExitcode)
}
