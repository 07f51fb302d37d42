package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/urfave/cli/v2"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/modules"
)

const renderHelp = `Renders, without connecting, every file the playbook's template and copy
(content) tasks would write on HOST, using the inventory, group_vars, host_vars and
-e overrides exactly as a run would. Other tasks are not run. Facts come from -e
(e.g. -e ansible_processor_vcpus=8) or from --gather (fact gathering over SSH);
without either, templates see no facts (their default() values apply).

  edxplay render -i inventory.ini --host app1 -e @overrides.yml --out /tmp/app1
  edxplay render -i inventory.ini --host app1 --file /edx/app/edxapp/lms.env.json`

// renderOpts are render's parsed flags.
type renderOpts struct {
	inputFlags
	transportFlags
	Host     string
	Playbook string
	Out      string
	File     string
	Gather   bool
	User     string
}

func renderCommand() *cli.Command {
	o := &renderOpts{}
	return &cli.Command{
		Name:        "render",
		Usage:       "render the config files a playbook would write on a host, without connecting",
		Description: renderHelp,
		Flags: concatFlags(o.inputFlags.flags(), o.transportFlags.flags(), []cli.Flag{
			&cli.StringFlag{Name: "host", Required: true, Destination: &o.Host, Usage: "the inventory `HOST` to render for"},
			&cli.StringFlag{Name: "playbook", Value: "edx-site.yml", Destination: &o.Playbook, Usage: "the `PLAYBOOK` whose files are rendered"},
			&cli.StringFlag{Name: "out", Destination: &o.Out, Usage: "write the files into `DIR` under their remote paths"},
			&cli.StringFlag{Name: "file", Destination: &o.File, Usage: "print only the file with this remote `PATH` to stdout"},
			&cli.BoolFlag{Name: "gather", Destination: &o.Gather, Usage: "gather the host's facts over SSH first (with the connection flags)"},
			&cli.StringFlag{Name: "user", Aliases: []string{"u"}, Destination: &o.User, Usage: "with --gather, connect as this `USER`"},
		}),
		Action: o.action,
	}
}

func (o *renderOpts) action(c *cli.Context) error {
	if o.Out == "" && o.File == "" {
		return withCode(exitUsage, fmt.Errorf("render needs --out DIR or --file PATH"))
	}
	s, err := loadSession(c.Context, &o.inputFlags, o.Playbook)
	if err != nil {
		return err
	}
	facts, err := o.facts(c.Context, s)
	if err != nil {
		return withCode(exitUnreachable, err)
	}
	files := &renderedFiles{host: o.Host, out: o.Out, only: o.File, pending: map[string]renderedFile{}}
	opts := engineOptions(selection{Limit: o.Host}, outputFlags{Forks: 1}, s.extraVars, s.cfg)
	opts.Render, opts.RenderFacts = files.write, facts
	failures := &renderFailures{}
	runner := &engine.Runner{Opts: opts, Inv: s.inv, InvSrcs: s.invSources, Reporter: failures,
		Loader: s.loader, Jinja: s.jinja}
	if _, err := runner.Run(c.Context, s.pb); err != nil {
		return withCode(exitError, err)
	}
	// A task that failed (an undefined variable in a template, ...) would
	// leave its file out: nothing is written, the command fails.
	if len(failures.tasks) > 0 {
		return withCode(exitError, fmt.Errorf("render %s: %d task(s) failed, no file written: %s",
			o.Host, len(failures.tasks), strings.Join(failures.tasks, "; ")))
	}
	return files.finish(c)
}

// renderFailures is render's reporter: it records the failed tasks (their
// messages, unless no_log hides them).
type renderFailures struct {
	quietReporter
	mu    sync.Mutex
	tasks []string
}

func (f *renderFailures) HostResult(r engine.HostResult) {
	if r.Status != engine.StatusFailed || r.IsItem {
		return
	}
	what := r.Task
	if msg, ok := r.Result["msg"].(string); ok && !r.NoLog && msg != "" {
		what += ": " + msg
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tasks = append(f.tasks, what)
}

// renderedFile is one file waiting to be written.
type renderedFile struct {
	data []byte
	perm os.FileMode
}

// renderedFiles collects what render mode produces.
type renderedFiles struct {
	mu    sync.Mutex
	host  string
	out   string
	only  string
	found []byte
	count int
	// pending holds the --out files until the run has succeeded.
	pending map[string]renderedFile
}

// write stores one rendered file (the last write of a path wins, as on a host).
func (r *renderedFiles) write(host, dest string, data []byte, mode string) error {
	if host != r.host {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.count++
	if r.only != "" {
		if filepath.Clean(dest) == filepath.Clean(r.only) {
			r.found = data
		}
		return nil
	}
	perm := os.FileMode(0o644)
	if n, err := strconv.ParseUint(strings.TrimPrefix(mode, "0o"), 8, 32); err == nil && mode != "" {
		perm = os.FileMode(n)
	}
	r.pending[filepath.Clean("/"+dest)] = renderedFile{data: data, perm: perm | 0o200}
	return nil
}

// writeAll writes the pending files under --out.
func (r *renderedFiles) writeAll() error {
	for dest, f := range r.pending {
		path := filepath.Join(r.out, dest)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, f.data, f.perm); err != nil {
			return err
		}
	}
	return nil
}

func (r *renderedFiles) finish(c *cli.Context) error {
	if r.only != "" {
		if r.found == nil {
			return withCode(exitError, fmt.Errorf("the playbook writes no file %s on %s", r.only, r.host))
		}
		_, err := c.App.Writer.Write(r.found)
		return err
	}
	if err := r.writeAll(); err != nil {
		return withCode(exitError, fmt.Errorf("render: %w", err))
	}
	fmt.Fprintf(c.App.ErrWriter, "rendered %d files for %s into %s\n", r.count, r.host, r.out)
	return nil
}

// facts returns the facts render mode uses: gathered over SSH with
// --gather; otherwise none (give them with -e, e.g. -e ansible_processor_vcpus=8).
func (o *renderOpts) facts(ctx context.Context, s *session) (map[string]any, error) {
	if !o.Gather {
		return nil, nil
	}
	tc := configuredTransport(o.transportFlags, s.cfg)
	sshOpts, err := sshOptionsOf(&tc, o.User)
	if err != nil {
		return nil, err
	}
	d := newDialer(sshOpts)
	defer d.Close()
	vars, err := s.inv.HostVars(o.Host)
	if err != nil {
		return nil, err
	}
	conn, err := d.Dial(ctx, o.Host, vars)
	if err != nil {
		return nil, fmt.Errorf("gather facts from %s: %w", o.Host, err)
	}
	return gatherFacts(ctx, conn)
}

func gatherFacts(ctx context.Context, conn connection.Conn) (map[string]any, error) {
	setup, ok := modules.Lookup("setup")
	if !ok {
		return nil, fmt.Errorf("the setup module is not available")
	}
	res, err := setup.Run(ctx, &modules.Call{Args: map[string]any{}, Conn: conn})
	if err != nil {
		return nil, fmt.Errorf("gather facts: %w", err)
	}
	return res.Facts, nil
}
