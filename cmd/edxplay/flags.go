package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// The command-line flags are parsed once, into the fields of these groups
// (each flag's Destination is its field); actions read the fields, never
// the flags by name. A command's options struct embeds the groups it takes.

// vaultFlags name the vault secrets of every command that reads variables.
type vaultFlags struct {
	PasswordFiles cli.StringSlice
	VaultIDs      cli.StringSlice
	AskVaultPass  bool
}

func (f *vaultFlags) flags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "vault-password-file", Aliases: []string{"vault-pass-file"}, Destination: &f.PasswordFiles,
			Usage: "vault password `FILE` (or executable script)"},
		&cli.StringSliceFlag{Name: "vault-id", Destination: &f.VaultIDs,
			Usage: "vault identity `LABEL@SOURCE` (source: a file, a script or \"prompt\")"},
		&cli.BoolFlag{Name: "ask-vault-pass", Aliases: []string{"J"}, Destination: &f.AskVaultPass, Usage: "ask for the vault password"},
	}
}

// inputFlags name what a session loads besides the playbook: inventories,
// -e overrides and the vault secrets that open them.
type inputFlags struct {
	vaultFlags
	Inventory cli.StringSlice
	ExtraVars cli.StringSlice
	// FlushCache is --flush-cache: edxplay keeps no fact cache between
	// runs; cacheable inventory plugins refresh theirs.
	FlushCache bool
}

func (f *inputFlags) flags() []cli.Flag {
	return append(f.vaultFlags.flags(),
		&cli.StringSliceFlag{Name: "inventory", Aliases: []string{"i"}, Destination: &f.Inventory,
			Usage: "inventory `PATH` or comma-separated host list"},
		&cli.StringSliceFlag{Name: "extra-vars", Aliases: []string{"e"}, Destination: &f.ExtraVars,
			Usage: "set variables: key=value, @file.yml or a YAML/JSON mapping"},
		&cli.BoolFlag{Name: "flush-cache", Destination: &f.FlushCache,
			Usage: "clear the fact cache (edxplay keeps none between runs) and refresh cached inventory sources"},
	)
}

// selectFlags choose what a run does: which hosts and tasks, as which
// user, with which privilege escalation. A plan records them for apply.
type selectFlags struct {
	sel      selection
	tags     cli.StringSlice
	skipTags cli.StringSlice
}

func (f *selectFlags) flags() []cli.Flag {
	s := &f.sel
	return []cli.Flag{
		&cli.StringFlag{Name: "limit", Aliases: []string{"l"}, Destination: &s.Limit, Usage: "further limit hosts to a `PATTERN`"},
		&cli.StringSliceFlag{Name: "tags", Aliases: []string{"t"}, Destination: &f.tags, Usage: "only run tasks tagged with these `TAGS`"},
		&cli.StringSliceFlag{Name: "skip-tags", Destination: &f.skipTags, Usage: "skip tasks tagged with these `TAGS`"},
		&cli.StringFlag{Name: "start-at-task", Destination: &s.StartAtTask, Usage: "start the playbook at the task with this `NAME`"},
		&cli.StringFlag{Name: "strategy", Destination: &s.Strategy, Usage: "override the play strategy (linear, free)"},
		&cli.BoolFlag{Name: "force-handlers", Destination: &s.ForceHandlers, Usage: "run notified handlers even on hosts that failed"},
		&cli.BoolFlag{Name: "check", Aliases: []string{"C"}, Destination: &s.Check, Usage: "don't make changes; predict what would change"},
		&cli.StringFlag{Name: "user", Aliases: []string{"u"}, Destination: &s.RemoteUser, Usage: "connect as this `USER`"},
		&cli.StringFlag{Name: "connection", Aliases: []string{"c"}, Destination: &s.Connection, Usage: "connection `TYPE` (ssh, local)"},
		&cli.BoolFlag{Name: "become", Aliases: []string{"b"}, Destination: &s.Become, Usage: "run operations with become (sudo)"},
		&cli.StringFlag{Name: "become-user", Destination: &s.BecomeUser, Usage: "become this `USER` (default root)"},
		&cli.StringFlag{Name: "become-method", Destination: &s.BecomeMethod, Usage: "privilege escalation `METHOD` (sudo, su)"},
	}
}

