package modules

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/internal/modspec"
)

// WaitForConnection waits until the host runs commands again (after a
// reboot, say): it tries a command every sleep seconds until one succeeds
// or timeout passes, as ansible-core's action does with the ping module.
type WaitForConnection struct{}

// waitForConnectionArgs are the action's arguments (ansible-core's
// _VALID_ARGS, checked when it runs).
var waitForConnectionArgs = map[string]int{"connect_timeout": 5, "delay": 0, "sleep": 1, "timeout": 600}

// Spec describes wait_for_connection.
func (WaitForConnection) Spec() modspec.Spec {
	return modspec.Spec{
		Name:    "wait_for_connection",
		Short:   "Waits until remote system is reachable/usable",
		AnyArgs: true,
		Args: []modspec.Arg{
			{Name: "connect_timeout", Type: modspec.Int, Default: 5, Doc: "Seconds one attempt may take."},
			{Name: "delay", Type: modspec.Int, Default: 0, Doc: "Seconds to wait before the first attempt."},
			{Name: "sleep", Type: modspec.Int, Default: 1, Doc: "Seconds between attempts."},
			{Name: "timeout", Type: modspec.Int, Default: 600, Doc: "Seconds to wait in all."},
		},
		Example: "- wait_for_connection:\n    delay: 10\n    timeout: 300\n",
	}
}

// Run waits for the connection.
func (m WaitForConnection) Run(ctx context.Context, call *Call) (*Result, error) {
	return runDescribed(ctx, m, call)
}

// Describe is check mode's skip, as ansible-core's action skips itself;
// the apply step waits.
func (WaitForConnection) Describe(_ context.Context, _ *Call) (*Planned, error) {
	return planned(&Result{Skipped: true}, waitForConnection), nil
}

func waitForConnection(ctx context.Context, call *Call) (*Result, error) {
	var unknown []string
	for k := range call.Args {
		if _, ok := waitForConnectionArgs[k]; !ok {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return &Result{Failed: true, Msg: "Invalid options for wait_for_connection: " + strings.Join(unknown, ",")}, nil
	}
	a := args(call.Args)
	start := time.Now()
	if !sleepFor(ctx, a.integer("delay")) {
		return nil, ctx.Err()
	}
	res := &Result{Data: map[string]any{}}
	if err := untilConnected(ctx, call, a.integer("timeout"), a.integer("connect_timeout"), a.integer("sleep")); err != nil {
		res.Failed, res.Msg = true, err.Error()
	}
	res.Data["elapsed"] = int(time.Since(start).Seconds())
	return res, nil
}

// untilConnected runs a test command until it succeeds or timeout passes.
func untilConnected(ctx context.Context, call *Call, timeout, connectTimeout, sleep int) error {
	end := time.Now().Add(time.Duration(timeout) * time.Second)
	var last error
	for time.Now().Before(end) {
		last = pingOnce(ctx, call, connectTimeout)
		if last == nil {
			return nil
		}
		if !sleepFor(ctx, sleep) {
			return ctx.Err()
		}
	}
	return fmt.Errorf("timed out waiting for ping module test: %v", last)
}

// pingOnce runs one test command within connectTimeout seconds.
func pingOnce(ctx context.Context, call *Call, connectTimeout int) error {
	if connectTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, time.Duration(connectTimeout)*time.Second)
		defer cancel()
	}
	res, err := call.Conn.Run(ctx, connection.Command{Cmd: "echo pong", Become: call.Become})
	if err != nil {
		return err
	}
	if strings.TrimSpace(res.Stdout) != "pong" {
		return fmt.Errorf("ping test failed")
	}
	return nil
}

// sleepFor waits seconds unless ctx ends first.
func sleepFor(ctx context.Context, seconds int) bool {
	if seconds <= 0 {
		return true
	}
	select {
	case <-ctx.Done():
		return false
	case <-time.After(time.Duration(seconds) * time.Second):
		return true
	}
}
