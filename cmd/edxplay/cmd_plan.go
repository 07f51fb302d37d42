package main

import (
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/internal/plan"
	"github.com/edxplay/edxplay/internal/report"
)

func planCommand() *cli.Command {
	return &cli.Command{
		Name:      "plan",
		Usage:     "predict, without changing anything, what a playbook would change, and save it for review and apply",
		ArgsUsage: "PLAYBOOK",
		Description: `Runs PLAYBOOK in check mode and saves, per host and task, the module, its
arguments (secrets removed) and a fingerprint of the state it saw, to -o FILE.
Review it with 'edxplay show FILE'; apply exactly it with 'edxplay apply FILE'.
With --detailed-exitcode: 0 nothing to change, 2 changes pending, 3 a host failed,
4 a host unreachable.`,
		Flags: append(runFlags(),
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "plan.json", Usage: "write the plan to `FILE`"}),
		Action: planAction,
	}
}

func applyCommand() *cli.Command {
	return &cli.Command{
		Name:      "apply",
		Usage:     "apply a saved plan; hosts whose state drifted since the plan are refused",
		ArgsUsage: "PLAN",
		Description: `Re-reads the plan's playbook, inventory and overrides, checks every host in
check mode and compares with the plan: a host whose state or task arguments no
longer match is refused (with the task and the reason); the others are applied.
Exit codes: 0 all applied, 2 a host failed or was refused for drift, 4 unreachable.`,
		Flags: append(vaultSecretFlags(), &cli.IntFlag{Name: "forks", Aliases: []string{"f"}, Value: 100, Usage: "hosts at once"},
			&cli.StringSliceFlag{Name: "extra-vars", Aliases: []string{"e"}, Usage: "the plan's inline -e key=value arguments, again (they are not stored in the plan)"}),
		Action: applyAction,
	}
}

func showCommand() *cli.Command {
	return &cli.Command{
		Name:      "show",
		Usage:     "print a saved plan for review",
		ArgsUsage: "PLAN",
		Flags:     []cli.Flag{&cli.BoolFlag{Name: "all", Usage: "also list tasks that change nothing"}},
		Action: func(c *cli.Context) error {
			p, err := plan.Load(c.Args().First())
			if err != nil {
				return withCode(exitUsage, err)
			}
			p.Show(c.App.Writer, c.Bool("all"))
			return nil
		},
	}
}

func planAction(c *cli.Context) error {
	if c.NArg() != 1 {
		return withCode(exitUsage, fmt.Errorf("plan needs exactly one PLAYBOOK argument"))
	}
	s, err := loadSession(c, c.Args().First())
	if err != nil {
		return err
	}
	rec, err := plan.NewRecorder(redact)
	if err != nil {
		return withCode(exitError, err)
	}
	// Diffs are always computed: their before sides fingerprint the state.
	sum, err := s.runWith(c, func(o *engine.Options) { o.Check, o.Diff, o.Recorder = true, true, rec })
	if err != nil {
		return err
	}
	p := &plan.Plan{Version: plan.Version, Created: time.Now().UTC(), Key: rec.Key(),
		Inputs: s.planInputs(c, rec), Hosts: rec.Hosts()}
	if err := p.Save(c.String("out")); err != nil {
		return withCode(exitError, err)
	}
	fmt.Fprintf(c.App.ErrWriter, "plan saved to %s: ", c.String("out"))
	for _, h := range p.SortedHosts() {
		fmt.Fprintf(c.App.ErrWriter, "%s %d to change; ", h, p.Changes(h))
	}
	fmt.Fprintln(c.App.ErrWriter)
	return summaryCode(sum, c.Bool("detailed-exitcode"))
}

// planInputs records the session's inputs with absolute paths.
func (s *session) planInputs(c *cli.Context, rec *plan.Recorder) plan.Inputs {
	wd, _ := os.Getwd()
	in := plan.Inputs{Playbook: s.pbPath, Limit: c.String("limit"), WorkDir: wd,
		Tags: splitList(c.StringSlice("tags")), SkipTags: splitList(c.StringSlice("skip-tags"))}
	for _, i := range s.invSources {
		if abs, err := filepath.Abs(i); err == nil && !strings.Contains(i, ",") {
			i = abs
		}
		in.Inventory = append(in.Inventory, i)
	}
	in.ExtraVars = rec.RecordExtraVars(c.StringSlice("extra-vars"), func(p string) string {
		if abs, err := filepath.Abs(p); err == nil {
			return abs
		}
		return p
	})
	return in
}

func applyAction(c *cli.Context) error {
	p, err := plan.Load(c.Args().First())
	if err != nil {
		return withCode(exitUsage, err)
	}
	extra, err := p.ExtraVars(c.StringSlice("extra-vars"))
	if err != nil {
		return withCode(exitUsage, err)
	}
	s, err := loadSessionFrom(c, sessionInputs{playbook: p.Inputs.Playbook, inventory: p.Inputs.Inventory,
		extraVars: extra})
	if err != nil {
		return err
	}
	key, err := hex.DecodeString(p.Key)
	if err != nil {
		return withCode(exitUsage, fmt.Errorf("plan key: %w", err))
	}
	ok, drifts, err := s.verify(c, p, key)
	if err != nil {
		return err
	}
	for _, d := range drifts {
		fmt.Fprintf(c.App.ErrWriter, "REFUSED (drift) %s\n", redact(d.Error()))
	}
	if len(ok) == 0 {
		return withCode(exitFailed, fmt.Errorf("no host can be applied: every host drifted since the plan"))
	}
	sum, err := s.execute(c, engine.Options{Limit: strings.Join(ok, ","), Tags: p.Inputs.Tags,
		SkipTags: p.Inputs.SkipTags, Forks: c.Int("forks"), ExtraVars: s.extraVars}, report.NewHuman(redactingWriter{c.App.Writer}, 0, false))
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
func (s *session) verify(c *cli.Context, p *plan.Plan, key []byte) ([]string, []plan.Drift, error) {
	rec := plan.NewRecorderWithKey(key, redact)
	limit := strings.Join(p.SortedHosts(), ",")
	_, err := s.execute(c, engine.Options{Check: true, Diff: true, Recorder: rec, Limit: limit, Tags: p.Inputs.Tags,
		SkipTags: p.Inputs.SkipTags, Forks: c.Int("forks"), ExtraVars: s.extraVars}, quietReporter{})
	if err != nil {
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
