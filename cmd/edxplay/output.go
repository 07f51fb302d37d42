package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/internal/ansiblecfg"
	"github.com/edxplay/edxplay/internal/report"
)

// runOutput is the run's reporter, built from --output and --junit, with
// the live progress line when stderr is a terminal.
type runOutput struct {
	reporter  engine.Reporter
	json      *report.JSON
	junit     *report.JUnit
	junitFile redactingFile
	progress  *report.Progress
}

// displayFunc builds the reporter that shows a run to a person, writing
// to w; nil is ansible-playbook's output (report.Human).
type displayFunc func(w io.Writer) engine.Reporter

// newRunOutput builds the reporters, with display's (nil: the human one).
// The JUnit file is created now, so a bad path stops the run before it starts.
func newRunOutput(c *cli.Context, f outputFlags, cfg *ansiblecfg.Config, display displayFunc) (*runOutput, error) {
	o := &runOutput{}
	var humanW io.Writer = redactingWriter{c.App.Writer}
	switch format := f.Output; format {
	case "human", "":
	case "json":
		humanW = redactingWriter{c.App.ErrWriter}
		o.json = report.NewJSON(redactingWriter{c.App.Writer})
	default:
		return nil, fmt.Errorf("--output must be human or json, not %q", format)
	}
	var shown engine.Reporter
	if display != nil {
		shown = display(humanW)
	} else {
		shown = newHuman(humanW, f, cfg)
	}
	reps := []engine.Reporter{shown}
	if o.json != nil {
		reps = append(reps, o.json)
	}
	if path := f.JUnit; path != "" {
		f, err := os.Create(path)
		if err != nil {
			return nil, fmt.Errorf("junit report: %w", err)
		}
		o.junitFile, o.junit = redactingFile{f}, report.NewJUnit()
		reps = append(reps, o.junit)
	}
	o.reporter = report.NewTee(reps...)
	if report.ProgressWanted(c.App.ErrWriter) {
		o.progress = report.NewProgress(c.App.ErrWriter, o.reporter)
		o.reporter = o.progress
	}
	return o, nil
}

// newHuman is ansible-playbook's output, colored as ansible.cfg says.
func newHuman(w io.Writer, f outputFlags, cfg *ansiblecfg.Config) *report.Human {
	human := report.NewHuman(w, f.verbosity(), f.Diff)
	if cfg != nil {
		// As Ansible: nocolor (or NO_COLOR) turns colors off, force_color on.
		if set := cfg.Settings(); set.ForceColor {
			human.SetColor(true)
		} else if set.NoColor {
			human.SetColor(false)
		}
		human.SetCustomStats(cfg.Settings().ShowCustomStats)
	}
	return human
}

// finish stops the progress line and writes the JUnit report.
func (o *runOutput) finish() error {
	if o.progress != nil {
		o.progress.Close()
	}
	var errs []error
	if o.json != nil {
		errs = append(errs, o.json.Err())
	}
	if o.junit != nil {
		if err := o.junit.WriteXML(redactingWriter{o.junitFile.f}); err != nil {
			errs = append(errs, err)
		}
		if err := o.junitFile.Close(); err != nil {
			errs = append(errs, fmt.Errorf("junit report: %w", err))
		}
	}
	return errors.Join(errs...)
}

// redactingFile is a report file whose content is masked on write.
type redactingFile struct{ f *os.File }

// Close closes the file.
func (r redactingFile) Close() error { return r.f.Close() }

// quietReporter discards run events (render and vars print their own output).
type quietReporter struct{}

func (quietReporter) PlayStart(string, []string)               {}
func (quietReporter) TaskStart(string, bool)                   {}
func (quietReporter) Included(string, []string)                {}
func (quietReporter) HostResult(engine.HostResult)             {}
func (quietReporter) Warning(string)                           {}
func (quietReporter) Recap([]string, map[string]*engine.Stats) {}
