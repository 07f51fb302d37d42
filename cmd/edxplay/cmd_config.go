package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/edxplay/edxplay/internal/ansiblecfg"
)

const configHelp = `Shows the ansible.cfg and ANSIBLE_* settings edxplay reads, as
ansible-config dump does: one NAME(ORIGIN) = VALUE line per setting, where
ORIGIN is "default", "env: VARIABLE" or the config file's path.

The config file is the first of $ANSIBLE_CONFIG (a file, or a directory
holding ansible.cfg), ./ansible.cfg (ignored in a world-writable directory),
~/.ansible.cfg and /etc/ansible/ansible.cfg. Command-line flags win over
ANSIBLE_* variables, which win over the file.`

// configDumpOpts are config dump's parsed flags.
type configDumpOpts struct {
	// OnlyChanged is --only-changed given to dump; onlyChangedParent
	// given to config (where the CLI moves it: see configCommand).
	OnlyChanged       bool
	onlyChangedParent bool
}

// configCommand is `config dump`. Its flags are on config too: the CLI
// moves flags before positional arguments (see interspersed), and so
// before the subcommand's name.
func configCommand() *cli.Command {
	o := &configDumpOpts{}
	return &cli.Command{
		Name:        "config",
		Usage:       "show the ansible.cfg settings in effect",
		Description: configHelp,
		Flags:       o.flags(&o.onlyChangedParent),
		Subcommands: []*cli.Command{{
			Name:        "dump",
			Usage:       "list the settings with their values and origins",
			Description: configHelp,
			Flags:       o.flags(&o.OnlyChanged),
			Action:      o.action,
		}},
	}
}

func (o *configDumpOpts) flags(dst *bool) []cli.Flag {
	return []cli.Flag{&cli.BoolFlag{Name: "only-changed", Aliases: []string{"changed-only"}, Destination: dst,
		Usage: "only list the settings that are not at their defaults"}}
}

func (o *configDumpOpts) action(c *cli.Context) error {
	cfg, err := loadAnsibleConfig(c.App.ErrWriter)
	if err != nil {
		return err
	}
	return cfg.Dump(c.App.Writer, o.OnlyChanged || o.onlyChangedParent)
}

// ignoredSettings are the settings edxplay accepts without acting on
// them, with the reason given at -v.
var ignoredSettings = []struct{ name, why string }{
	{"DEFAULT_STDOUT_CALLBACK", "edxplay's output format is set with --output (human or json)"},
	{"CALLBACKS_ENABLED", "edxplay has no callback plugins (see --output and --junit)"},
	{"ssh_args", "edxplay's SSH transport reads ansible_ssh_common_args and --ssh-common-args, not ssh_args"},
	{"control_path", "edxplay keeps one SSH connection per host without ControlMaster"},
	{"ssh_pipelining", "edxplay runs modules without Python, so there is nothing to pipeline"},
	{"ANSIBLE_PIPELINING", "edxplay runs modules without Python, so there is nothing to pipeline"},
	{"RETRY_FILES_ENABLED", "edxplay writes no retry files"},
	{"DEFAULT_UNDEFINED_VAR_BEHAVIOR", "edxplay always fails on undefined variables"},
	{"DISPLAY_SKIPPED_HOSTS", "edxplay's human output always shows skipped hosts"},
	{"display_ok_hosts", "edxplay's human output always shows ok hosts"},
	{"DEPRECATION_WARNINGS", "edxplay prints no deprecation warnings"},
	{"HOST_PATTERN_MISMATCH", "edxplay does not act on host patterns that match no host"},
	{"DEFAULT_JINJA2_EXTENSIONS", "edxplay's templates always allow {% do %} (jinja2.ext.do); other extensions are not available"},
}

// noteIgnoredSettings tells, at -v, which changed settings have no effect.
func noteIgnoredSettings(w io.Writer, cfg *ansiblecfg.Config, verbosity int) {
	if cfg == nil || verbosity < 1 {
		return
	}
	for _, s := range ignoredSettings {
		if cfg.Changed(s.name) {
			v := cfg.Get(s.name)
			fmt.Fprintf(w, "%s (from %s) has no effect: %s\n", s.name, v.Origin, s.why)
		}
	}
}
