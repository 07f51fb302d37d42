package engine

import (
	"context"
	"errors"
	"fmt"

	"github.com/edxplay/edxplay/internal/connection"
	"github.com/edxplay/edxplay/modules"
)

// connLosses is how often the host's connection broke so far; 0 for
// transports that cannot break.
func connLosses(c connection.Conn) uint64 {
	if p, ok := c.(*probeConn); ok {
		c = p.Conn
	}
	if lc, ok := c.(connection.LossCounter); ok {
		return lc.Losses()
	}
	return 0
}

// lostMidTask is the unreachable outcome of a task that failed (or
// errored) after the host's connection broke during it; nil when the task
// did not fail or the connection held. Cancellation is not a loss.
func lostMidTask(c connection.Conn, lossesBefore uint64, res *modules.Result, err error) *outcome {
	if errors.Is(err, context.Canceled) || connLosses(c) == lossesBefore {
		return nil
	}
	var msg string
	switch {
	case err != nil:
		msg = err.Error()
	case res != nil && res.Failed:
		msg = res.Msg
	default:
		return nil
	}
	return &outcome{unreachable: true, result: map[string]any{"unreachable": true, "changed": false,
		"msg": fmt.Sprintf("%s: connection to the host lost during the task: %s", connection.ErrUnreachable, msg)}}
}
