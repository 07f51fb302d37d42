package modules

import (
	"context"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/odict"
)

// Package installs and removes packages with the host's package manager:
// apt on Debian and Ubuntu, the only backend edxplay has. Like Ansible's
// package action, it passes its arguments (without use) to the backend.
type Package struct{}

// Spec describes package's arguments: use plus the apt backend's.
func (Package) Spec() modspec.Spec {
	apt := Apt{}.Spec()
	a := []modspec.Arg{{Name: "use", Type: modspec.String, Default: "auto", Doc: "The package manager module to use (auto: the ansible_pkg_mgr fact, else detected); edxplay has apt."}}
	return modspec.Spec{
		Name:              "package",
		Short:             "Generic OS package manager",
		Args:              append(a, apt.Args...),
		MutuallyExclusive: apt.MutuallyExclusive,
		RequiredOneOf:     apt.RequiredOneOf,
		Example:           "- package:\n    name: ntpdate\n    state: present\n\n- package:\n    name:\n      - htop\n      - tree\n    state: latest\n    use: apt\n",
	}
}

// Run picks the backend and runs it with the remaining arguments.
func (m Package) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe picks the backend; the backend describes the change with the
// remaining arguments.
func (Package) Describe(ctx context.Context, call *Call) (*Planned, error) {
	use, err := packageBackend(ctx, call)
	if err != nil {
		return nil, err
	}
	if use == "" {
		return reported(&Result{Failed: true, Msg: `Could not detect which package manager to use. Try gathering facts or setting the "use" option.`}), nil
	}
	if use != "apt" {
		return reported(&Result{Failed: true, Msg: fmt.Sprintf("Could not find a module for %s.", use)}), nil
	}
	inner := *call
	inner.Args = map[string]any{}
	for k, v := range call.Args {
		if k != "use" {
			inner.Args[k] = v
		}
	}
	return Apt{}.Describe(ctx, &inner)
}

// packageBackend resolves use: auto reads the pkg_mgr fact, else probes
// the host for apt-get. It returns "" when nothing was found.
func packageBackend(ctx context.Context, call *Call) (string, error) {
	use := strings.TrimPrefix(strings.TrimPrefix(args(call.Args).str("use"), "ansible.builtin."), "ansible.legacy.")
	if use != "auto" && use != "" {
		return use, nil
	}
	if call.Host != nil {
		if facts, ok, _ := call.Host.Var("ansible_facts"); ok {
			if m, isMap := odict.Plain(facts); isMap {
				if mgr, _ := m["pkg_mgr"].(string); mgr != "" && mgr != "unknown" {
					return mgr, nil
				}
			}
		}
	}
	res, err := call.Conn.Run(ctx, connection.Command{Cmd: "command -v apt-get", ReadOnly: true})
	if err != nil {
		return "", err
	}
	if res.RC == 0 {
		return "apt", nil
	}
	return "", nil
}
