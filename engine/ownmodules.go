package engine

import (
	"github.com/edxplay/edxplay/internal/playbook"
	"github.com/edxplay/edxplay/modules"
	"github.com/edxplay/edxplay/modules/pymodule"
)

// taskModule is the module task t runs: the playbook's own module file
// the loader resolved its action to (library/, ANSIBLE_LIBRARY, a
// collection), else the built-in module of that name.
func (pr *playRun) taskModule(t *playbook.Task) (modules.Module, bool) {
	if t.LocalModule != "" {
		opts := pr.run.opts.OwnModules
		opts.Verbosity = pr.run.opts.Verbosity
		return pymodule.New(t.LocalModule, t.Action, opts), true
	}
	return modules.Lookup(t.Action)
}
