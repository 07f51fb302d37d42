package modules

import (
	"context"
	"fmt"

	"github.com/edxplay/edxplay/internal/modspec"
)

// Fail fails the task with a custom message.
type Fail struct{}

// Spec describes fail's arguments.
func (Fail) Spec() modspec.Spec {
	return modspec.Spec{
		Name:       "fail",
		Controller: true,
		Short:      "Fail with custom message",
		Args:       []modspec.Arg{{Name: "msg", Type: modspec.Raw, Default: "Failed as requested from task", Doc: "The failure message."}},
		Example:    "- fail:\n    msg: unsupported platform\n  when: ansible_os_family != 'Debian'\n",
	}
}

// Run always fails with msg.
func (Fail) Run(ctx context.Context, call *Call) (*Result, error) {
	msg := call.Args["msg"]
	if msg == nil {
		msg = "Failed as requested from task"
	}
	return &Result{Failed: true, Msg: fmt.Sprint(msg), Data: map[string]any{"msg": msg}}, nil
}
