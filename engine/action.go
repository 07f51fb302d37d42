package engine

import (
	"fmt"
	"strings"

	"github.com/edxplay/edxplay/internal/jinja"
	"github.com/edxplay/edxplay/internal/playbook"
)

// resolveAction renders a templated module name (`action: "{{ mod }}"`)
// in the host's scope, as Ansible does per host when the task runs; the
// task it returns names the rendered module. A task naming its module
// plainly is returned as is.
func resolveAction(t *playbook.Task, hc *hostCtx) (*playbook.Task, error) {
	if !jinja.IsTemplate(t.ActionName) {
		return t, nil
	}
	v, err := hc.Template(t.ActionName)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", t.Pos, err)
	}
	name := strings.TrimSpace(fmt.Sprint(v))
	rt := *t
	rt.ActionName, rt.Action = name, playbook.ShortActionName(name)
	return &rt, nil
}
