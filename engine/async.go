package engine

import (
	"fmt"

	"github.com/edxplay/edxplay/internal/playbook"
)

// defaultPoll is ansible-core's poll interval of async tasks.
const defaultPoll = 15

// asyncLimit returns the seconds an async task (async: N with poll > 0)
// may run: edxplay runs it to completion in the foreground within that
// bound, which is what polling it observes. Fire-and-forget (poll: 0) is
// not implemented and is an error; 0 means the task is not async.
func asyncLimit(t *playbook.Task, hc *hostCtx) (int, error) {
	if t.Async == nil {
		return 0, nil
	}
	limit := hc.intOr(t.Async, 0)
	if limit <= 0 {
		return 0, nil
	}
	if t.Poll != nil && hc.intOr(t.Poll, defaultPoll) == 0 {
		return 0, fmt.Errorf("async with poll: 0 (fire-and-forget) is not implemented by edxplay")
	}
	return limit, nil
}
