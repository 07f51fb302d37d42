package modules

import (
	"context"
	"fmt"
	"sort"

	"github.com/edxplay/edxplay/internal/modspec"
	"github.com/edxplay/edxplay/internal/odict"
	"github.com/edxplay/edxplay/internal/pyvalue"
)

// SetStats returns custom stats; the engine gathers them for the run (per
// host or for the whole run, aggregated or replaced) and the recap shows
// them with show_custom_stats.
type SetStats struct{}

// Spec describes set_stats.
func (SetStats) Spec() modspec.Spec {
	return modspec.Spec{
		Name:       "set_stats",
		Controller: true,
		Short:      "Define and display stats for the current ansible run",
		Args: []modspec.Arg{
			{Name: "data", Type: modspec.Raw, Required: true, Doc: "A dictionary of the stats to set."},
			{Name: "per_host", Type: modspec.Raw, Doc: "Whether the stats are per host (default no: for the whole run)."},
			{Name: "aggregate", Type: modspec.Raw, Doc: "Whether the stats add to earlier ones (default yes) or replace them."},
		},
		Example: "- set_stats:\n    data:\n      packages_installed: 31\n",
	}
}

// Run returns the ansible_stats result of ansible-core's set_stats action.
func (SetStats) Run(_ context.Context, call *Call) (*Result, error) {
	data, ok := odict.Plain(call.Args["data"])
	if !ok {
		return &Result{Failed: true, Msg: "The 'data' option needs to be a dictionary/hash"}, nil
	}
	stats := map[string]any{"data": map[string]any{}, "per_host": false, "aggregate": true}
	for _, opt := range []string{"per_host", "aggregate"} {
		if v, ok := call.Args[opt]; ok && v != nil {
			stats[opt] = looseBoolean(v)
		}
	}
	names := make([]string, 0, len(data))
	for k := range data {
		names = append(names, k)
	}
	sort.Strings(names)
	out := stats["data"].(map[string]any)
	for _, k := range names {
		if !identifier.MatchString(k) {
			return &Result{Failed: true, Msg: fmt.Sprintf("The variable name '%s' is not valid. Variables must start with a letter or underscore character, and contain only letters, numbers and underscores.", k)}, nil
		}
		out[k] = data[k]
	}
	return &Result{Data: map[string]any{"ansible_stats": stats}}, nil
}

// looseBoolean is Ansible's boolean(strict=False): anything not true-ish is false.
func looseBoolean(v any) bool {
	b, ok := pyvalue.Boolean(v)
	return ok && b
}
