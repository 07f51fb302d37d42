package modules

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/pyvalue"
)

// SetFact sets host variables from its arguments.
type SetFact struct{}

// Spec describes set_fact; any argument other than cacheable names a fact.
func (SetFact) Spec() modspec.Spec {
	return modspec.Spec{
		Name:       "set_fact",
		Controller: true,
		Short:      "Set host variable(s) and fact(s)",
		AnyArgs:    true,
		Args: []modspec.Arg{
			{Name: "cacheable", Type: modspec.Bool, Default: false, Doc: "Also store the variables as facts in the fact cache."},
		},
		Example: "- set_fact:\n    app_port: 8080\n",
	}
}

var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Run returns every non-cacheable argument as a fact.
func (SetFact) Run(ctx context.Context, call *Call) (*Result, error) {
	facts := map[string]any{}
	names := make([]string, 0, len(call.Args))
	for k := range call.Args {
		if k != "cacheable" {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	for _, raw := range names {
		k, err := factName(call, raw)
		if err != nil {
			return nil, err
		}
		if !identifier.MatchString(k) {
			return nil, fmt.Errorf("The variable name '%s' is not valid. Variables must start with a letter or underscore character, and contain only letters, numbers and underscores.", k)
		}
		facts[k] = boolish(call.Args[raw])
	}
	if len(facts) == 0 {
		return nil, fmt.Errorf("No key/value pairs provided, at least one is required for this action to succeed")
	}
	return &Result{
		Facts:          facts,
		CacheableFacts: args(call.Args).boolean("cacheable"),
		Data:           map[string]any{"ansible_facts": facts},
	}, nil
}

// boolish converts the strings yes/no/true/false (any case) to booleans,
// as set_fact does for values that are not native types.
func boolish(v any) any {
	s, ok := v.(string)
	if !ok {
		return v
	}
	switch strings.ToLower(s) {
	case "yes", "no", "true", "false":
		b, _ := pyvalue.Boolean(s)
		return b
	}
	return v
}

// factName templates a fact's name as ansible-core's set_fact does
// ("{{ prefix }}_fact": value); a name without a template is kept.
func factName(call *Call, name string) (string, error) {
	if !strings.Contains(name, "{{") && !strings.Contains(name, "{%") {
		return name, nil
	}
	v, err := call.Host.Template(name)
	if err != nil {
		return "", fmt.Errorf("fact name %s: %w", name, err)
	}
	return fmt.Sprint(v), nil
}
