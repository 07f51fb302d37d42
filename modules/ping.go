package modules

import (
	"context"
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/modspec"
)

// Ping checks that the host can be reached and runs a POSIX shell, and
// returns the data given (default "pong"), as Ansible's ping does.
type Ping struct{}

// Spec describes ping's arguments.
func (Ping) Spec() modspec.Spec {
	return modspec.Spec{
		Name:  "ping",
		Short: "Try to connect to host, verify a usable shell and return pong on success",
		Args: []modspec.Arg{
			{Name: "data", Type: modspec.String, Default: "pong", Doc: "Data to return for the ping return value; \"crash\" makes the module fail."},
		},
		Example: "- ping:\n\n- ping:\n    data: crash\n",
	}
}

// Run runs a trivial command on the host and echoes data back.
func (Ping) Run(ctx context.Context, call *Call) (*Result, error) {
	data := args(call.Args).str("data")
	res, err := call.Conn.Run(ctx, connection.Command{Cmd: "echo pong", Become: call.Become, ReadOnly: true})
	if err != nil {
		return nil, err
	}
	if res.RC != 0 || strings.TrimSpace(res.Stdout) != "pong" {
		return &Result{Failed: true, Msg: fmt.Sprintf("the host's shell did not answer: rc %d: %s", res.RC, strings.TrimSpace(res.Stderr))}, nil
	}
	if data == "crash" {
		return &Result{Failed: true, Msg: "boom", Data: map[string]any{"exception": "Exception: boom"}}, nil
	}
	return &Result{Data: map[string]any{"ping": data}}, nil
}
