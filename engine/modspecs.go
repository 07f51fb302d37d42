package engine

import (
	"sync"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/modules"
	"github.com/edxplay/edxplay/modules/pymodule"
)

// specCache holds each module's spec, built once per run: a module's Spec
// builds its argument list anew on every call, and the engine reads the
// spec of every task on every host (a thousand hosts kept a thousand
// copies of the same list alive at once). The specs are read-only.
type specCache struct {
	byAction sync.Map // task action name -> modspec.Spec
}

// of returns the spec of mod, the module of a task with this action.
func (c *specCache) of(action string, mod modules.Module) modspec.Spec {
	if _, own := mod.(*pymodule.Module); own {
		return mod.Spec() // a playbook's own module may share a built-in's name
	}
	if s, ok := c.byAction.Load(action); ok {
		return s.(modspec.Spec)
	}
	s := mod.Spec()
	c.byAction.Store(action, s)
	return s
}
