package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
	"gopkg.in/yaml.v3"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/internal/ansiblecfg"
	"github.com/edxplay/edxplay/internal/report"
)

const adhocHelp = `Runs one module on the hosts that PATTERN matches, as the ansible command
does: edxplay adhoc web -i inv -m shell -a 'uptime'. The task is a one-task
play (gather_facts: false) that the run machinery executes; each host's
result prints as "HOST | CHANGED => {...}" (-o: on one line), command,
shell and raw results as "HOST | CHANGED | rc=0 >>" and their output.

Exit codes:
   0   every host ok (or changed), or no host matched
   1   an error stopped the run
   2   one or more hosts failed
   4   one or more hosts were unreachable, or the inventory could not be parsed
   5   bad command-line options
   99  interrupted (Ctrl-C)`

// adhocOpts are adhoc's parsed flags: run's, less those that choose a
// playbook's tasks, and the ansible command's own.
type adhocOpts struct {
	inputFlags
	execFlags
	selectFlags
	ModuleName  string
	ModuleArgs  string
	OneLine     bool
	Tree        string
	ListHosts   bool
	PlaybookDir string
	Background  int
	Poll        int
	TaskTimeout int
	Version     bool
}

// playOnlyFlags are run's flags that choose among a playbook's tasks; an
// ad-hoc command has one task (and -t is its --tree).
var playOnlyFlags = []string{"tags", "skip-tags", "start-at-task", "strategy", "force-handlers"}

func adhocCommand() *cli.Command {
	o := &adhocOpts{}
	return &cli.Command{
		Name:        "adhoc",
		Usage:       "run one module on the hosts of a pattern (ansible's ad-hoc command)",
		ArgsUsage:   "PATTERN",
		Description: adhocHelp,
		Flags:       o.flags(),
		Action:      o.action,
	}
}

func (o *adhocOpts) flags() []cli.Flag {
	var sel []cli.Flag
	for _, f := range o.selectFlags.flags() {
		if !slices.Contains(playOnlyFlags, f.Names()[0]) {
			sel = append(sel, f)
		}
	}
	return concatFlags(o.inputFlags.flags(), o.execFlags.flags(), sel, []cli.Flag{
		&cli.StringFlag{Name: "module-name", Aliases: []string{"m"}, Value: "command", Destination: &o.ModuleName,
			Usage: "the `MODULE` to run"},
		&cli.StringFlag{Name: "args", Aliases: []string{"a"}, Destination: &o.ModuleArgs,
			Usage: "the module's `ARGS`: k=v pairs (or free form), or a JSON object"},
		&cli.BoolFlag{Name: "one-line", Aliases: []string{"o"}, Destination: &o.OneLine, Usage: "print each result on one line"},
		&cli.StringFlag{Name: "tree", Aliases: []string{"t"}, Destination: &o.Tree,
			Usage: "also write each host's result as JSON to `DIR`/HOST"},
		&cli.BoolFlag{Name: "list-hosts", Destination: &o.ListHosts, Usage: "list the hosts that would run; run nothing"},
		&cli.StringFlag{Name: "playbook-dir", Destination: &o.PlaybookDir,
			Usage: "the `DIR` that stands for the playbook's (roles/, group_vars/, relative paths; default .)"},
		&cli.IntFlag{Name: "background", Aliases: []string{"B"}, Destination: &o.Background,
			Usage: "run asynchronously, failing after `SECONDS`"},
		&cli.IntFlag{Name: "poll", Aliases: []string{"P"}, Value: 15, Destination: &o.Poll,
			Usage: "poll an asynchronous task every `SECONDS` (0: don't wait)"},
		&cli.IntFlag{Name: "task-timeout", Destination: &o.TaskTimeout, Usage: "stop the task after `SECONDS`"},
		&cli.BoolFlag{Name: "version", Destination: &o.Version, Usage: "print edxplay's version"},
	})
}

// requireArgs are the modules that need -a (MODULE_REQUIRE_ARGS).
var requireArgs = []string{"command", "shell", "raw", "script", "win_command", "win_shell"}

// shortAction is a module name without its ansible.builtin/legacy prefix.
func shortAction(name string) string {
	for _, p := range []string{"ansible.builtin.", "ansible.legacy.", "ansible.windows."} {
		name = strings.TrimPrefix(name, p)
	}
	return name
}

func (o *adhocOpts) action(c *cli.Context) error {
	if o.Version {
		printVersion(c.App.Writer)
		return nil
	}
	if c.NArg() != 1 {
		return withCode(exitUsage, errors.New("adhoc needs one host PATTERN argument"))
	}
	pattern := c.Args().First()
	s, err := o.loadSession(c, pattern)
	if err != nil {
		return err
	}
	sel := o.selection()
	hosts, err := o.hosts(c.App.ErrWriter, s, pattern, sel.Limit)
	if err != nil {
		return err
	}
	if o.ListHosts {
		fmt.Fprintf(c.App.Writer, "  hosts (%d):\n", len(hosts))
		for _, h := range hosts {
			fmt.Fprintf(c.App.Writer, "    %s\n", h)
		}
		return nil
	}
	if err := o.checkModule(pattern); err != nil {
		return err
	}
	if len(hosts) == 0 {
		return nil
	}
	noteIgnoredSettings(c.App.ErrWriter, s.cfg, o.verbosity())
	opts := engineOptions(sel, o.outputFlags, s.extraVars, s.cfg)
	sum, err := s.runWithDisplay(c, &o.execFlags, opts, o.display(c.App.ErrWriter, s.cfg))
	if err != nil {
		return err
	}
	return summaryCode(sum, false)
}

