package engine

import (
	"fmt"

	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/playbook"
)

// mergeVariableParams applies a task whose module arguments were one
// template (`cron: "{{ item }}"`): the templated value, which must be a
// mapping, gives the arguments, and arguments given besides it win, as
// ansible-core's TaskExecutor does.
func mergeVariableParams(args map[string]any) (map[string]any, error) {
	v, ok := args[playbook.VariableParams]
	if !ok {
		return args, nil
	}
	m, ok := odict.Plain(v)
	if !ok {
		return nil, fmt.Errorf("invalid or malformed argument: '%v'", v)
	}
	out := make(map[string]any, len(m)+len(args))
	for k, val := range m {
		out[k] = val
	}
	for k, val := range args {
		if k != playbook.VariableParams {
			out[k] = val
		}
	}
	return out, nil
}
