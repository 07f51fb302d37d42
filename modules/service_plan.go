package modules

import (
	"context"
	"maps"
)

// serviceActions are the commands a described service change runs, in
// order: enable/disable, mask/unmask, then the run-state verb.
type serviceActions struct {
	out   *Result
	steps []serviceAction
}

// serviceAction is one command and the failure it reports: Ansible's
// message and the result data as they stood when the command was due.
type serviceAction struct {
	run  func(ctx context.Context) error
	fail func(err error) *Result
}

// add records a command; failure builds its failed result from the
// error and data as it is now.
func (s *serviceActions) add(data map[string]any, run func(ctx context.Context) error, failure func(err error, data map[string]any) *Result) {
	snapshot := maps.Clone(data)
	s.steps = append(s.steps, serviceAction{run: run, fail: func(err error) *Result { return failure(err, snapshot) }})
}

// planned is the described change: out, with the commands to make it.
func (s *serviceActions) planned() *Planned {
	if !s.out.Changed {
		return reported(s.out)
	}
	return planned(s.out, func(ctx context.Context, call *Call) (*Result, error) {
		for _, st := range s.steps {
			if err := st.run(ctx); err != nil {
				return st.fail(err), nil
			}
		}
		return reportedTo(s.out, call), nil
	})
}
