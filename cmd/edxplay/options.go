package main

import (
	"os"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/internal/plan"
)

// selection is what a run does: hosts, tasks, mode and privilege. run and
// plan take it from their flags; apply from the plan it applies.
type selection struct {
	Limit        string
	Tags         []string
	SkipTags     []string
	StartAtTask  string
	Strategy     string
	Check        bool
	RemoteUser   string
	Connection   string
	Become       bool
	BecomeUser   string
	BecomeMethod string
}

// engineOptions builds the engine's options from a command's parsed
// settings; it is the one place that does. Mode-specific hooks (Recorder,
// Render) are set by the command that owns them.
func engineOptions(sel selection, out outputFlags, extraVars []map[string]any) engine.Options {
	return engine.Options{
		Check: sel.Check, Diff: out.Diff, Forks: out.Forks, Verbosity: out.verbosity(),
		Tags: sel.Tags, SkipTags: sel.SkipTags, Limit: sel.Limit, StartAtTask: sel.StartAtTask,
		Strategy: sel.Strategy, ExtraVars: extraVars,
		RemoteUser: sel.RemoteUser, Connection: sel.Connection,
		Become: sel.Become, BecomeUser: sel.BecomeUser, BecomeMethod: sel.BecomeMethod,
		NoProbeCache: os.Getenv("EDXPLAY_PROBE_CACHE") == "off",
	}
}

// recordSelection stores a selection in a plan's inputs.
func recordSelection(in *plan.Inputs, sel selection) {
	in.Limit, in.Tags, in.SkipTags = sel.Limit, sel.Tags, sel.SkipTags
	in.StartAtTask, in.Strategy = sel.StartAtTask, sel.Strategy
	in.RemoteUser, in.Connection = sel.RemoteUser, sel.Connection
	in.Become, in.BecomeUser, in.BecomeMethod = sel.Become, sel.BecomeUser, sel.BecomeMethod
}

// plannedSelection is the selection a plan was made with, limited to hosts.
func plannedSelection(in plan.Inputs, hosts string) selection {
	return selection{Limit: hosts, Tags: in.Tags, SkipTags: in.SkipTags, StartAtTask: in.StartAtTask,
		Strategy: in.Strategy, RemoteUser: in.RemoteUser, Connection: in.Connection,
		Become: in.Become, BecomeUser: in.BecomeUser, BecomeMethod: in.BecomeMethod}
}
