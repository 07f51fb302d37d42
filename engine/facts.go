package engine

import (
	"context"

	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/modules"
)

// gather runs fact gathering (the setup module) on the play's hosts.
func (pr *playRun) gather(ctx context.Context, f frame) {
	t := &playbook.Task{Name: "Gathering Facts", Action: "setup", Args: gatherArgs(pr.play), Keywords: playbook.Keywords{Tags: []string{"always"}}}
	if _, ok := modules.Lookup("setup"); !ok {
		return
	}
	_ = pr.runTaskGroup(ctx, t, f, pr.activeHosts(), false)
}

// gatherArgs are the setup arguments the play's gather_subset,
// gather_timeout and fact_path keywords give (templated per host).
func gatherArgs(p *playbook.Play) map[string]any {
	args := map[string]any{}
	if len(p.GatherSubset) > 0 {
		subset := make([]any, len(p.GatherSubset))
		for i, s := range p.GatherSubset {
			subset[i] = s
		}
		args["gather_subset"] = subset
	}
	if p.GatherTimeout != nil {
		args["gather_timeout"] = p.GatherTimeout
	}
	if p.FactPath != "" {
		args["fact_path"] = p.FactPath
	}
	return args
}
