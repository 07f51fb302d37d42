package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/edxplay/edxplay/modules"
)

func docCommand() *cli.Command {
	return &cli.Command{
		Name:      "doc",
		Usage:     "show a module's arguments and an example (--list: every module)",
		ArgsUsage: "MODULE",
		Flags:     []cli.Flag{&cli.BoolFlag{Name: "list", Aliases: []string{"l"}, Usage: "list the available modules"}},
		Action: func(c *cli.Context) error {
			if c.Bool("list") {
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
		},
	}
}
