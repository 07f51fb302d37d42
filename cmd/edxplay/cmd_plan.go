package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
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
arguments (secrets removed) and a fingerprint of the state it saw, to -o FILE.
The plan also records --limit, --tags, --skip-tags, --start-at-task, --strategy,
-u, -c and the become options: apply runs with them again.
Review it with 'edxplay show FILE'; apply exactly it with 'edxplay apply FILE'.
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
	opts := engineOptions(sel, o.outputFlags, s.extraVars, s.cfg)
	// Diffs are always computed: their before sides fingerprint the state.
	opts.Check, opts.Diff, opts.Recorder = true, true, rec
	sum, err := s.runWithOutput(c, &o.execFlags, opts)
	if err != nil {
		return err
	}
	p := &plan.Plan{Version: plan.Version, Created: time.Now().UTC(), Key: rec.Key(),
		Inputs: s.planInputs(sel, o.ExtraVars.Value(), rec), Hosts: rec.Hosts()}
	if err := p.Save(o.Out); err != nil {
		return withCode(exitError, err)
	}
	fmt.Fprintf(c.App.ErrWriter, "plan saved to %s: ", o.Out)
	for _, h := range p.SortedHosts() {
		fmt.Fprintf(c.App.ErrWriter, "%s %d to change; ", h, p.Changes(h))
	}
	fmt.Fprintln(c.App.ErrWriter)
	return summaryCode(sum, o.DetailedExitcode)
}

// planInputs records the session's inputs with absolute paths.
func (s *session) planInputs(sel selection, extraVars []string, rec *plan.Recorder) plan.Inputs {
	wd, _ := os.Getwd()
	in := plan.Inputs{Playbook: s.pbPath, WorkDir: wd}
	recordSelection(&in, sel)
	for _, i := range s.invSources {
		if abs, err := filepath.Abs(i); err == nil && !strings.Contains(i, ",") {
			i = abs
		}
		in.Inventory = append(in.Inventory, i)
	}
	in.ExtraVars = rec.RecordExtraVars(extraVars, func(p string) string {
		if abs, err := filepath.Abs(p); err == nil {
			return abs
		}
		return p
	})
	return in
}
