package main

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/edxplay/edxplay/modules"
	"github.com/edxplay/edxplay/roles"
)

// docOpts are doc's parsed flags.
type docOpts struct {
	List bool
}

func docCommand() *cli.Command {
	o := &docOpts{}
	return &cli.Command{
		Name:      "doc",
		Usage:     "show a module's arguments and an example, or a built-in role's README (roles/NAME); --list: every module",
		ArgsUsage: "MODULE|roles/NAME",
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
	if name, ok := strings.CutPrefix(c.Args().First(), "roles/"); ok {
		return roleDoc(c, name)
	}
	text, err := modules.Doc(c.Args().First())
	if err != nil {
		return withCode(exitUsage, err)
	}
	fmt.Fprint(c.App.Writer, text)
	return nil
}

// roleDoc prints a built-in role's README.md.
func roleDoc(c *cli.Context, name string) error {
	if name == "" || strings.ContainsAny(name, "/.") {
		return withCode(exitUsage, fmt.Errorf("doc roles/NAME: bad role name %q", name))
	}
	text, err := fs.ReadFile(roles.FS, name+"/README.md")
	if err != nil {
		return withCode(exitUsage, fmt.Errorf("built-in role %s has no documentation (roles/%s/README.md)", name, name))
	}
	_, err = c.App.Writer.Write(text)
	return err
}
