package modules

import (
	"context"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules/hostfile"
)

// DpkgSelections sets a package's dpkg selection state (hold, install, ...).
type DpkgSelections struct{}

// Spec describes dpkg_selections's arguments.
func (DpkgSelections) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "dpkg_selections",
		Short: "Dpkg package selection selections",
		Args: []modspec.Arg{
			{Name: "name", Type: modspec.String, Required: true, Doc: "Name of the package."},
			{Name: "selection", Type: modspec.String, Required: true, Choices: []string{"install", "hold", "deinstall", "purge"}, Doc: "The selection state to set the package to."},
		},
		Example: "- dpkg_selections:\n    name: python3\n    selection: hold\n",
	}
}

// Run compares dpkg --get-selections with the wanted selection and sets it.
func (m DpkgSelections) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe reads dpkg --get-selections and describes setting the wanted
// selection, changing nothing.
func (DpkgSelections) Describe(ctx context.Context, call *Call) (*Planned, error) {
	a := args(call.Args)
	name, selection := a.str("name"), a.str("selection")
	fs := hostfile.New(call.Conn, call.Become)
	out, err := fs.Exec(ctx, "dpkg --get-selections "+hostfile.Quote(name))
	if err != nil {
		return reported(&Result{Failed: true, Msg: err.Error()}), nil
	}
	current := "not present"
	if f := strings.Fields(out); len(f) > 1 {
		current = f[1]
	}
	changed := current != selection
	res := &Result{Changed: changed, Data: map[string]any{"before": current, "after": selection}}
	if changed {
		res.Diffs = []modspec.Diff{{Before: name + " " + current + "\n", After: name + " " + selection + "\n"}}
	}
	if !changed {
		return reported(res), nil
	}
	return planned(res, func(ctx context.Context, _ *Call) (*Result, error) {
		if _, err := fs.Exec(ctx, "printf '%s %s\\n' "+hostfile.Quote(name)+" "+hostfile.Quote(selection)+" | dpkg --set-selections"); err != nil {
			return &Result{Failed: true, Msg: err.Error()}, nil
		}
		return resultCopy(res), nil
	}), nil
}
