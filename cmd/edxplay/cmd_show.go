package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/edxplay/edxplay/internal/plan"
)

// showOpts are show's parsed flags.
type showOpts struct {
	All bool
}

func showCommand() *cli.Command {
	o := &showOpts{}
	return &cli.Command{
		Name:      "show",
		Usage:     "print a saved plan for review",
		ArgsUsage: "PLAN",
		Flags:     []cli.Flag{&cli.BoolFlag{Name: "all", Destination: &o.All, Usage: "also list tasks that change nothing"}},
		Action:    o.action,
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
	p.Show(c.App.Writer, o.All)
	return nil
}
