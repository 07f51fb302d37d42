package main

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/edxplay/edxplay/internal/ansiblefilters"
	"github.com/edxplay/edxplay/internal/ansibletests"
	"github.com/edxplay/edxplay/internal/jinja2"
	"github.com/edxplay/edxplay/modules"
	"github.com/edxplay/edxplay/roles"
)

// docOpts are doc's parsed flags.
type docOpts struct {
	List    bool
	Filters bool
}

func docCommand() *cli.Command {
	o := &docOpts{}
	return &cli.Command{
		Name:      "doc",
		Usage:     "show a module's arguments and an example, or a built-in role's README (roles/NAME); --list: every module, --filters: template filters and tests",
		ArgsUsage: "MODULE|roles/NAME",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "list", Aliases: []string{"l"}, Destination: &o.List, Usage: "list the available modules"},
			&cli.BoolFlag{Name: "filters", Destination: &o.Filters, Usage: "list the template filters and tests"},
		},
		Action: o.action,
	}
}

func (o *docOpts) action(c *cli.Context) error {
	if o.List {
		fmt.Fprint(c.App.Writer, modules.DocList())
		return nil
	}
	if o.Filters {
		fmt.Fprint(c.App.Writer, filtersDoc())
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

// filtersDoc lists Ansible's filters, Jinja2's builtin filters and the
// template tests (Jinja2's and Ansible's).
func filtersDoc() string {
	env := jinja2.NewEnvironment(jinja2.AnsibleConfig(), nil)
	ansibletests.Register(env)
	ansible := ansiblefilters.Names()
	isAnsible := map[string]bool{}
	for _, n := range ansible {
		isAnsible[n] = true
	}
	var builtin []string
	for _, n := range env.FilterNames() {
		if !isAnsible[n] {
			builtin = append(builtin, n)
		}
	}
	var b strings.Builder
	for _, sec := range []struct {
		title string
		names []string
	}{{"Ansible filters", ansible}, {"Jinja2 filters", builtin},
		{"Open edX config-encoders filters", ansiblefilters.ConfigEncoderNames()}, {"Tests", env.TestNames()}} {
		fmt.Fprintf(&b, "%s (%d):\n", sec.title, len(sec.names))
		for _, n := range sec.names {
			fmt.Fprintf(&b, "  %s\n", n)
		}
	}
	return b.String()
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
