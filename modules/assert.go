package modules

import (
	"context"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
)

// Assert checks that expressions are true.
type Assert struct{}

// Spec describes assert's arguments.
func (Assert) Spec() modspec.Spec {
	return modspec.Spec{
		Name:       "assert",
		Controller: true,
		Short:      "Asserts given expressions are true",
		Args: []modspec.Arg{
			{Name: "that", Type: modspec.List, Required: true, Doc: "Expressions (as for when) that must all be true."},
			{Name: "fail_msg", Type: modspec.Raw, Aliases: []string{"msg"}, Doc: "Message on failure."},
			{Name: "success_msg", Type: modspec.Raw, Doc: "Message on success."},
			{Name: "quiet", Type: modspec.Bool, Default: false, Doc: "Print less on success."},
		},
		Example: "- assert:\n    that:\n      - port | int > 0\n    fail_msg: port must be positive\n",
	}
}

// Run evaluates each condition in order and fails on the first false one.
func (Assert) Run(ctx context.Context, call *Call) (*Result, error) {
	a := args(call.Args)
	for _, c := range a.list("that") {
		cond := strings.TrimSpace(fmt.Sprint(c))
		ok, err := call.Host.Condition(cond)
		if err != nil {
			return nil, fmt.Errorf("the conditional check '%s' failed: %w", cond, err)
		}
		if !ok {
			msg := a["fail_msg"]
			if msg == nil {
				msg = "Assertion failed"
			}
			return &Result{Failed: true, Msg: fmt.Sprint(msg), Data: map[string]any{
				"msg": msg, "assertion": cond, "evaluated_to": false,
			}}, nil
		}
	}
	msg := a["success_msg"]
	if msg == nil {
		msg = "All assertions passed"
	}
	return &Result{Msg: fmt.Sprint(msg), Data: map[string]any{"msg": msg}}, nil
}