// selection is the parsed selection (comma-separated tags split).
func (f *selectFlags) selection() selection {
	s := f.sel
	s.Tags, s.SkipTags = splitList(f.tags.Value()), splitList(f.skipTags.Value())
	return s
}

// transportFlags say how hosts are reached: SSH settings and the passwords
// asked for on the terminal.
type transportFlags struct {
	PrivateKey      string
	SSHConfig       string
	HostKeyChecking string
	Timeout         int
	ConnectRetries  int
	SSHCommonArgs   string
	AskPass         bool
	AskBecomePass   bool
}

func (f *transportFlags) flags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "private-key", Aliases: []string{"key-file"}, Destination: &f.PrivateKey, Usage: "SSH private key `FILE`"},
		&cli.StringFlag{Name: "ssh-config", Aliases: []string{"F"}, Destination: &f.SSHConfig,
			Usage: "ssh_config `FILE` (default ~/.ssh/config; \"none\" for none)"},
		&cli.StringFlag{Name: "host-key-checking", Destination: &f.HostKeyChecking,
			Usage: "host key policy: strict (default), accept-new (record unknown keys), off (ignore keys: unsafe)"},
		&cli.IntFlag{Name: "timeout", Aliases: []string{"T"}, Destination: &f.Timeout, Usage: "SSH connect timeout in `SECONDS` (default 10)"},
		&cli.IntFlag{Name: "connect-retries", Destination: &f.ConnectRetries, Usage: "retries, with backoff, of a failed SSH connect (default 2)"},
		&cli.StringFlag{Name: "ssh-common-args", Destination: &f.SSHCommonArgs,
			Usage: "OpenSSH-style options for every host (-o ProxyJump=..., -J, -F, -i)"},
		&cli.BoolFlag{Name: "ask-pass", Aliases: []string{"k"}, Destination: &f.AskPass, Usage: "ask for the SSH password"},
		&cli.BoolFlag{Name: "ask-become-pass", Aliases: []string{"K"}, Destination: &f.AskBecomePass,
			Usage: "ask for the privilege escalation password"},
	}
}

// outputFlags set how many hosts run at once and what the run prints.
type outputFlags struct {
	Forks  int
	Diff   bool
	Output string
	JUnit  string
	// verbose counts -v; urfave/cli starts it below zero (one less per
	// alias), so read it through verbosity.
	verbose int
}

// verbosity is the number of -v flags.
func (f *outputFlags) verbosity() int { return max(f.verbose, 0) }

func (f *outputFlags) flags() []cli.Flag {
	return []cli.Flag{
		&cli.IntFlag{Name: "forks", Aliases: []string{"f"}, Destination: &f.Forks,
			Usage: "how many hosts run a task at once (default 100, or forks in ansible.cfg)"},
		&cli.BoolFlag{Name: "diff", Aliases: []string{"D"}, Destination: &f.Diff, Usage: "show the differences in changed files and state"},
		&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Count: &f.verbose, Usage: "verbose output (-vvv for more)"},
		&cli.StringFlag{Name: "output", Value: "human", Destination: &f.Output,
			Usage: "`FORMAT` of stdout: human, or json (one JSON event per line; human output goes to stderr)"},
		&cli.StringFlag{Name: "junit", Destination: &f.JUnit, Usage: "write a JUnit XML report of the run to `FILE`"},
	}
}

// execFlags are the flags of every command that runs tasks on hosts:
// how hosts are reached and what the run prints.
type execFlags struct {
	transportFlags
	outputFlags
}

func (f *execFlags) flags() []cli.Flag {
	return concatFlags(f.transportFlags.flags(), f.outputFlags.flags())
}

// concatFlags joins flag groups into one list.
func concatFlags(groups ...[]cli.Flag) []cli.Flag {
	var out []cli.Flag
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// splitList splits comma-separated flag values.
func splitList(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}
