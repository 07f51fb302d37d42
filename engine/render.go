package engine

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/modules"
)

// RenderFunc receives a file a playbook would write on a host (render
// mode): its destination path, content and requested mode.
type RenderFunc func(host, dest string, data []byte, mode string) error

// controllerModules run as usual in render mode: they only touch variables.
var controllerModules = map[string]bool{"set_fact": true, "include_vars": true, "debug": true, "assert": true}

// renderTask runs a task in render mode: template and copy-with-content
// tasks hand their file to the RenderFunc, variable modules run, and
// everything else is skipped. No host is contacted.
func (pr *playRun) renderTask(ctx context.Context, t *playbook.Task, f frame, h *hostState, hc *hostCtx) *outcome {
	if controllerModules[t.Action] {
		return pr.callModule(ctx, t, f, h, hc)
	}
	mod, ok := modules.Lookup(t.Action)
	if !ok || (t.Action != "template" && t.Action != "copy") {
		return skippedOutcome("render mode: " + t.Action + " is not run")
	}
	rendered, err := hc.Template(t.Args)
	if err != nil {
		return failureAt(t, err)
	}
	args, err := ConvertArgs(mod.Spec(), removeOmitArgs(rendered.(map[string]any)))
	if err != nil {
		return failureAt(t, err)
	}
	data, err := renderContent(t.Action, args, hc)
	if err != nil || data == nil {
		if err != nil {
			return failureAt(t, err)
		}
		return skippedOutcome("render mode: copy from a file is not rendered")
	}
	dest := fmt.Sprint(args["dest"])
	mode, _ := args["mode"].(string)
	if err := pr.run.opts.Render(h.name, dest, data, mode); err != nil {
		return failureAt(t, err)
	}
	return &outcome{changed: true, result: map[string]any{"changed": true, "dest": dest}}
}

// renderContent returns what a template or copy-with-content task writes.
func renderContent(action string, args map[string]any, hc *hostCtx) ([]byte, error) {
	if action == "copy" {
		c, ok := args["content"]
		if !ok {
			return nil, nil
		}
		if s, isStr := c.(string); isStr {
			return []byte(s), nil
		}
		return []byte(fmt.Sprint(c)), nil
	}
	src := fmt.Sprint(args["src"])
	path, err := hc.FindFile("templates", src)
	if err != nil {
		return nil, err
	}
	trim, _ := args["trim_blocks"].(bool)
	lstrip, _ := args["lstrip_blocks"].(bool)
	return hc.RenderFile(filepath.Clean(path), modules.TemplateOptions{TrimBlocks: trim, LstripBlocks: lstrip,
		Dest: fmt.Sprint(args["dest"])})
}

func skippedOutcome(reason string) *outcome {
	return &outcome{skipped: true, result: map[string]any{"changed": false, "skipped": true, "skip_reason": reason}}
}

// useRenderFacts gives every host the facts assumed in render mode.
func (pr *playRun) useRenderFacts() {
	for _, name := range pr.hosts {
		h := pr.run.host(name)
		h.mu.Lock()
		for k, v := range pr.run.opts.RenderFacts {
			h.facts[k] = v
		}
		h.mu.Unlock()
	}
}
