package engine

import (
	"context"

	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/modules"
)

// gather runs fact gathering (the setup module) on the play's hosts.
func (pr *playRun) gather(ctx context.Context, f frame) {
	t := &playbook.Task{Name: "Gathering Facts", Action: "setup", Args: map[string]any{}, Keywords: playbook.Keywords{Tags: []string{"always"}}}
	if _, ok := modules.Lookup("setup"); !ok {
		return
	}
	_ = pr.runTaskGroup(ctx, t, f, pr.activeHosts(), false)
}
