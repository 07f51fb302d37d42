package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/edxplay/edxplay/modules"
)

// docOpts are doc's parsed flags.
type docOpts struct {
	List bool
}

func docCommand() *cli.Command {
	o := &docOpts{}
	return &cli.Command{
		Name:      "doc",
		Usage:     "show a module's arguments and an example (--list: every module)",
		ArgsUsage: "MODULE",
		Flags:     []cli.Flag{&cli.BoolFlag{Name: "list", Aliases: []string{"l"}, Destination: &o.List, Usage: "list the available modules"}},
		Action:    o.action,
	}
}

func (o *docOpts) action(c *cli.Context) error {
	if o.List {
		fmt.Fprint(c.App.Writer, modules.DocList())
		return nil
	}
	if c.NArg() != 1 {
		return withCode(exitUsage, fmt.Errorf("doc needs a MODULE name, or --list"))
	}
	text, err := modules.Doc(c.Args().First())
	if err != nil {
		return withCode(exitUsage, err)
	}
	fmt.Fprint(c.App.Writer, text)
	return nil
}