// loadSession loads the inventory, -e and the one-task play, as though
// the play were the file __adhoc_playbook__ in the playbook directory.
func (o *adhocOpts) loadSession(c *cli.Context, pattern string) (*session, error) {
	data, err := o.playYAML(pattern)
	if err != nil {
		return nil, withCode(exitUsage, err)
	}
	dir := o.PlaybookDir
	if dir == "" {
		dir = "."
	}
	return loadSessionFrom(c.Context, sessionInputs{
		playbook: filepath.Join(dir, "__adhoc_playbook__"), playbookData: data,
		inventory: o.Inventory.Value(), extraVars: o.ExtraVars.Value(), vault: &o.vaultFlags,
		quietEmptyInventory: true,
	})
}

// checkModule refuses what the ansible command refuses: a module that
// needs arguments without them, and import_playbook.
func (o *adhocOpts) checkModule(pattern string) error {
	name := shortAction(o.ModuleName)
	if slices.Contains(requireArgs, name) && o.ModuleArgs == "" {
		msg := "No argument passed to " + o.ModuleName + " module"
		if strings.HasSuffix(pattern, ".yml") {
			msg += " (did you mean to run ansible-playbook?)"
		}
		return withCode(exitUsage, errors.New(msg))
	}
	if name == "import_playbook" {
		return withCode(exitUsage, fmt.Errorf("'%s' is not a valid action for ad-hoc commands", o.ModuleName))
	}
	return nil
}

// localhostNames are the patterns that name the implicit localhost
// (Ansible's C.LOCALHOST).
var localhostNames = []string{"localhost", "127.0.0.1", "::1"}

// hosts are the hosts that pattern and limit select, with the ansible
// command's warnings: none matched is a warning, unless a limit was given
// (then it is an error).
func (o *adhocOpts) hosts(errW io.Writer, s *session, pattern, limit string) ([]string, error) {
	if len(s.inv.Hosts()) == 0 && s.cfg.Settings().LocalhostWarning && !slices.Contains(localhostNames, pattern) {
		fmt.Fprintln(errW, "[WARNING]: provided hosts list is empty, only localhost is available. "+
			"Note that the implicit localhost does not match 'all'")
	}
	hosts, err := s.selectHosts(pattern, limit)
	if errors.Is(err, errNoHosts) && limit == "" {
		fmt.Fprintln(errW, "[WARNING]: No hosts matched, nothing to do")
		return nil, nil
	}
	return hosts, err
}

// display is the reporter of the results: the minimal callback, or the
// oneline one with -o (or stdout_callback=oneline with
// bin_ansible_callbacks).
func (o *adhocOpts) display(errW io.Writer, cfg *ansiblecfg.Config) displayFunc {
	set := cfg.Settings()
	return func(w io.Writer) engine.Reporter {
		r := report.NewAdHoc(w, redactingWriter{errW})
		r.OneLine, r.Diff, r.Verbosity, r.Tree, r.Redact = o.OneLine, o.Diff, o.verbosity(), o.Tree, redact
		if set.LoadCallbackPlugins && set.StdoutCallback == "oneline" {
			r.OneLine = true
		}
		return r
	}
}

// playYAML is the one-task play of the command, as a playbook's text:
// hosts: PATTERN, gather_facts: false, and the module with its arguments
// (a JSON object as a mapping, anything else as the module's string, which
// the loader splits as k=v pairs or free form).
func (o *adhocOpts) playYAML(pattern string) ([]byte, error) {
	args, err := o.argsNode()
	if err != nil {
		return nil, err
	}
	task := mapNode(scalar(o.ModuleName), args)
	if o.TaskTimeout > 0 {
		task.Content = append(task.Content, scalar("timeout"), intNode(o.TaskTimeout))
	}
	if o.Background > 0 {
		task.Content = append(task.Content, scalar("async"), intNode(o.Background), scalar("poll"), intNode(o.Poll))
	}
	play := mapNode(scalar("name"), scalar("Ansible Ad-Hoc"), scalar("hosts"), scalar(pattern),
		scalar("gather_facts"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "false"},
		scalar("tasks"), &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{task}})
	return yaml.Marshal(&yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{play}})
}

// argsNode is -a as the task's value: a JSON object decoded (JSON is
// YAML), else the string; no -a is null.
func (o *adhocOpts) argsNode() (*yaml.Node, error) {
	raw := o.ModuleArgs
	if raw == "" {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}, nil
	}
	if trimmed := strings.TrimSpace(raw); strings.HasPrefix(raw, "{") && strings.HasSuffix(raw, "}") && json.Valid([]byte(trimmed)) {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(trimmed), &doc); err != nil {
			return nil, fmt.Errorf("module arguments: %w", err)
		}
		if len(doc.Content) == 1 && doc.Content[0].Kind == yaml.MappingNode {
			return doc.Content[0], nil
		}
	}
	return scalar(raw), nil
}

// scalar is a string node.
func scalar(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

// intNode is an integer node.
func intNode(n int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: fmt.Sprint(n)}
}

// mapNode is a mapping of the key, value nodes given in turn.
func mapNode(kv ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Content: kv}
}
