package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/edxplay/edxplay/internal/plan"
)

// showOpts are show's parsed flags.
type showOpts struct {
	All  bool
	JSON bool
}

func showCommand() *cli.Command {
	o := &showOpts{}
	return &cli.Command{
		Name:      "show",
		Usage:     "print a saved plan for review",
		ArgsUsage: "PLAN",
		Description: `Prints, per host, "N to add, M to change, K unknown" and each task that would
change: its arguments and its diffs as --check --diff prints them, plus a
key-level diff of JSON and YAML configuration files (~ KEY: "A" → "B"). Secret
values (vault, no_log, the keys of auth files) are never shown.`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "all", Destination: &o.All, Usage: "also list tasks that change nothing"},
			&cli.BoolFlag{Name: "json", Destination: &o.JSON, Usage: "print the plan as JSON, for machines"},
		},
		Action: o.action,
	}
}

func (o *showOpts) action(c *cli.Context) error {
	if c.NArg() != 1 {
		return withCode(exitUsage, fmt.Errorf("show needs exactly one PLAN argument"))
	}
	p, err := plan.Load(c.Args().First())
	if err != nil {
		return withCode(exitUsage, err)
	}
	if o.JSON {
		if err := p.ShowJSON(c.App.Writer, o.All); err != nil {
			return withCode(exitError, err)
		}
		return nil
	}
	p.Show(c.App.Writer, o.All)
	return nil
}
