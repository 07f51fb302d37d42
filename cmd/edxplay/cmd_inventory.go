package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/edxplay/edxplay/inventory"
)

func inventoryCommand() *cli.Command {
	return &cli.Command{
		Name:  "inventory",
		Usage: "show the inventory as ansible-inventory does (--list, --graph, --host)",
		Description: `Prints the parsed inventory. --list prints the same JSON as
'ansible-inventory --list', --graph the group tree, --host HOST one host's variables.`,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "inventory", Aliases: []string{"i"}, Usage: "inventory `PATH`"},
			&cli.BoolFlag{Name: "list", Usage: "print all hosts, groups and variables as JSON"},
			&cli.BoolFlag{Name: "graph", Usage: "print the group tree (optionally of the GROUP argument)"},
			&cli.StringFlag{Name: "host", Usage: "print the variables of `HOST` as JSON"},
			&cli.BoolFlag{Name: "vars", Usage: "with --graph, also show variables"},
			&cli.StringFlag{Name: "playbook-dir", Usage: "also read group_vars/host_vars beside this `DIR`"},
		},
		Action: inventoryAction,
	}
}

func inventoryAction(c *cli.Context) error {
	inv, err := inventory.Load(c.StringSlice("inventory"), inventory.Options{PlaybookDir: c.String("playbook-dir")})
	if err != nil {
		return withCode(exitParse, err)
	}
	var out []byte
	switch {
	case c.Bool("list"):
		out, err = inventory.ListJSON(inv)
	case c.String("host") != "":
		out, err = inventory.HostJSON(inv, c.String("host"))
	case c.Bool("graph"):
		group := "all"
		if c.NArg() > 0 {
			group = c.Args().First()
		}
		var s string
		s, err = inventory.Graph(inv, group, c.Bool("vars"))
		out = []byte(s)
	default:
		return withCode(exitUsage, fmt.Errorf("one of --list, --graph or --host is required"))
	}
	if err != nil {
		return withCode(exitError, err)
	}
	_, err = c.App.Writer.Write(out)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		fmt.Fprintln(c.App.Writer)
	}
	return err
}
