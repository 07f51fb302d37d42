package modules

import (
	"context"
	"errors"

	"github.com/edxplay/edxplay/internal/modspec"
)

// Meta documents the meta actions. The engine runs them itself (they act
// on the play: handlers, hosts, facts), so Run is never reached.
type Meta struct{}

// Spec describes meta's free-form action.
func (Meta) Spec() modspec.Spec {
	return modspec.Spec{
		Name:       "meta",
		Controller: true,
		Short:      "Execute Ansible 'actions' (flush_handlers, end_play, end_host, clear_facts, ...)",
		FreeForm:   true,
		Example:    "- meta: flush_handlers\n- meta: end_host\n  when: skip_this_host | bool\n",
	}
}

// Run is never called: the engine performs meta actions.
func (Meta) Run(context.Context, *Call) (*Result, error) {
	return nil, errors.New("meta actions are run by the engine, not as a module")
}
