package modules

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
)

// Debug prints a message or a variable's value.
type Debug struct{}

// Spec describes debug's arguments.
func (Debug) Spec() modspec.Spec {
	return modspec.Spec{
		Name:       "debug",
		Controller: true,
		Short:      "Print statements during execution",
		Args: []modspec.Arg{
			{Name: "msg", Type: modspec.Raw, Default: "Hello world!", Doc: "The message to print."},
			{Name: "var", Type: modspec.String, Doc: "A variable name or expression whose value to print."},
			{Name: "verbosity", Type: modspec.Int, Default: 0, Doc: "Minimum verbosity (-v count) at which to print."},
		},
		MutuallyExclusive: [][]string{{"msg", "var"}},
		Example:           "- debug:\n    msg: \"host is {{ inventory_hostname }}\"\n",
	}
}

// notDefined is what debug prints for an undefined variable, as Ansible does.
const notDefined = "VARIABLE IS NOT DEFINED!"

// Run prints msg or var when the verbosity threshold is met.
func (Debug) Run(ctx context.Context, call *Call) (*Result, error) {
	a := args(call.Args)
	if a.integer("verbosity") > currentVerbosity(call.Host) {
		return &Result{Skipped: true, Data: map[string]any{"skipped_reason": "Verbosity threshold not met."}}, nil
	}
	if !a.has("var") {
		msg := a["msg"]
		if msg == nil {
			msg = "Hello world!"
		}
		return &Result{Msg: fmt.Sprint(msg), Data: map[string]any{"msg": msg, "failed": false}}, nil
	}
	name := a.str("var")
	value, err := debugValue(call.Host, name)
	if err != nil {
		return nil, fmt.Errorf("debug var %s: %w", name, err)
	}
	return &Result{Data: map[string]any{name: value, "failed": false}}, nil
}

// debugValue evaluates var as Ansible's debug does: a bare expression
// whose undefined value prints as VARIABLE IS NOT DEFINED!. A var that is
// unsafe text (a with_ loop's item, host data) is not evaluated: Ansible
// shows it as the template "{{var}}" it would have rendered.
func debugValue(host HostContext, expr string) (any, error) {
	value, err := host.Eval(expr)
	if err != nil && strings.Contains(err.Error(), "marked as unsafe") {
		return "{{" + expr + "}}", nil
	}
	if err != nil {
		var u interface{ UndefinedVariable() bool }
		if strings.Contains(strings.ToLower(err.Error()), "undefined") || (errors.As(err, &u) && u.UndefinedVariable()) {
			return notDefined, nil
		}
		return nil, err
	}
	return value, nil
}

// currentVerbosity reads the run's -v count from ansible_verbosity.
func currentVerbosity(host HostContext) int {
	if host == nil {
		return 0
	}
	v, ok, err := host.Var("ansible_verbosity")
	if !ok || err != nil {
		return 0
	}
	return args{"v": v}.integer("v")
}
