package main

import (
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/edxplay/edxplay/internal/plan"
)

// applyOpts are apply's parsed flags. What to run (hosts, tags, user,
// become) comes from the plan, not from flags.
type applyOpts struct {
	vaultFlags
	execFlags
	ExtraVars cli.StringSlice
}

func (o *applyOpts) flags() []cli.Flag {
	return concatFlags(o.vaultFlags.flags(), o.execFlags.flags(), []cli.Flag{
		&cli.StringSliceFlag{Name: "extra-vars", Aliases: []string{"e"}, Destination: &o.ExtraVars,
			Usage: "the plan's inline -e key=value arguments, again (they are not stored in the plan)"},
	})
}

func applyCommand() *cli.Command {
	o := &applyOpts{}
	return &cli.Command{
		Name:      "apply",
		Usage:     "apply a saved plan; hosts whose state drifted since the plan are refused",
		ArgsUsage: "PLAN",
		Description: `Re-reads the plan's playbook, inventory and overrides, checks every host in
check mode and compares with the plan: a host whose state or task arguments no
longer match is refused (with the task and the reason); the others are applied.
The plan's --limit, --tags, --skip-tags, --start-at-task, --strategy, -u, -c and
become options are used again; give the plan's inline -e key=value arguments
again (they are not stored in the plan), and the connection options as for run.
Exit codes: 0 all applied, 2 a host failed or was refused for drift, 4 unreachable.`,
		Flags:  o.flags(),
		Action: o.action,
	}
}

func (o *applyOpts) action(c *cli.Context) error {
	if c.NArg() != 1 {
		return withCode(exitUsage, fmt.Errorf("apply needs exactly one PLAN argument"))
	}
	p, err := plan.Load(c.Args().First())
	if err != nil {
		return withCode(exitUsage, err)
	}
	extra, err := p.ExtraVars(o.ExtraVars.Value())
	if err != nil {
		return withCode(exitUsage, err)
	}
	s, err := loadSessionFrom(c.Context, sessionInputs{playbook: p.Inputs.Playbook, inventory: p.Inputs.Inventory,
		extraVars: extra, vault: &o.vaultFlags})
	if err != nil {
		return err
	}
	ok, drifts, err := o.verify(c, s, p)
	if err != nil {
		return err
	}
	for _, d := range drifts {
		fmt.Fprintf(c.App.ErrWriter, "REFUSED (drift) %s\n", redact(d.Error()))
	}
	if len(ok) == 0 {
		return withCode(exitFailed, fmt.Errorf("no host can be applied: every host drifted since the plan"))
	}
	opts := engineOptions(plannedSelection(p.Inputs, strings.Join(ok, ",")), o.outputFlags, s.extraVars, s.cfg)
	sum, err := s.runWithOutput(c, &o.execFlags, opts)
	if err != nil {
		return err
	}
	if len(drifts) > 0 && !sum.AnyUnreachable() {
		return withCode(exitFailed, nil)
	}
	return summaryCode(sum, false)
}

// verify re-checks every planned host and splits them into those that
// still match the plan and those that drifted.
func (o *applyOpts) verify(c *cli.Context, s *session, p *plan.Plan) ([]string, []plan.Drift, error) {
	key, err := hex.DecodeString(p.Key)
	if err != nil {
		return nil, nil, withCode(exitUsage, fmt.Errorf("plan key: %w", err))
	}
	rec := plan.NewRecorderWithKey(key, redact)
	opts := engineOptions(plannedSelection(p.Inputs, strings.Join(p.SortedHosts(), ",")), o.outputFlags, s.extraVars, s.cfg)
	opts.Check, opts.Diff, opts.Recorder = true, true, rec
	if _, err := s.execute(c, &o.transportFlags, opts, quietReporter{}); err != nil {
		return nil, nil, err
	}
	now := rec.Hosts()
	var ok []string
	var drifts []plan.Drift
	for _, h := range p.SortedHosts() {
		if d := p.Compare(h, now[h]); d != nil {
			drifts = append(drifts, *d)
			continue
		}
		ok = append(ok, h)
	}
	return ok, drifts, nil
}
