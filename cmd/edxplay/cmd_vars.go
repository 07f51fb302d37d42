package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/internal/pyvalue"
)

// varsOpts are vars' parsed flags.
type varsOpts struct {
	inputFlags
	Host     string
	Playbook string
}

func varsCommand() *cli.Command {
	o := &varsOpts{}
	return &cli.Command{
		Name:      "vars",
		Usage:     "print a variable's final value on a host and which layer set it",
		ArgsUsage: "NAME",
		Description: `Resolves NAME as the playbook (default edx-site.yml) would see it on HOST:
role defaults, inventory, group_vars/host_vars, play vars, vars_files, role vars
and -e overrides, in Ansible's precedence order; every layer that defines it is listed.`,
		Flags: append(o.inputFlags.flags(),
			&cli.StringFlag{Name: "host", Required: true, Destination: &o.Host, Usage: "the inventory `HOST`"},
			&cli.StringFlag{Name: "playbook", Value: "edx-site.yml", Destination: &o.Playbook, Usage: "the `PLAYBOOK` whose variables are used"},
		),
		Action: o.action,
	}
}

func (o *varsOpts) action(c *cli.Context) error {
	if c.NArg() != 1 {
		return withCode(exitUsage, fmt.Errorf("vars needs exactly one variable NAME"))
	}
	s, err := loadSession(c.Context, &o.inputFlags, o.Playbook)
	if err != nil {
		return err
	}
	runner := &engine.Runner{Opts: engineOptions(selection{}, outputFlags{}, s.extraVars, s.cfg),
		Inv: s.inv, InvSrcs: s.invSources, Reporter: quietReporter{}, Loader: s.loader, Jinja: s.jinja}
	ex, err := runner.Explain(s.pb, o.Host, c.Args().First())
	if err != nil {
		return withCode(exitError, err)
	}
	fmt.Fprintln(c.App.Writer, pyvalue.DumpJSON(ex.Value, 4))
	fmt.Fprintf(c.App.ErrWriter, "set by: %s\n", ex.Layer)
	if len(ex.Layers) > 1 {
		fmt.Fprintf(c.App.ErrWriter, "also defined in (lowest first): %s\n", strings.Join(ex.Layers[:len(ex.Layers)-1], "; "))
	}
	return nil
}
