package main

import (
	"fmt"
	"io"
	"os"

	"github.com/edxplay/edxplay/engine"
	"github.com/edxplay/edxplay/internal/ansiblecfg"
	"github.com/edxplay/edxplay/modules/pymodule"
)

// selection is what a run does: hosts, tasks, mode and privilege. run and
// plan take it from their flags; apply from the plan it applies.
type selection struct {
	Limit       string
	Tags        []string
	SkipTags    []string
	StartAtTask string
	Strategy    string
	// ForceHandlers runs notified handlers on hosts that failed.
	ForceHandlers bool
	Check         bool
	RemoteUser    string
	Connection    string
	Become        bool
	BecomeUser    string
	BecomeMethod  string
}

// engineOptions builds the engine's options from a command's parsed
// settings; it is the one place that does. ansible.cfg and ANSIBLE_*
// settings (cfg; nil for none) apply where no flag was given.
// Mode-specific hooks (Recorder, Render) are set by the command that owns them.
func engineOptions(sel selection, out outputFlags, extraVars []map[string]any, cfg *ansiblecfg.Config) engine.Options {
	o := engine.Options{
		Check: sel.Check, Diff: out.Diff, Forks: out.Forks, Verbosity: out.verbosity(),
		Tags: sel.Tags, SkipTags: sel.SkipTags, Limit: sel.Limit, StartAtTask: sel.StartAtTask,
		Strategy: sel.Strategy, ForceHandlers: sel.ForceHandlers, ExtraVars: extraVars,
		RemoteUser: sel.RemoteUser, Connection: sel.Connection,
		Become: sel.Become, BecomeUser: sel.BecomeUser, BecomeMethod: sel.BecomeMethod,
		NoProbeCache: os.Getenv("EDXPLAY_PROBE_CACHE") == "off",
	}
	if o.Forks <= 0 {
		o.Forks = defaultForks
	}
	if cfg == nil {
		return o
	}
	set := cfg.Settings()
	if out.Forks <= 0 && cfg.Changed("DEFAULT_FORKS") {
		o.Forks = set.Forks
	}
	o.RemoteUser = firstString(o.RemoteUser, set.RemoteUser)
	o.Become = o.Become || set.Become
	if cfg.Changed("DEFAULT_BECOME_USER") {
		o.BecomeUser = firstString(o.BecomeUser, set.BecomeUser)
	}
	if cfg.Changed("DEFAULT_BECOME_METHOD") {
		o.BecomeMethod = firstString(o.BecomeMethod, set.BecomeMethod)
	}
	o.Gathering, o.AnyErrorsFatal, o.MergeVars = set.Gathering, set.AnyErrorsFatal, set.HashBehaviour == "merge"
	o.IgnoreMissingHandler = !set.ErrorOnMissingHandler
	o.ForceHandlers = o.ForceHandlers || set.ForceHandlers
	o.OwnModules = pymodule.Options{InterpreterPython: set.InterpreterPython, ModuleUtils: set.ModuleUtils,
		CollectionsPaths: set.CollectionsPaths}
	return o
}

// defaultForks is edxplay's default of --forks (Ansible's is 5): it
// applies unless -f or forks/ANSIBLE_FORKS is given.
const defaultForks = 100

// firstString is the first non-empty string.
func firstString(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// loadAnsibleConfig reads ansible.cfg and the ANSIBLE_* environment as
// ansible-core does; its search warnings go to errW. A bad file or value
// is a bad option (exit 5), as with Ansible.
func loadAnsibleConfig(errW io.Writer) (*ansiblecfg.Config, error) {
	cfg, err := ansiblecfg.Load(ansiblecfg.OSEnv())
	if err != nil {
		return nil, withCode(exitUsage, err)
	}
	for _, w := range cfg.Warnings {
		fmt.Fprintln(errW, "[WARNING]:", w)
	}
	return cfg, nil
}

// configuredTransport is t with ansible.cfg's private_key_file, timeout,
// become_ask_pass and host_key_checking where no flag was given.
// host_key_checking=False becomes accept-new: like Ansible (OpenSSH's
// StrictHostKeyChecking=no), unknown host keys are accepted and
// recorded, but a changed key is still refused; verification is never
// turned off without --host-key-checking=off.
func configuredTransport(t transportFlags, cfg *ansiblecfg.Config) transportFlags {
	if cfg == nil {
		return t
	}
	set := cfg.Settings()
	t.PrivateKey = firstString(t.PrivateKey, set.PrivateKeyFile)
	if t.Timeout <= 0 && cfg.Changed("DEFAULT_TIMEOUT") {
		t.Timeout = set.Timeout
	}
	t.AskBecomePass = t.AskBecomePass || set.BecomeAskPass
	if t.HostKeyChecking == "" && cfg.Changed("HOST_KEY_CHECKING") {
		t.HostKeyChecking = "strict"
		if !set.HostKeyChecking {
			t.HostKeyChecking = "accept-new"
		}
	}
	return t
}
