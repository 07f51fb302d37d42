package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/edxplay/edxplay/inventory"
)

// inventoryOpts are the inventory command's parsed flags.
type inventoryOpts struct {
	Inventory   cli.StringSlice
	List        bool
	Graph       bool
	Host        string
	Vars        bool
	PlaybookDir string
}

func inventoryCommand() *cli.Command {
	o := &inventoryOpts{}
	return &cli.Command{
		Name:  "inventory",
		Usage: "show the inventory as ansible-inventory does (--list, --graph, --host)",
		Description: `Prints the parsed inventory. --list prints the same JSON as
'ansible-inventory --list', --graph the group tree, --host HOST one host's variables.`,
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "inventory", Aliases: []string{"i"}, Destination: &o.Inventory, Usage: "inventory `PATH`"},
			&cli.BoolFlag{Name: "list", Destination: &o.List, Usage: "print all hosts, groups and variables as JSON"},
			&cli.BoolFlag{Name: "graph", Destination: &o.Graph, Usage: "print the group tree (optionally of the GROUP argument)"},
			&cli.StringFlag{Name: "host", Destination: &o.Host, Usage: "print the variables of `HOST` as JSON"},
			&cli.BoolFlag{Name: "vars", Destination: &o.Vars, Usage: "with --graph, also show variables"},
			&cli.StringFlag{Name: "playbook-dir", Destination: &o.PlaybookDir, Usage: "also read group_vars/host_vars beside this `DIR`"},
		},
		Action: o.action,
	}
}

func (o *inventoryOpts) action(c *cli.Context) error {
	inv, err := inventory.Load(o.Inventory.Value(), inventory.Options{PlaybookDir: o.PlaybookDir})
	if err != nil {
		return withCode(exitParse, err)
	}
	var out []byte
	switch {
	case o.List:
		out, err = inventory.ListJSON(inv)
	case o.Host != "":
		out, err = inventory.HostJSON(inv, o.Host)
	case o.Graph:
		group := "all"
		if c.NArg() > 0 {
			group = c.Args().First()
		}
		var s string
		s, err = inventory.Graph(inv, group, o.Vars)
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
