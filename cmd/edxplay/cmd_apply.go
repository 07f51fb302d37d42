package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/internal/plan"
	"github.com/edxplay/edxplay/internal/vault"
)

// applyOpts are apply's parsed flags: the vault password source and how
// the run prints. Everything that decides what runs comes from the plan.
type applyOpts struct {
	vaultFlags
	outputFlags
	// refused are the run flags apply does not take, parsed only to say so.
	refused runOpts
}

func (o *applyOpts) flags() []cli.Flag {
	own := concatFlags(o.vaultFlags.flags(), o.outputFlags.flags())
	taken := map[string]bool{}
	for _, f := range own {
		for _, n := range f.Names() {
			taken[n] = true
		}
	}
	for _, f := range o.refused.flags() {
		if !taken[f.Names()[0]] {
			hide(f)
			own = append(own, f)
		}
	}
	return own
}

// hide keeps a flag out of the help.
func hide(f cli.Flag) {
	switch x := f.(type) {
	case *cli.StringFlag:
		x.Hidden = true
	case *cli.BoolFlag:
		x.Hidden = true
	case *cli.IntFlag:
		x.Hidden = true
	case *cli.StringSliceFlag:
		x.Hidden = true
	}
}

func applyCommand() *cli.Command {
	o := &applyOpts{}
	return &cli.Command{
		Name:      "apply",
		Usage:     "apply a saved plan, once; a host whose state drifted since the plan is stopped",
		ArgsUsage: "PLAN",
		Description: `Runs the plan's playbook with the plan's inputs (inventory, -e values, --limit,
--tags, -u, -c, become and SSH options): apply takes no other run flags, only
the vault password source (by default the plan's) and output options.
It refuses a plan whose file inputs changed, or that was applied before (the
state file PLAN.applied records it). Before each change on a host, the task's
pre-state is read again and compared with the plan's: a mismatch stops that
host with a drift message naming the task and what differs; the other hosts go on.
Exit codes: 0 all applied, 2 a host failed or was stopped for drift, 4 unreachable,
5 bad options or a stale or already applied plan.`,
		Flags:  o.flags(),
		Action: o.action,
	}
}

func (o *applyOpts) action(c *cli.Context) error {
	if c.NArg() != 1 {
		return withCode(exitUsage, fmt.Errorf("apply needs exactly one PLAN argument"))
	}
	if err := o.refuseRunFlags(c); err != nil {
		return err
	}
	planPath := absPath(c.Args().First())
	p, err := plan.Load(planPath)
	if err != nil {
		return withCode(exitUsage, err)
	}
	if err := checkInputs(p, planPath); err != nil {
		return err
	}
	guard, err := plan.NewGuard(p)
	if err != nil {
		return withCode(exitUsage, err)
	}
	s, err := loadPlanned(c, p.Inputs, o.vaultFlags)
	if err != nil {
		return err
	}
	// recorded once everything is loaded, before any host is touched
	state, err := p.MarkApplied(planPath)
	if err != nil {
		return withCode(exitUsage, err)
	}
	sum, runErr := o.run(c, s, p, guard)
	drifts := guard.Drifts()
	for _, d := range drifts {
		fmt.Fprintf(c.App.ErrWriter, "REFUSED (drift) %s\n", redact(d.Error()))
	}
	if err := state.Finish(planPath, hostOutcomes(p, sum, drifts)); err != nil && runErr == nil {
		runErr = withCode(exitError, err)
	}
	if runErr != nil {
		return runErr
	}
	return summaryCode(sum, false)
}

// refuseRunFlags fails when a run flag was given: the plan holds them.
func (o *applyOpts) refuseRunFlags(c *cli.Context) error {
	own := map[string]bool{}
	for _, f := range concatFlags(o.vaultFlags.flags(), o.outputFlags.flags()) {
		own[f.Names()[0]] = true
	}
	for _, f := range o.refused.flags() {
		if name := f.Names()[0]; !own[name] && c.IsSet(name) {
			return withCode(exitUsage, fmt.Errorf("apply PLAN takes what to run from the plan: --%s was given; "+
				"make a new plan with it instead (apply takes only the vault password source and output options)", name))
		}
	}
	return nil
}

// checkInputs refuses a plan whose file inputs changed since it was made.
func checkInputs(p *plan.Plan, planPath string) error {
	if wd := p.Inputs.WorkDir; wd != "" {
		if err := os.Chdir(wd); err != nil {
			return withCode(exitUsage, fmt.Errorf("the plan's directory %s: %w", wd, err))
		}
	}
	d, err := p.Digester(planSkips(planPath)...)
	if err != nil {
		return withCode(exitUsage, err)
	}
	stale, err := p.StaleInputs(d, fileInputs(p.Inputs))
	if err != nil {
		return withCode(exitError, err)
	}
	if len(stale) > 0 {
		if len(stale) > 10 {
			stale = append(stale[:10], fmt.Sprintf("and %d more", len(stale)-10))
		}
		return withCode(exitUsage, fmt.Errorf("the plan is stale: its inputs changed since it was made (%s); make a new plan",
			strings.Join(stale, ", ")))
	}
	return nil
}

// loadPlanned loads the plan's playbook, inventory and -e values.
func loadPlanned(c *cli.Context, in plan.Inputs, given vaultFlags) (*session, error) {
	vf := plannedVault(in.Vault, given)
	return loadSessionFrom(c.Context, sessionInputs{playbook: in.Playbook, inventory: in.Inventory, vault: &vf,
		openExtraVars: func(sec vault.Secrets) ([]string, error) { return openExtraVars(in.ExtraVars, sec) }})
}

// run runs the plan's playbook on the plan's hosts, guarded.
func (o *applyOpts) run(c *cli.Context, s *session, p *plan.Plan, guard *plan.Guard) (*engine.Summary, error) {
	in := p.Inputs
	opts := engineOptions(plannedSelection(in.Selection, strings.Join(p.SortedHosts(), ",")), o.outputFlags, s.extraVars, s.cfg)
	opts.Guard = guard
	x := execFlags{transportFlags: plannedTransport(in.Transport), outputFlags: o.outputFlags}
	return s.runWithOutput(c, &x, opts)
}

// hostOutcomes is each planned host's outcome, for the state file.
func hostOutcomes(p *plan.Plan, sum *engine.Summary, drifts []plan.Drift) map[string]string {
	out := map[string]string{}
	for _, h := range p.SortedHosts() {
		out[h] = "applied"
		if sum == nil {
			out[h] = "not run"
			continue
		}
		if st, ok := sum.Stats[h]; ok {
			switch {
			case st.Unreachable > 0:
				out[h] = "unreachable"
			case st.Failed > 0:
				out[h] = "failed"
			}
		}
	}
	for _, d := range drifts {
		out[d.Host] = "refused (drift)"
	}
	return out
}
