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
			{Name: "that", Type: modspec.Raw, Required: true, Doc: "Expressions (as for when) that must all be true."},
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
	data := map[string]any{}
	if !a.boolean("quiet") {
		// Ansible's callback shows the result of an assert that is not quiet
		data["_ansible_verbose_always"] = true
	}
	for _, c := range assertions(a["that"]) {
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
			data["msg"], data["assertion"], data["evaluated_to"] = msg, cond, false
			return &Result{Failed: true, Msg: fmt.Sprint(msg), Data: data}, nil
		}
	}
	msg := a["success_msg"]
	if msg == nil {
		msg = "All assertions passed"
	}
	data["msg"] = msg
	return &Result{Msg: fmt.Sprint(msg), Data: data}, nil
}

// assertions are the conditions of that: a list's items, or one
// condition (a string is never split on commas: Ansible's assert takes it
// whole).
func assertions(that any) []any {
	if l, ok := that.([]any); ok {
		return l
	}
	return []any{that}
}
