package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/edxplay/edxplay/internal/pyvalue"
	"github.com/edxplay/edxplay/inventory"
)

// inventoryOpts are the inventory command's parsed flags.
type inventoryOpts struct {
	inputFlags
	List        bool
	Graph       bool
	Host        string
	Vars        bool
	YAML        bool
	TOML        bool
	Export      bool
	Output      string
	PlaybookDir string
	Limit       string
	verbose     int
}

func inventoryCommand() *cli.Command {
	o := &inventoryOpts{}
	return &cli.Command{
		Name:      "inventory",
		Usage:     "show the inventory as ansible-inventory does (--list, --graph, --host)",
		ArgsUsage: "[host|group]",
		Description: `Prints the parsed inventory. --list prints the same JSON as
'ansible-inventory --list' (--yaml: its YAML), --graph the group tree, --host HOST one
host's variables.`,
		Flags: append(o.inputFlags.flags(),
			&cli.BoolFlag{Name: "list", Destination: &o.List, Usage: "print all hosts, groups and variables as JSON"},
			&cli.BoolFlag{Name: "graph", Destination: &o.Graph, Usage: "print the group tree (optionally of the GROUP argument)"},
			&cli.StringFlag{Name: "host", Destination: &o.Host, Usage: "print the variables of `HOST` as JSON"},
			&cli.BoolFlag{Name: "vars", Destination: &o.Vars, Usage: "with --graph, also show variables"},
			&cli.BoolFlag{Name: "yaml", Aliases: []string{"y"}, Destination: &o.YAML, Usage: "YAML instead of JSON (not for --graph)"},
			&cli.BoolFlag{Name: "toml", Destination: &o.TOML, Usage: "TOML instead of JSON (not supported)"},
			&cli.BoolFlag{Name: "export", Destination: &o.Export,
				Usage: "with --list, group variables on their groups, not merged into hosts (default: ANSIBLE_INVENTORY_EXPORT)"},
			&cli.StringFlag{Name: "output", Destination: &o.Output, Usage: "with --list, write to `FILE` instead of the screen"},
			&cli.StringFlag{Name: "playbook-dir", Destination: &o.PlaybookDir, EnvVars: []string{"ANSIBLE_PLAYBOOK_DIR"},
				Usage: "also read group_vars/host_vars (and inventory_plugins/) beside this `DIR`"},
			&cli.StringFlag{Name: "limit", Aliases: []string{"l"}, Destination: &o.Limit, Usage: "refused, as by ansible-inventory"},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Count: &o.verbose, Usage: "more output (-vvv)"},
		),
		Action: o.action,
	}
}

// validate checks the actions as ansible-inventory does.
func (o *inventoryOpts) validate(c *cli.Context) error {
	if c.IsSet("limit") {
		return withCode(exitUsage, errors.New("unrecognized arguments: -l"))
	}
	used := 0
	for _, on := range []bool{o.List, o.Host != "", o.Graph} {
		if on {
			used++
		}
	}
	switch {
	case used == 0:
		return withCode(exitUsage, errors.New("No action selected, at least one of --host, --graph or --list needs to be specified."))
	case used > 1:
		return withCode(exitUsage, errors.New("Conflicting options used, only one of --host, --graph or --list can be used at the same time."))
	case o.TOML && !o.Graph:
		return withCode(exitUsage, errors.New("TOML output is not supported"))
	}
	return nil
}

func (o *inventoryOpts) action(c *cli.Context) error {
	if err := o.validate(c); err != nil {
		return err
	}
	if env, ok := os.LookupEnv("ANSIBLE_INVENTORY_EXPORT"); ok && !c.IsSet("export") {
		o.Export, _ = pyvalue.Boolean(env)
	}
	inv, extra, err := o.load(c)
	if err != nil {
		return err
	}
	out, err := o.render(inv, inventory.ListOptions{Export: o.Export, ExtraVars: extra}, c.Args().First())
	if err != nil {
		return err
	}
	if len(out) > 0 && out[len(out)-1] != '\n' {
		out = append(out, '\n')
	}
	if o.Output != "" && !o.Graph {
		if err := os.WriteFile(o.Output, out[:len(out)-1], 0o644); err != nil {
			return withCode(exitError, fmt.Errorf("Unable to write to destination file (%s): %w", o.Output, err))
		}
		return nil
	}
	_, err = c.App.Writer.Write(out)
	return err
}

// load reads the inventory as a session does (ansible.cfg, vault, -e).
func (o *inventoryOpts) load(c *cli.Context) (*inventory.Inventory, map[string]any, error) {
	s := &session{}
	var err error
	if s.cfg, err = loadAnsibleConfig(os.Stderr); err != nil {
		return nil, nil, err
	}
	secrets, err := loadSecrets(c.Context, &o.vaultFlags, s.cfg)
	if err != nil {
		return nil, nil, withCode(exitUsage, err)
	}
	setRedactor(secrets.Redactor())
	s.vault = vaultDecrypter{secrets}
	if s.extraVars, err = parseExtraVars(o.ExtraVars.Value(), s.vault); err != nil {
		return nil, nil, withCode(exitUsage, err)
	}
	if err := s.loadInventory(o.Inventory.Value(), o.PlaybookDir, false); err != nil {
		var ce *codeError
		if errors.As(err, &ce) && ce.code == exitParse {
			ce.code = exitError // ansible-inventory: "Completely failed to parse" is an AnsibleError
		}
		return nil, nil, err
	}
	return s.inv, mergedExtraVars(s.extraVars), nil
}

// render produces the output of the selected action.
func (o *inventoryOpts) render(inv *inventory.Inventory, lo inventory.ListOptions, pattern string) ([]byte, error) {
	var data any
	var err error
	switch {
	case o.Graph:
		if pattern == "" {
			pattern = "all"
		}
		s, err := inventory.GraphWith(inv, pattern, o.Vars, lo)
		if err != nil {
			return nil, withCode(exitUsage, err)
		}
		return []byte(s), nil
	case o.Host != "":
		if !o.YAML {
			out, err := inventory.HostJSONWith(inv, o.Host, lo)
			return out, wrapRender(err)
		}
		data, err = inventory.HostData(inv, o.Host, lo)
	case o.YAML:
		data, err = inventory.YAMLData(inv, lo)
	default:
		out, err := inventory.ListJSONWith(inv, lo)
		return out, wrapRender(err)
	}
	if err != nil {
		return nil, wrapRender(err)
	}
	s, err := yamlDump(data)
	return []byte(s), wrapRender(err)
}

// wrapRender gives a rendering error its exit code.
func wrapRender(err error) error {
	if err == nil {
		return nil
	}
	return withCode(exitError, err)
}
