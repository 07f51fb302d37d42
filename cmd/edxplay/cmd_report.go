package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/edxplay/edxplay/internal/report"
)

const reportMergeHelp = `Merges the JSON event streams (run --output json) of the slices of one
sliced run (run --slice I/N) into one PLAY RECAP on stdout, one JUnit report
(--junit FILE) and one exit code for the whole run, as run gives for a run
in one process: 0 every host ok, 2 a host failed, 4 a host was unreachable
(with --detailed-exitcode: 2 changes pending, 3 failed). Every slice 1..N
must be given exactly once. See docs/slicing.md.`

// reportMergeOpts are report merge's parsed flags.
type reportMergeOpts struct {
	JUnit            string
	DetailedExitcode bool
}

func reportCommand() *cli.Command {
	o := &reportMergeOpts{}
	return &cli.Command{
		Name:  "report",
		Usage: "work with the reports of runs",
		Subcommands: []*cli.Command{{
			Name:        "merge",
			Usage:       "merge the JSON event streams of a sliced run's slices",
			ArgsUsage:   "SLICE.jsonl...",
			Description: reportMergeHelp,
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "junit", Destination: &o.JUnit, Usage: "write the merged JUnit XML report to `FILE`"},
				&cli.BoolFlag{Name: "detailed-exitcode", Destination: &o.DetailedExitcode,
					Usage: "exit 0 when nothing changed, 2 when something changed (as run)"},
			},
			Action: o.action,
		}},
	}
}

func (o *reportMergeOpts) action(c *cli.Context) error {
	if c.NArg() == 0 {
		return withCode(exitUsage, fmt.Errorf("report merge needs the event stream of every slice"))
	}
	var streams []*report.Stream
	for _, name := range c.Args().Slice() {
		s, err := readStream(name)
		if err != nil {
			return withCode(exitError, err)
		}
		streams = append(streams, s)
	}
	m, err := report.Merge(streams)
	if err != nil {
		return withCode(exitError, err)
	}
	m.WriteRecap(c.App.Writer)
	if o.JUnit != "" {
		if err := writeJUnitFile(o.JUnit, m); err != nil {
			return withCode(exitError, err)
		}
	}
	return summaryCode(m.Summary(), o.DetailedExitcode)
}

func readStream(name string) (*report.Stream, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("event stream: %w", err)
	}
	defer f.Close()
	return report.ReadStream(name, f)
}

func writeJUnitFile(path string, m *report.Merged) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("junit report: %w", err)
	}
	if err := m.WriteJUnit(f); err != nil {
		_ = f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("junit report: %w", err)
	}
	return nil
}
